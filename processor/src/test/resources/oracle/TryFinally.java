package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.io.IOException;
import java.io.UncheckedIOException;

/** try/catch/finally with await in each part, and finally on every kind of exit. */
public class TryFinally {

    static class AppException extends Exception {
        AppException(String message) {
            super(message);
        }
    }

    @Async
    static String shapeAwaitInTry() {
        try {
            return Log.add("try " + await(Src.s("v")));
        } finally {
            Log.add("finally");
        }
    }

    @Async
    static String shapeAwaitInCatch() {
        try {
            Log.add("try");
            throw new IllegalStateException("boom");
        } catch (IllegalStateException e) {
            return Log.add("caught " + e.getMessage() + await(Src.s("!")));
        }
    }

    @Async
    static String shapeAwaitInFinally() {
        String r = "r";
        try {
            r += Log.add("try");
        } finally {
            r += await(Src.s("-fin"));
            Log.add("finally " + r);
        }
        return r;
    }

    @Async
    static String shapeAwaitInAllThree() {
        StringBuilder out = new StringBuilder();
        try {
            out.append(await(Src.s("t")));
            if (out.length() > 0) throw new IllegalStateException("x");
        } catch (IllegalStateException e) {
            out.append(await(Src.s("c")));
        } finally {
            out.append(await(Src.s("f")));
        }
        return out.toString();
    }

    @Async
    static int shapeFinallyOnNormalExit() {
        int x = 0;
        try {
            x = await(Src.i(1));
        } finally {
            Log.i("finally x", x);
        }
        return x;
    }

    @Async
    static int shapeFinallyOnReturn() {
        int x = 0;
        try {
            x = await(Src.i(5));
            return x;
        } finally {
            x = 99; // does not change the returned value
            Log.i("finally", x);
        }
    }

    @Async
    static int shapeFinallyOnBreak() {
        int i = 0;
        while (true) {
            try {
                i += await(Src.i(1));
                if (i == 3) break;
            } finally {
                Log.i("finally", i);
            }
        }
        return i;
    }

    @Async
    static int shapeFinallyOnContinue() {
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            try {
                if (i % 2 == 0) continue;
                sum += await(Src.i(i));
            } finally {
                Log.i("finally", i);
            }
        }
        return sum;
    }

    @Async
    static String shapeFinallyOnException() {
        try {
            try {
                await(Src.i(1));
                throw new IllegalStateException("inner");
            } finally {
                Log.add("inner finally " + await(Src.s("x")));
            }
        } catch (IllegalStateException e) {
            return Log.add("outer caught " + e.getMessage());
        }
    }

    @Async
    static String shapeFinallyOnUncaughtException() {
        try {
            Log.add("try");
            throw new UnsupportedOperationException("escapes " + await(Src.s("!")));
        } finally {
            Log.add("finally");
        }
    }

    @Async
    static int shapeReturnInFinallyOverrides() {
        try {
            Log.add("try");
            throw new IllegalStateException("lost");
        } finally {
            return await(Src.i(7));
        }
    }

    @Async
    static String shapeExceptionInFinallyReplaces() {
        try {
            try {
                throw new IllegalStateException("first");
            } finally {
                await(Src.tick());
                throw new IllegalArgumentException("second");
            }
        } catch (RuntimeException e) {
            return Log.add(e.getClass().getSimpleName() + ":" + e.getMessage() + ":" + e.getSuppressed().length);
        }
    }

    @Async
    static int shapeReturnValueFixedBeforeFinallyAwaits() {
        int[] box = {1};
        try {
            return box[0] + await(Src.i(10));
        } finally {
            box[0] = await(Src.i(100));
            Log.i("box", box[0]);
        }
    }

    @Async
    static String shapeCatchOrderAndMultiCatch() {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            try {
                int v = await(Src.i(k));
                if (v == 0) throw new IllegalArgumentException("iae");
                if (v == 1) throw new ArithmeticException("ae");
                throw new UnsupportedOperationException("uoe");
            } catch (IllegalArgumentException | ArithmeticException e) {
                out.append(await(Src.s("multi:"))).append(e.getMessage()).append(';');
            } catch (RuntimeException e) {
                out.append("rt:").append(e.getMessage());
            }
        }
        return out.toString();
    }

    @Async
    static String shapeRethrowFromCatch() {
        try {
            try {
                await(Src.i(1));
                throw new IllegalStateException("orig");
            } catch (IllegalStateException e) {
                Log.add("caught once");
                throw new RuntimeException("wrapped " + await(Src.s("w")), e);
            }
        } catch (RuntimeException e) {
            return Log.add(e.getMessage() + " cause=" + e.getCause().getMessage());
        }
    }

    @Async
    static String shapeExceptionFromAwaitedFailure() {
        try {
            return await(Src.fail(new IllegalStateException("from future")));
        } catch (IllegalStateException e) {
            return Log.add("caught " + e.getMessage());
        }
    }

    @Async
    static String shapeCheckedExceptionCaughtAtAwait() {
        try {
            return await(Src.failIo("disk"));
        } catch (IOException e) {
            return Log.add("io " + e.getMessage() + " " + await(Src.s("after")));
        }
    }

    @Async
    static String shapeCheckedGenericFailure() {
        try {
            Integer never = await(Src.<Integer, AppException>failWith(new AppException("app")));
            return "got " + never;
        } catch (AppException e) {
            return Log.add("app " + e.getMessage());
        }
    }

    @Async
    static int shapeIoSourcesMaybeFailing() throws IOException {
        int a = await(Src.io(1));
        int b;
        try {
            b = await(Src.io(2));
        } catch (IOException e) {
            Log.add("recovered " + e.getMessage());
            b = -2;
        }
        return a + b + await(Src.io(3));
    }

    @Async
    static String shapeCatchAnyInjectedFailure() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            try {
                out.append(await(Src.i(i)));
            } catch (RuntimeException e) {
                out.append("[").append(e.getMessage()).append("]");
            }
        }
        return out.toString();
    }

    @Async
    static String shapeNestedTryFinallyOrder() {
        try {
            try {
                try {
                    Log.add("body " + await(Src.s("x")));
                } finally {
                    Log.add("f1 " + await(Src.s("a")));
                }
            } finally {
                Log.add("f2");
            }
        } finally {
            Log.add("f3 " + await(Src.s("c")));
        }
        return Log.add("end");
    }

    @Async
    static int shapeTryInLoopWithBreakFromCatch() {
        int i = 0;
        for (;;) {
            try {
                i++;
                if (await(Src.i(i)) == 3) throw new IllegalStateException("stop");
            } catch (IllegalStateException e) {
                Log.add("catch " + i);
                break;
            } finally {
                Log.add("finally " + i + await(Src.s("")));
            }
        }
        return i;
    }

    @Async
    static String shapeLabelledBreakThroughTwoFinally() {
        outer:
        for (int i = 0; i < 3; i++) {
            try {
                for (int j = 0; j < 3; j++) {
                    try {
                        if (await(Src.i(i + j)) == 2) break outer;
                    } finally {
                        Log.add("inner " + i + j);
                    }
                }
            } finally {
                Log.add("outer " + i + await(Src.s("")));
            }
        }
        return Log.add("after");
    }

    @Async
    static String shapeContinueThroughFinallyWithAwait() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            try {
                if (i == 1) continue;
                out.append(i);
            } finally {
                out.append(await(Src.s("f")));
            }
        }
        return out.toString();
    }

    @Async
    static String shapeExceptionVariableAcrossAwait() {
        try {
            throw new IllegalStateException("kept");
        } catch (IllegalStateException e) {
            await(Src.tick());
            String m = e.getMessage();
            await(Src.tick());
            return Log.add(m + "/" + e.getMessage());
        }
    }

    @Async
    static String shapeUncheckedWrapping() {
        try {
            try {
                await(Src.failIo("inner io"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "no";
        } catch (UncheckedIOException e) {
            return Log.add("unchecked " + e.getCause().getMessage());
        }
    }

    @Async
    static String shapeTryCatchNoException() {
        try {
            Log.add("try " + await(Src.i(1)));
        } catch (RuntimeException e) {
            Log.add("never");
        }
        return Log.add("end");
    }

    @Async
    static String shapeFinallyRunsOnceWhenCatchThrows() {
        try {
            try {
                throw new IllegalStateException("a");
            } catch (IllegalStateException e) {
                await(Src.tick());
                throw new IllegalArgumentException("b");
            } finally {
                Log.add("finally " + await(Src.s("once")));
            }
        } catch (IllegalArgumentException e) {
            return Log.add("outer " + e.getMessage());
        }
    }

    @Async
    static String shapeTryFinallyInsideSwitchCase() {
        switch (await(Src.i(1))) {
            case 1:
                try {
                    return Log.add("case1 " + await(Src.s("r")));
                } finally {
                    Log.add("fin");
                }
            default:
                return "default";
        }
    }
}
