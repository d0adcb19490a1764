package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.IoRes;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Res;
import dev.jawait.processor.oracle.Src;
import java.io.IOException;

/** try-with-resources: reverse close, suppressed exceptions, awaits in headers and bodies. */
public class Resources {

    @Async
    static String shapeSingleResource() {
        try (Res r = Res.open("a")) {
            return r.use(await(Src.s("x")));
        }
    }

    @Async
    static String shapeReverseCloseOrder() {
        try (Res a = Res.open("a"); Res b = Res.open("b"); Res c = Res.open("c")) {
            Log.add("body " + await(Src.i(1)));
            b.use(await(Src.s("y")));
        }
        return Log.add("after");
    }

    @Async
    static String shapeAwaitInResourceInitializer() {
        try (Res a = Res.open("a" + await(Src.i(1))); Res b = Res.open(await(Src.s("b")))) {
            Log.add("body");
        }
        return Log.add("end");
    }

    @Async
    static String shapeResourceInitializerFails() {
        try (Res a = Res.open("a"); Res b = Res.open("b" + await(Src.fail(new IllegalStateException("init"))))) {
            Log.add("never");
        } catch (IllegalStateException e) {
            Log.add("caught " + e.getMessage());
        }
        return Log.add("end");
    }

    @Async
    static String shapeBodyThrowsCloseSucceeds() {
        try (Res a = Res.open("a")) {
            await(Src.tick());
            throw new IllegalStateException("body");
        } catch (IllegalStateException e) {
            return Log.add("caught " + e.getMessage() + " suppressed=" + e.getSuppressed().length);
        }
    }

    @Async
    static String shapeSuppressedCloseFailures() {
        try (Res a = Res.failingClose("a"); Res b = Res.failingClose("b")) {
            Log.add("body " + await(Src.s("x")));
            throw new IllegalArgumentException("primary");
        } catch (IllegalArgumentException e) {
            StringBuilder out = new StringBuilder(e.getMessage());
            for (Throwable s : e.getSuppressed()) out.append(" +").append(s.getMessage());
            return Log.add(out.toString());
        }
    }

    @Async
    static String shapeCloseFailureIsPrimaryWithoutBodyFailure() {
        try {
            try (Res a = Res.failingClose("a"); Res b = Res.failingClose("b")) {
                Log.add("body " + await(Src.i(1)));
            }
        } catch (IllegalStateException e) {
            return Log.add(e.getMessage() + " suppressed " + e.getSuppressed()[0].getMessage());
        }
        return "no";
    }

    @Async
    static String shapeCloseFailureEscapes() {
        try (Res a = Res.open("a"); Res b = Res.failingClose("b")) {
            return b.use(await(Src.s("v")));
        }
    }

    @Async
    static String shapeCheckedCloseException() {
        try (IoRes r = IoRes.failingClose("io")) {
            Log.add("body " + await(Src.io(1)));
        } catch (IOException e) {
            return Log.add("caught " + e.getMessage());
        }
        return "no";
    }

    @Async
    static String shapeExistingVariableAsResource() {
        Res outer = Res.open("outer");
        Res awaited = await(Src.v(Res.open("awaited")));
        try (outer; awaited) {
            Log.add("body " + await(Src.s("x")));
        }
        return Log.add("end");
    }

    @Async
    static String shapeNullResourceIsSkipped() {
        try (Res none = await(Src.v((Res) null)); Res a = Res.open("a")) {
            Log.add("body " + (none == null));
        }
        return Log.add("end");
    }

    @Async
    static String shapeResourcesWithFinally() {
        try (Res a = Res.open("a")) {
            Log.add("body " + await(Src.s("x")));
            return "returned";
        } finally {
            Log.add("finally " + await(Src.s("y")));
        }
    }

    @Async
    static String shapeNestedResourcesInLoop() {
        for (int i = 0; i < 2; i++) {
            try (Res outer = Res.open("o" + i)) {
                for (int j = 0; j < 2; j++) {
                    try (Res inner = Res.open("i" + i + j)) {
                        if (await(Src.i(j)) == 1 && i == 0) continue;
                        inner.use(await(Src.s("v")));
                    }
                }
                if (i == 1) break;
            }
        }
        return Log.add("end");
    }

    @Async
    static String shapeResourceUsedAcrossAwaits() {
        try (Res r = Res.open("r")) {
            String a = r.use(await(Src.i(1)));
            String b = r.use(await(Src.i(2)));
            return Log.add(a + "|" + b + "|" + r.name());
        }
    }

    @Async
    static String shapeFailingCloseWithInjectedBodyFailure() {
        try (Res a = Res.failingClose("a")) {
            return a.use(await(Src.i(1)) + await(Src.i(2)));
        }
    }
}
