package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.List;

/** Compound assignments, increments and stores where the target and the value both have effects. */
public class Assignments {
    int field = 10;
    String text = "t";
    long wide = 1;
    int[] cells = {1, 2, 3, 4};

    @Async
    int shapeFieldCompoundWithAwaitSum() {
        field -= Log.i("a", 2) + await(Src.i(3));
        field *= await(Src.i(2)) + 1;
        this.field /= await(Src.i(2)) - 1 + Log.i("b", 1);
        return field;
    }

    @Async
    String shapeFieldStringAppendWithSum() {
        text += await(Src.i(1)) + await(Src.i(2));
        text += "-" + await(Src.i(3)) + 4;
        return text;
    }

    @Async
    int shapeArrayCompoundWithSideEffectIndex() {
        int i = 0;
        cells[i++] += await(Src.i(10)) * 2;
        cells[i++] -= i + await(Src.i(i));
        cells[Log.i("idx", i)] <<= await(Src.i(2)) + 1;
        return cells[0] * 1000 + cells[1] * 100 + cells[2] * 10 + i;
    }

    @Async
    long shapeWideningCompoundAndMixedTypes() {
        wide += await(Src.i(Integer.MAX_VALUE)) + 1L;
        int narrow = 3;
        narrow *= await(Src.v(2.5));
        char c = 'a';
        c += await(Src.i(1)) + 1;
        return wide + narrow + c;
    }

    @Async
    static String shapeCompoundOnLocalWithTernaryRhs() {
        int x = 5;
        x += await(Src.b(true)) ? await(Src.i(1)) + 1 : 100;
        x -= await(Src.b(false)) ? 100 : await(Src.i(3)) - 1;
        return "x=" + x;
    }

    @Async
    static int shapePostIncrementInsideAwaitArgument() {
        int i = 0;
        int a = await(Src.i(i++)) + await(Src.i(i++)) * 10;
        int b = await(Src.i(++i)) - i--;
        return a * 100 + b * 10 + i;
    }

    @Async
    static String shapeChainedAssignment() {
        int a;
        int b;
        int c;
        a = b = c = await(Src.i(7));
        String s;
        String t;
        s = t = await(Src.s("v")) + a;
        return a + b + c + s + t;
    }

    @Async
    static int shapeAssignmentToArrayFromAwaitedArray() {
        int[] arr = await(Src.v(new int[] {1, 2, 3}));
        arr[await(Src.i(0))] = arr[await(Src.i(2))] += await(Src.i(10));
        return arr[0] * 100 + arr[2];
    }

    @Async
    static List<String> shapeListAddWithAwaitInIndexAndValue() {
        List<String> list = new ArrayList<>(List.of("a", "b"));
        list.add(await(Src.i(1)), await(Src.s("x")));
        list.set(Log.i("at", 0), list.get(await(Src.i(2))) + await(Src.s("!")));
        return list;
    }

    @Async
    static String shapeForEachArrayExpressionEvaluatedOnce() {
        int[] arr = {1, 2, 3};
        StringBuilder out = new StringBuilder();
        for (int v : arr) {
            arr = new int[] {await(Src.i(v * 10))};
            out.append(v).append(arr[0]).append(' ');
        }
        return out.toString();
    }

    @Async
    static String shapeConcurrentModificationIsThrown() {
        List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
        try {
            for (Integer v : list) {
                if (await(Src.i(v)) == 2) list.add(99);
            }
        } catch (java.util.ConcurrentModificationException e) {
            return Log.add("CME " + list);
        }
        return "no";
    }

    @Async
    static String shapeBoxedIdentityAndCache() {
        Integer small1 = await(Src.v(127));
        Integer small2 = 127;
        Integer big1 = await(Src.v(1000));
        Integer big2 = Integer.valueOf(1000);
        return (small1 == small2) + " " + (big1 == big2) + " " + big1.equals(big2);
    }

    @Async
    static String shapeSwitchOnNullStringThrows() {
        String key = await(Src.v((String) null));
        try {
            switch (key) {
                case "a" -> Log.add("a");
                default -> Log.add("default");
            }
        } catch (NullPointerException e) {
            return Log.add("npe");
        }
        return "no";
    }

    @Async
    static String shapeOldSwitchSharedLocalAcrossCases() {
        StringBuilder out = new StringBuilder();
        for (int k = 1; k <= 2; k++) {
            switch (k) {
                case 1:
                    int shared = await(Src.i(10));
                    out.append(shared);
                    break;
                case 2:
                    shared = await(Src.i(20)) + 1;
                    out.append(shared);
                    break;
                default:
                    break;
            }
        }
        return out.toString();
    }

    @Async
    static long shapeTernaryNumericPromotion() {
        boolean yes = await(Src.b(true));
        long l = yes ? await(Src.i(1)) : 2L;
        double d = !yes ? 1 : await(Src.i(3));
        Object o = yes ? await(Src.i(4)) : await(Src.l(5L));
        return l + (long) d + ((Number) o).longValue() + (o instanceof Long ? 1000 : 0);
    }
}
