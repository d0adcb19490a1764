package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Companion signatures: every primitive result, generic throws clauses, varargs, visibility. */
public class Signatures {

    @Async
    static <X extends Exception> int rethrow(X failure) throws X {
        await(Src.tick());
        throw failure;
    }

    @Async
    @SafeVarargs
    static <T> List<T> collect(T... items) {
        List<T> out = new ArrayList<>();
        for (T t : items) out.add(await(Src.v(t)));
        return out;
    }

    @Async
    protected static String visibleToSubclasses(String s) {
        return "protected " + await(Src.s(s));
    }

    @Async
    public static String visibleEverywhere(String s) {
        return "public " + await(Src.s(s));
    }

    @Async
    static int declaresException(int v) throws Exception {
        if (v < 0) throw new Exception("negative");
        return await(Src.i(v));
    }

    @Async
    static char shapeReturnsChar() {
        return (char) (await(Src.v('a')) + 1);
    }

    @Async
    static byte shapeReturnsByte() {
        return (byte) (await(Src.i(200)) + 1);
    }

    @Async
    static short shapeReturnsShort() {
        return (short) (0 + await(Src.i(70000)));
    }

    @Async
    static float shapeReturnsFloat() {
        return await(Src.v(1.25f)) * 2;
    }

    @Async
    static double shapeReturnsDouble() {
        return await(Src.v(1.0)) / 3;
    }

    @Async
    static Object shapeReturnsObjectArray() {
        return new Object[] {await(Src.i(1)), await(Src.s("two")), null};
    }

    @Async
    static String shapeGenericThrowsClause() {
        StringBuilder out = new StringBuilder();
        try {
            await(SignaturesAsync.rethrow(new IOException("io")));
        } catch (IOException e) {
            out.append("io:").append(e.getMessage());
        }
        try {
            await(SignaturesAsync.rethrow(new IllegalStateException("ise")));
        } catch (IllegalStateException e) {
            out.append(" ise:").append(e.getMessage());
        }
        return out.toString();
    }

    @Async
    static String shapeGenericVarargsHelper() {
        List<String> a = await(SignaturesAsync.collect("x", "y"));
        List<Integer> b = await(SignaturesAsync.collect(1, 2, 3));
        List<Object> c = await(SignaturesAsync.<Object>collect());
        return a + " " + b + " " + c;
    }

    @Async
    static String shapeVisibilities() {
        return await(SignaturesAsync.visibleToSubclasses("a")) + " " + await(SignaturesAsync.visibleEverywhere("b"));
    }

    @Async
    static String shapeThrowsException() throws Exception {
        int ok = await(SignaturesAsync.declaresException(5));
        try {
            await(SignaturesAsync.declaresException(-1));
        } catch (Exception e) {
            Log.add("caught " + e.getMessage());
        }
        return "ok " + ok;
    }

    @Async
    static String shapeCatchReturnThenFinallyThrows() {
        try {
            try {
                return Log.add("returning " + await(Src.i(1)));
            } finally {
                await(Src.tick());
                if (Log.b("finally throws", true)) throw new IllegalStateException("finally wins");
            }
        } catch (IllegalStateException e) {
            return Log.add("caught " + e.getMessage());
        }
    }

    @Async
    static String shapeExceptionFromInnerCatchToOuterCatch() {
        try {
            try {
                await(Src.fail(new IllegalArgumentException("first")));
            } catch (IllegalArgumentException e) {
                Log.add("inner caught " + e.getMessage());
                await(Src.fail(new UnsupportedOperationException("second")));
            }
            return "no";
        } catch (UnsupportedOperationException e) {
            return Log.add("outer caught " + e.getMessage());
        }
    }
}
