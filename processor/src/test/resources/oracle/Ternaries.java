package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** Conditional expressions whose arms await, throw, or nest, in every kind of position. */
public class Ternaries {

    static int boom(String why) {
        throw new IllegalStateException(Log.add("boom " + why));
    }

    @Async
    static String shapeUnchosenArmNeverRuns() {
        int a = await(Src.b(true)) ? await(Src.i(1)) : boom("a");
        int b = await(Src.b(false)) ? boom("b") : await(Src.i(2));
        return a + ":" + b;
    }

    @Async
    static String shapeChosenArmThrows() {
        try {
            int v = await(Src.b(true)) ? boom("chosen") + await(Src.i(1)) : 0;
            return "v" + v;
        } catch (IllegalStateException e) {
            return Log.add("caught " + e.getMessage());
        }
    }

    @Async
    static int shapeTernaryAsArrayIndexAndTarget() {
        int[] a = {0, 0};
        a[await(Src.b(true)) ? 1 : 0] = await(Src.b(false)) ? -1 : await(Src.i(9));
        return a[0] * 10 + a[1];
    }

    @Async
    static String shapeTernaryInLoopConditionAndUpdate() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < (await(Src.b(true)) ? 4 : 0); i += i % 2 == 0 ? await(Src.i(1)) : 2) {
            out.append(i);
        }
        return out.toString();
    }

    @Async
    static String shapeTernaryChainOfAwaits() {
        String s = "";
        for (int k = 0; k < 4; k++) {
            s += k == 0 ? await(Src.s("zero"))
                    : k == 1 ? Log.add("one")
                    : k == 2 ? await(Src.s("two")) + await(Src.s("!"))
                    : "other";
        }
        return s;
    }
}
