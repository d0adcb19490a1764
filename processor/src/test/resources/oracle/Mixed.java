package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Res;
import dev.jawait.processor.oracle.Src;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Constructs nested in each other: the combinations where state machines usually break. */
public class Mixed {

    enum Op { ADD, MUL, STOP }

    @Async
    static int evaluate(List<Op> ops, int start) {
        int acc = start;
        for (Op op : ops) {
            switch (op) {
                case ADD -> acc += await(Src.i(1));
                case MUL -> acc *= await(Src.i(2));
                case STOP -> {
                    return acc;
                }
            }
        }
        return acc;
    }

    @Async
    static int shapeLoopSwitchTryNested() {
        int total = 0;
        for (int i = 0; i < 4; i++) {
            try {
                switch (await(Src.i(i))) {
                    case 0 -> total += 1;
                    case 1 -> {
                        try {
                            total += await(Src.i(10));
                            if (total > 5) throw new IllegalStateException("inner " + i);
                        } finally {
                            Log.add("inner finally " + i);
                        }
                    }
                    case 2 -> {
                        continue;
                    }
                    default -> total += await(Src.i(100));
                }
                Log.i("after switch", i);
            } catch (IllegalStateException e) {
                Log.add("caught " + e.getMessage());
            } finally {
                Log.add("outer finally " + i + await(Src.s("")));
            }
        }
        return total;
    }

    @Async
    static int shapeInterpreter() {
        return await(evaluateAll());
    }

    static dev.jawait.Future<Integer> evaluateAll() {
        return MixedAsync.evaluate(List.of(Op.ADD, Op.MUL, Op.ADD, Op.STOP, Op.MUL), 3);
    }

    @Async
    static String shapeResourceInLoopWithSwitchBreak() {
        StringBuilder out = new StringBuilder();
        loop:
        for (String key : List.of("a", "skip", "b", "end", "c")) {
            try (Res r = Res.open(key)) {
                switch (await(Src.s(key))) {
                    case "skip":
                        continue loop;
                    case "end":
                        break loop;
                    default:
                        out.append(r.use(await(Src.i(out.length()))));
                }
            }
        }
        return out.toString();
    }

    @Async
    static String shapeWhileInsideCatchInsideFor() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            try {
                await(Src.fail(new IllegalStateException("f" + i)));
            } catch (IllegalStateException e) {
                int n = 0;
                while (n < i + 1) {
                    out.append(e.getMessage()).append(await(Src.i(n++)));
                }
            }
        }
        return out.toString();
    }

    @Async
    static String shapeIteratorDrivenLoopWithAwaits() {
        Iterator<String> it = await(Src.v(List.of("x", "y", "z"))).iterator();
        StringBuilder out = new StringBuilder();
        while (it.hasNext() && await(Src.b(true))) {
            String s = it.next();
            if (s.equals("y")) continue;
            out.append(s).append(await(Src.i(out.length())));
        }
        return out.toString();
    }

    @Async
    static Map<String, Integer> shapeAccumulateIntoMap() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String w : "b a b c a b".split(" ")) {
            counts.merge(await(Src.s(w)), await(Src.i(1)), Integer::sum);
        }
        return counts;
    }

    @Async
    static String shapeTernaryOfAwaitsInsideLoopCondition() {
        int i = 0;
        StringBuilder out = new StringBuilder();
        while ((i % 2 == 0 ? await(Src.i(i)) : await(Src.i(-i))) != 4 && i < 6) {
            out.append(i++).append(' ');
        }
        return out.toString();
    }

    @Async
    static String shapeDoWhileWithTryFinallyAndContinue() {
        int i = 0;
        StringBuilder out = new StringBuilder();
        do {
            try {
                i++;
                if (i == 2) continue;
                out.append(await(Src.i(i)));
            } finally {
                out.append('.');
            }
        } while (await(Src.i(i)) < 4);
        return out.toString();
    }

    @Async
    static String shapeSwitchExpressionInsideTryInsideLambdaFreeLoop() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            try {
                out.add(switch (k) {
                    case 0 -> await(Src.s("zero"));
                    case 1 -> {
                        if (await(Src.b(true))) throw new IllegalArgumentException("one");
                        yield "unreachable";
                    }
                    default -> Log.add("two");
                });
            } catch (IllegalArgumentException e) {
                out.add("caught " + e.getMessage());
            }
        }
        return out.toString();
    }

    @Async
    static int shapeCheckedInLoopWithRecovery() {
        int ok = 0;
        for (int i = 0; i < 4; i++) {
            try {
                ok += i == 2 ? await(Src.<Integer>failIo("bad " + i)) : await(Src.io(i));
            } catch (IOException e) {
                Log.add("skip " + e.getMessage());
            }
        }
        return ok;
    }

    @Async
    static String shapeEarlyReturnFromNestedTryInLoopRunsAllFinally() {
        for (int i = 0; i < 3; i++) {
            try {
                try {
                    if (await(Src.i(i)) == 1) return Log.add("return at " + i);
                } finally {
                    Log.add("f-inner " + i);
                }
            } finally {
                Log.add("f-outer " + i + await(Src.s("")));
            }
        }
        return "none";
    }

    @Async
    static String shapeAwaitInEveryPositionOfOneStatement() {
        int[] arr = {0, 0, 0};
        arr[await(Src.i(1))] = await(Src.b(true)) && await(Src.i(2)) > 1
                ? await(Src.i(3)) + (await(Src.s("x")) + await(Src.i(4))).length()
                : 0;
        return java.util.Arrays.toString(arr);
    }
}
