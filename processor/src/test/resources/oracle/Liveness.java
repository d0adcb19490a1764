package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Res;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Locals at the edge of "live across an await": those that stay Java locals of one state and
 * those that must be fields (back edges, catch/finally after the try, switch fallthrough,
 * operands used after a later await, regions the lowering starts as states of their own).
 */
public class Liveness {

    static int sum(int a, int b) {
        return Log.i("sum", a + b);
    }

    static String apply(Supplier<String> s, String tail) {
        return Log.add(s.get() + tail);
    }

    static final class Box {
        int value;
    }

    static final class Frozen {
        final int v;

        Frozen(int v) {
            this.v = v;
        }
    }

    @Async
    static int shapeLocalOnlyBetweenAwaits() {
        int first = await(Src.i(1));
        int doubled = first * 2;                 // declared and used between two awaits
        Log.i("doubled", doubled);
        int second = await(Src.i(doubled));
        return second + 1;
    }

    @Async
    static String shapeLocalUsedInCatchAndFinallyAfterAwaitInTry() {
        int attempts = Log.i("attempts", 1);
        String out = "none";
        try {
            attempts++;
            out = await(Src.s("body")) + attempts;
            attempts += 10;
        } catch (RuntimeException e) {
            Log.i("caught with", attempts);
            out = "recovered";
        } finally {
            Log.i("finally with", attempts);
        }
        return out + attempts;
    }

    @Async
    static String shapeLocalReadInTryBodyBeforeItsAwait() {
        String tag = Log.add("tag");
        try {
            Log.add("in try " + tag);
            await(Src.tick());
        } finally {
            Log.add("finally");
        }
        return "done";
    }

    @Async
    static int shapeSwitchFallthroughCarriesLocals() {
        int k = await(Src.i(1));
        int acc = Log.i("acc", 10);
        switch (k) {
            case 1:
                acc += 1;
            case 2:
                acc += await(Src.i(2));
            case 3:
                Log.i("acc3", acc);
                break;
            default:
                acc = 0;
        }
        return acc;
    }

    @Async
    static int shapeLocalDeclaredInOneCaseAssignedInTheNext() {
        int k = await(Src.i(1));
        switch (k) {
            case 1:
                int v = Log.i("v", 5);
                Log.i("v in case 1", v);
                await(Src.tick());
            case 2:
                v = 7;
                Log.i("v in case 2", v);
                break;
            default:
                Log.add("default");
        }
        return k;
    }

    @Async
    static int shapeLocalReadInCaseBeforeAwait() {
        int base = Log.i("base", 3);
        int k = Log.i("k", 2);
        switch (k) {
            case 1:
                return base;
            case 2:
                Log.i("case 2 base", base);
                return await(Src.i(base));
            default:
                return -1;
        }
    }

    @Async
    static String shapeLabelledContinueAndBreak() {
        StringBuilder out = new StringBuilder();
        outer:
        for (int i = 0; i < 3; i++) {
            int mark = Log.i("mark", i * 100);
            for (int j = 0; j < 3; j++) {
                int scratch = Log.i("scratch", j);     // used only before the jump or the await
                if (scratch == 1) continue outer;
                if (i == 2) break outer;
                out.append(await(Src.i(j))).append(':').append(mark).append(' ');
            }
        }
        return out.toString();
    }

    @Async
    static int shapeDoWhileBackEdge() {
        int count = 0;
        int seen;
        do {
            Log.i("count", count);
            seen = count;
            count += await(Src.i(1));
        } while (seen < 2);
        return count + seen;
    }

    @Async
    static int shapeForInitConditionAndUpdateAcrossAwaits() {
        int total = 0;
        for (int i = 0, n = Log.i("n", 3); i < n; i += await(Src.i(1))) {
            total += i;
        }
        return total;
    }

    @Async
    static String shapePatternBindingsAroundAwaits() {
        Object o = await(Src.v((Object) "text"));
        if (o instanceof String s) {
            Log.add("bound " + s);
            Log.add(await(Src.s(s + "!")) + s);
        }
        if (!(o instanceof String t)) {
            return "not a string";
        }
        Log.add("flow " + t);
        await(Src.tick());
        return t.toUpperCase();
    }

    @Async
    static String shapeEnhancedForVariableBeforeAndAfterAwait() {
        StringBuilder out = new StringBuilder();
        for (String word : List.of("a", "bb", "ccc")) {
            out.append(word.length());               // local to the iteration's first state
            await(Src.tick());
        }
        for (String word : List.of("x", "y")) {
            await(Src.tick());
            out.append(word);                        // after the await: a field
        }
        for (int n : new int[] {4, 5}) {
            out.append(n + await(Src.i(n)));         // operand before the await: a field
        }
        return out.toString();
    }

    @Async
    static String shapeResourcesLiveUntilClose() {
        String label = Log.add("label");
        try (Res r = Res.open("r")) {
            await(Src.tick());
            Log.add("body");
        }
        return label;
    }

    @Async
    static List<Integer> shapeCapturesAfterAwaitAndPerIteration() {
        int base = Log.i("base", 3);
        await(Src.tick());
        IntSupplier later = () -> base * 2;          // declared after the await
        List<IntSupplier> all = new ArrayList<>();
        all.add(later);
        for (int i = 0; i < 3; i++) {
            int v = i * 10;
            all.add(() -> v);                        // captured before this iteration's await
            await(Src.i(i));
            all.add(() -> v + 1);                    // and after it
        }
        List<Integer> out = new ArrayList<>();
        for (IntSupplier s : all) out.add(s.getAsInt());
        return out;
    }

    @Async
    static String shapeLambdaOperandBeforeAwait() {
        String x = Log.add("x");
        String r = apply(() -> x + "!", await(Src.s("tail")));
        return r + x + await(Src.s("end"));
    }

    @Async
    static int shapeNestedBlockLocalsDoNotLeak() {
        {
            await(Src.tick());
            int y = Log.i("inner y", 1);
            Log.i("inner use", y);
        }
        int y = Log.i("outer y", 2);
        return y + await(Src.i(3));
    }

    @Async
    static int shapeStableOperandsUsedAfterLaterAwait() {
        await(Src.tick());
        int n = Log.i("n", 4);
        int[] slots = new int[3];
        Box box = new Box();
        int idx = Log.i("idx", 1);
        slots[idx] = await(Src.i(9));
        box.value = await(Src.i(8));
        int total;
        total = await(Src.i(7));
        return sum(n, await(Src.i(5))) + slots[1] + box.value + total;
    }

    @Async
    static int shapeNullReceiverFailsBeforeTheLaterAwait() {
        Frozen frozen = Log.v("frozen", (Frozen) null);
        return frozen.v + await(Src.i(1));           // the field read throws before Src.i(1) is awaited
    }

    @Async
    static int shapeElseAndFalseBranchReadLocalBeforeAwait() {
        int x = Log.i("x", 2);
        boolean flag = Log.b("flag", false);
        if (flag) {
            Log.add("then");
        } else {
            Log.i("else x", x);
            await(Src.tick());
        }
        int y = Log.i("y", 5);
        int r = flag ? 1 : y + await(Src.i(3));
        return r;
    }

    @Async
    static int shapeSwitchExpressionArmsReadLocal() {
        int x = Log.i("x", 2);
        int k = Log.i("k", 2);
        int r = switch (k) {
            case 1 -> x;
            default -> x + await(Src.i(1));
        };
        return r;
    }

    @Async
    static String shapeCatchParameterBeforeAndAfterAwait() {
        String out = "";
        try {
            await(Src.fail(new IllegalStateException("first")));
        } catch (IllegalStateException e) {
            out += e.getMessage();
        }
        try {
            await(Src.fail(new IllegalArgumentException("second")));
        } catch (IllegalArgumentException e) {
            await(Src.tick());
            out += e.getMessage();
        }
        return out;
    }

    @Async
    static String shapeUnusedCatchParameter() {
        String out;
        try {
            out = await(Src.s("ok")) + await(Src.fail(new IllegalStateException("boom")));
        } catch (IllegalStateException ignored) {
            out = Log.add("ignored");
            await(Src.tick());
        }
        return out;
    }

    @Async
    static int shapeWriteOnlyAfterAwait() {
        int last = Log.i("last", 0);
        for (int i = 0; i < 3; i++) {
            await(Src.tick());
            last = i;
        }
        return last;
    }

    @Async
    static String shapeSameNameOneFieldOneLocal() {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 2; k++) {
            String x = "f" + k;
            await(Src.tick());
            out.append(x);
        }
        for (int k = 0; k < 2; k++) {
            String x = "l" + k;
            out.append(x);
            await(Src.tick());
        }
        return out.toString();
    }

    @Async
    static int shapeUnassignedDeclarationThenBranches() {
        int v;
        if (Log.b("pick", true)) {
            v = Log.i("then", 1);
        } else {
            v = await(Src.i(2));
        }
        Log.i("v", v);
        return v + await(Src.i(10));
    }
}
