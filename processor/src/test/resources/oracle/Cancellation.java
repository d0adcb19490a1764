package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.IoRes;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Res;
import dev.jawait.processor.oracle.Src;
import java.io.IOException;

/**
 * Cleanup paths for OracleCancellationTest (which aborts at each await in turn); also ordinary
 * oracle shapes. Nothing here catches exceptions, so a cancellation ends every shape.
 */
public class Cancellation {

    @Async
    static String shapeCancelNestedFinally() {
        try {
            Log.add("outer try " + await(Src.s("a")));
            try {
                Log.add("inner try " + await(Src.s("b")));
                Log.add("inner more " + await(Src.s("c")));
            } finally {
                Log.add("inner finally");
            }
            Log.add("between " + await(Src.s("d")));
        } finally {
            Log.add("outer finally");
        }
        return Log.add("end");
    }

    @Async
    static String shapeCancelResources() {
        try (Res a = Res.open("a"); Res b = Res.open("b" + await(Src.i(1)))) {
            Log.add("body " + await(Src.s("x")));
            try (Res c = Res.open("c")) {
                c.use(await(Src.s("y")));
            }
            b.use(await(Src.s("z")));
        }
        return Log.add("end");
    }

    @Async
    static String shapeCancelInLoopWithResources() throws IOException {
        for (int i = 0; i < 3; i++) {
            try (IoRes r = IoRes.open("r" + i)) {
                try {
                    Log.add("iteration " + await(Src.i(i)));
                } finally {
                    Log.add("finally " + i);
                }
            }
        }
        return Log.add("end");
    }

    @Async
    static String shapeCancelAwaitInFinally() {
        try {
            Log.add("try " + await(Src.s("a")));
        } finally {
            Log.add("cleanup " + await(Src.s("cleanup")));
            Log.add("cleanup done");
        }
        return Log.add("end");
    }

    @Async
    static int shapeCancelInsideCompanionCall() {
        try {
            return await(CancellationAsync.helper(2)) + await(Src.i(1));
        } finally {
            Log.add("caller finally");
        }
    }

    @Async
    static int helper(int n) {
        try (Res r = Res.open("helper" + n)) {
            int sum = 0;
            for (int i = 0; i < n; i++) sum += await(Src.i(i));
            return sum;
        } finally {
            Log.add("helper finally");
        }
    }

    @Async
    static String shapeCancelWithFailingClose() {
        try (Res a = Res.failingClose("a"); Res b = Res.open("b")) {
            Log.add("body " + await(Src.s("x")));
            b.use(await(Src.s("y")));
        }
        return Log.add("end");
    }

    @Async
    static String shapeCancelInCatchAndSwitch() {
        for (int i = 0; i < 2; i++) {
            try {
                await(Src.fail(new IllegalStateException("planned " + i)));
            } catch (IllegalStateException e) {
                try {
                    switch (await(Src.i(i))) {
                        case 0 -> Log.add("case 0 " + await(Src.s("c0")));
                        default -> Log.add("default " + await(Src.s("d")));
                    }
                } finally {
                    Log.add("finally in catch " + i);
                }
            }
        }
        return Log.add("end");
    }

    @Async
    static String shapeCancelInFinallyAfterException() {
        try {
            try {
                Log.add("body " + await(Src.s("a")));
                throw new IllegalStateException("original");
            } finally {
                Log.add("cleanup " + await(Src.s("f")));
            }
        } finally {
            Log.add("outer finally");
        }
    }
}
