package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** if/else with await in conditions and branches, early returns, definite assignment. */
public class Conditionals {

    @Async
    static String shapeIfCondition() {
        if (await(Src.i(3)) > 2) {
            Log.add("then");
        } else {
            Log.add("else");
        }
        return Log.add("done");
    }

    @Async
    static String shapeIfElseChain() {
        int v = await(Src.i(5));
        String r;
        if (v < 0) {
            r = "neg";
        } else if (v < await(Src.i(3))) {
            r = "small";
        } else if (v < await(Src.i(10))) {
            r = "medium " + await(Src.s("m"));
        } else {
            r = "large";
        }
        return Log.add(r);
    }

    @Async
    static int shapeIfWithoutBraces() {
        int x = 0;
        if (await(Src.b(true))) x = await(Src.i(4));
        else x = -1;
        if (x > 3) x += await(Src.i(1));
        return x;
    }

    @Async
    static String shapeEarlyReturnInBranch() {
        Log.add("start");
        if (await(Src.b(true))) {
            Log.add("returning");
            return await(Src.s("early"));
        }
        Log.add("never");
        return "late";
    }

    @Async
    static String shapeNestedIfs() {
        int a = await(Src.i(1));
        int b = await(Src.i(2));
        if (a < b) {
            if (await(Src.i(a + b)) == 3) {
                if (Log.b("inner", b > 5)) {
                    return "deep";
                }
                return Log.add("mid " + await(Src.s("x")));
            }
        }
        return "out";
    }

    @Async
    static int shapeDefiniteAssignmentAcrossBranches() {
        int x;
        final int y;
        if (await(Src.b(false))) {
            x = 1;
            y = await(Src.i(10));
        } else {
            x = await(Src.i(2));
            y = 20;
        }
        return x + y;
    }

    @Async
    static String shapeEmptyAndSingleStatementBranches() {
        if (await(Src.b(true))) {
        } else {
            Log.add("else");
        }
        if (!await(Src.b(true))) ;
        return Log.add("end");
    }

    @Async
    static String shapeBlocksAndShadowingNames() {
        String out = "";
        {
            int v = await(Src.i(1));
            out += v;
        }
        {
            String v = await(Src.s("two"));
            out += v;
        }
        {
            long v = await(Src.l(3L));
            out += v;
        }
        return Log.add(out);
    }

    @Async
    static int shapeConditionWithAssignment() {
        int n;
        if ((n = await(Src.i(7))) > 5 && (n = n + await(Src.i(1))) > 0) {
            Log.i("n", n);
        }
        return n;
    }

    @Async
    static String shapeVoidHelperCalls() {
        await(Src.tick());
        Log.add("ticked");
        Void nothing = await(Src.tick());
        return Log.add("got " + nothing);
    }
}
