package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** throw with awaits, checked exceptions declared and propagated, exceptions out of loops. */
public class Throws {

    @Async
    static int shapeThrowAwaitedException() {
        Log.add("start");
        throw await(Src.v(new IllegalStateException("awaited exception")));
    }

    @Async
    static String shapeThrowWithAwaitInMessage() {
        if (await(Src.b(true))) {
            throw new IllegalArgumentException("bad " + await(Src.i(42)) + Log.add("!"));
        }
        return "no";
    }

    @Async
    static int shapeThrowsDeclaredChecked() throws IOException {
        int v = await(Src.io(3));
        if (v == 3) throw new IOException("declared " + await(Src.io("x")));
        return v;
    }

    @Async
    static int shapeThrowsSubclassOfDeclared() throws IOException {
        await(Src.tick());
        throw new FileNotFoundException("missing " + await(Src.s("file")));
    }

    @Async
    static String shapeTwoCheckedExceptionsDeclared() throws IOException, TimeoutException {
        int v = await(Src.io(1));
        if (v == 1) throw new TimeoutException("slow " + await(Src.s("x")));
        return "no";
    }

    @Async
    static int shapeThrowOutOfLoop() {
        int i = 0;
        while (true) {
            i += await(Src.i(1));
            if (i == 3) throw new IllegalStateException("at " + i);
            Log.i("i", i);
        }
    }

    @Async
    static int shapeExceptionFromPlainCallAfterAwait() {
        String s = await(Src.s("not a number"));
        return Integer.parseInt(s);
    }

    @Async
    static String shapeNullPointerAfterAwait() {
        String s = await(Src.v((String) null));
        Log.add("before deref");
        return s.trim();
    }

    @Async
    static String shapeErrorSubclassPropagates() {
        await(Src.tick());
        throw new AssertionError("an Error, not an Exception");
    }

    @Async
    static String shapeThrowableCaughtAndInspected() {
        try {
            await(Src.fail(new ArithmeticException("math")));
            return "no";
        } catch (Throwable t) {
            return Log.add(t.getClass().getSimpleName() + " " + t.getMessage());
        }
    }

    @Async
    static String shapeRethrowCheckedAfterAwaitInCatch() throws IOException {
        try {
            return "v" + await(Src.failIo("first"));
        } catch (IOException e) {
            Log.add("handling " + await(Src.s("h")));
            throw e;
        }
    }

    @Async
    static String shapeThrowInsideSwitchExpression() {
        try {
            return switch (await(Src.i(3))) {
                case 1 -> "one";
                default -> throw new IllegalStateException("no case " + await(Src.i(3)));
            };
        } catch (IllegalStateException e) {
            return Log.add(e.getMessage());
        }
    }
}
