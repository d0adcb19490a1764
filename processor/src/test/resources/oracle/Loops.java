package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** while, do, for, enhanced for (arrays and Iterables), labels, break/continue. */
public class Loops {

    @Async
    static int shapeWhileAwaitInCondition() {
        int i = 0;
        while (await(Src.i(i)) < 4) {
            Log.i("body", i);
            i++;
        }
        return i;
    }

    @Async
    static int shapeWhileAwaitInBody() {
        int i = 0;
        int sum = 0;
        while (i < 4) {
            sum += await(Src.i(i * i));
            i++;
        }
        return sum;
    }

    @Async
    static int shapeWhileTrueBreak() {
        int n = 0;
        while (true) {
            n += await(Src.i(2));
            if (n > 5) break;
            Log.i("n", n);
        }
        return n;
    }

    @Async
    static int shapeDoWhile() {
        int i = 0;
        do {
            Log.i("do", i);
            i += await(Src.i(1));
        } while (i < 3);
        return i;
    }

    @Async
    static int shapeDoWhileAwaitInCondition() {
        int i = 0;
        do {
            i++;
        } while (await(Src.i(i)) < 3 && Log.b("again", true));
        return i;
    }

    @Async
    static int shapeDoWhileRunsOnce() {
        int count = 0;
        do {
            count += await(Src.i(5));
        } while (await(Src.b(false)));
        return count;
    }

    @Async
    static int shapeForAwaitInInit() {
        int sum = 0;
        for (int i = await(Src.i(2)); i < 5; i++) {
            sum += Log.i("i", i);
        }
        return sum;
    }

    @Async
    static int shapeForAwaitInCondition() {
        int sum = 0;
        for (int i = 0; i < await(Src.i(3)); i++) {
            sum += i;
        }
        return sum;
    }

    @Async
    static int shapeForAwaitInUpdate() {
        int steps = 0;
        for (int i = 0; i < 10; i += await(Src.i(3))) {
            steps++;
            Log.i("i", i);
        }
        return steps;
    }

    @Async
    static int shapeForAwaitEverywhere() {
        int total = 0;
        for (int i = await(Src.i(0)), j = Log.i("j", 10); i < await(Src.i(3)); i++, j -= await(Src.i(1))) {
            total += i * j + await(Src.i(1));
        }
        return total;
    }

    @Async
    static int shapeForWithoutParts() {
        int i = 0;
        for (;;) {
            if (await(Src.i(i)) == 3) return Log.i("exit", i);
            i++;
        }
    }

    @Async
    static int shapeForEachArray() {
        int[] values = {3, 1, 4, 1, 5};
        int sum = 0;
        for (int v : values) {
            sum += await(Src.i(v));
        }
        return sum;
    }

    @Async
    static String shapeForEachArrayFromAwait() {
        StringBuilder out = new StringBuilder();
        for (String s : await(Src.v(new String[] {"x", "y", "z"}))) {
            out.append(await(Src.s(s.toUpperCase())));
        }
        return out.toString();
    }

    @Async
    static int shapeForEachIterable() {
        List<Integer> list = List.of(2, 4, 6);
        int sum = 0;
        for (Integer v : list) {
            sum += await(Src.i(v)) + v;
        }
        return sum;
    }

    @Async
    static String shapeForEachIterableFromAwait() {
        List<String> seen = new ArrayList<>();
        for (String s : await(Src.v(List.of("a", "b", "c")))) {
            seen.add(s + await(Src.i(seen.size())));
        }
        return seen.toString();
    }

    @Async
    static String shapeForEachIteratorIsLazy() {
        // A custom Iterable logs hasNext/next, so the exact iterator protocol is observed.
        Iterable<Integer> logged = () -> new Iterator<>() {
            int next = 0;

            @Override
            public boolean hasNext() {
                return Log.b("hasNext", next < 3);
            }

            @Override
            public Integer next() {
                return Log.i("next", next++);
            }
        };
        int sum = 0;
        for (int v : logged) {
            sum += await(Src.i(v));
        }
        return "sum " + sum;
    }

    @Async
    static String shapeForEachMapEntries() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", 2);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Integer> e : m.entrySet()) {
            out.append(e.getKey()).append(await(Src.i(e.getValue() * 10)));
        }
        return out.toString();
    }

    @Async
    static int shapeForEachPrimitiveArrayOfLongs() {
        long[] values = {1L, 2L, 3L};
        long sum = 0;
        for (long v : values) {
            sum += await(Src.l(v)) * v;
        }
        return (int) sum;
    }

    @Async
    static int shapeBreakAndContinue() {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) continue;
            if (await(Src.i(i)) > 6) break;
            sum += i;
            Log.i("kept", i);
        }
        return sum;
    }

    @Async
    static String shapeLabelledBreak() {
        String found = "none";
        outer:
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (await(Src.i(i * j)) == 4) {
                    found = i + "," + j;
                    break outer;
                }
                Log.add(i + "" + j);
            }
        }
        return found;
    }

    @Async
    static int shapeLabelledContinue() {
        int count = 0;
        rows:
        for (int i = 0; i < 3; i++) {
            int j = 0;
            while (j < 3) {
                j++;
                if (await(Src.i(j)) == 2) continue rows;
                count += await(Src.i(1));
            }
            Log.add("never reached");
        }
        return count;
    }

    @Async
    static int shapeLabelledBlockBreak() {
        int x = 0;
        block:
        {
            x += await(Src.i(1));
            if (x > 0) break block;
            x = 100;
        }
        return x + await(Src.i(1));
    }

    @Async
    static int shapeNestedLoopsWithAwaitInInner() {
        int total = 0;
        for (int i = 0; i < 3; i++) {
            int j = 0;
            do {
                total += await(Src.i(i + j));
                j++;
            } while (j <= i);
        }
        return total;
    }

    @Async
    static int shapeLoopWithoutAwaitBetweenAwaits() {
        int before = await(Src.i(1));
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += i;
        }
        return before + sum + await(Src.i(1));
    }

    @Async
    static int shapeLoopLocalReinitialisedEachIteration() {
        int out = 0;
        for (int i = 0; i < 3; i++) {
            int acc = 0;
            acc += await(Src.i(i));
            int other;
            other = acc * 2;
            out = out * 10 + other;
        }
        return out;
    }

    @Async
    static int shapeManyIterations() {
        int sum = 0;
        for (int i = 0; i < 40; i++) {
            sum += i % 10 == 0 ? await(Src.i(i)) : i;
        }
        return sum;
    }

    @Async
    static String shapeWhileWithContinueAndAwaitAfter() {
        int i = 0;
        StringBuilder out = new StringBuilder();
        while (i < 5) {
            i++;
            if (i == 2) continue;
            out.append(await(Src.i(i)));
            if (i == 4) {
                continue;
            }
            out.append(',');
        }
        return out.toString();
    }

    @Async
    static int shapeReturnFromInsideNestedLoop() {
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                if (await(Src.i(i + j)) == 5) {
                    return Log.i("at", i * 10 + j);
                }
            }
        }
        return -1;
    }
}
