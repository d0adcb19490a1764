package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/**
 * A private static member named through an expression ({@code make().sP}): Java evaluates the
 * expression for its side effects, discards its value (even null) and then uses the static
 * member (JLS 15.11.1, 15.12.4.1). The state machine reaches private statics through bridges;
 * the expression must still run, once, first.
 */
@SuppressWarnings("static-access")
public class StaticViaInstance {
    private static int sP = 5;
    private static String sS = "a";

    private static int twice(int x) {
        return Log.i("twice", 2 * x);
    }

    private static StaticViaInstance make(String tag) {
        Log.add("make " + tag);
        return null; // a null receiver of a static member is never dereferenced
    }

    @Async
    static String shapeReadAssignCompoundIncrement() {
        sP = 5;
        sS = "a";
        int k = await(Src.i(2));
        int read = make("read").sP;
        make("assign").sP = k + 10;
        make("compound").sP += Log.i("rhs", 3);
        int post = make("post").sP++;
        int pre = --make("pre").sP;
        make("concat").sS += await(Src.s("b"));
        return read + " " + post + " " + pre + " " + sP + " " + sS;
    }

    @Async
    static int shapeAwaitInTheReceiverAndTheRightSide() {
        sP = 1;
        await(Src.v(make("awaited"))).sP *= await(Src.i(7));
        return make("after").sP + await(Src.v(make("again"))).sP;
    }

    @Async
    static int shapePrivateStaticMethodThroughAnExpression() {
        int a = make("call").twice(await(Src.i(4)));
        return a + make("call2").twice(1);
    }
}
