package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/** var, arrays, varargs, primitives of every kind, and locals that live (or not) across awaits. */
public class Locals {

    static int sum(int... xs) {
        Log.add("sum" + Arrays.toString(xs));
        return Arrays.stream(xs).sum();
    }

    static String first(String head, Object... rest) {
        return Log.add(head + rest.length);
    }

    @Async
    static int asyncSum(int... xs) {
        int total = 0;
        for (int x : xs) total += await(Src.i(x));
        return total;
    }

    @Async
    static int shapeVarLocals() {
        var list = new ArrayList<String>();
        var n = await(Src.i(3));
        for (var i = 0; i < n; i++) list.add(await(Src.s("e" + i)));
        var map = new HashMap<String, Integer>();
        for (var s : list) map.put(s, s.length());
        return map.size() + list.size();
    }

    @Async
    static int shapeVarargsCallsWithAwaits() {
        int a = sum();
        int b = sum(await(Src.i(1)));
        int c = sum(Log.i("x", 2), await(Src.i(3)), await(Src.i(4)));
        int d = sum(new int[] {await(Src.i(5))});
        return a + b + c + d;
    }

    @Async
    static String shapeVarargsObjectsMixed() {
        return first(await(Src.s("h")), Log.add("r1"), await(Src.i(2)), null);
    }

    @Async
    static int shapeAsyncVarargsHelper() {
        return await(LocalsAsync.asyncSum(1, 2, 3)) + await(LocalsAsync.asyncSum()) + await(LocalsAsync.asyncSum(new int[] {4}));
    }

    @Async
    static String shapeArraysAcrossAwaits() {
        int[] a = new int[3];
        String[][] grid = new String[2][];
        for (int i = 0; i < a.length; i++) a[i] = await(Src.i(i * 2));
        grid[0] = new String[] {await(Src.s("x"))};
        grid[1] = new String[] {"y", await(Src.s("z"))};
        return Arrays.toString(a) + Arrays.deepToString(grid);
    }

    @Async
    static int[] shapeReturnsArray() {
        int[] out = {await(Src.i(1)), await(Src.i(2))};
        out[0] += await(Src.i(10));
        return out;
    }

    @Async
    static String shapeAllPrimitiveKinds() {
        byte b = (byte) (0 + await(Src.i(120)));
        b += 10; // wraps
        short s = (short) (0 + await(Src.i(40000)));
        char c = await(Src.v('a'));
        c += 2;
        long l = await(Src.l(Long.MAX_VALUE));
        l++;
        float f = await(Src.v(1.5f));
        double d = f / await(Src.v(4.0));
        boolean z = await(Src.b(true)) ^ (d > 1);
        return b + " " + s + " " + c + " " + l + " " + f + " " + d + " " + z;
    }

    @Async
    static long shapeLongArithmeticAcrossAwaits() {
        long acc = 1;
        for (int i = 0; i < 5; i++) {
            acc = acc * 1_000_003L + await(Src.l(i));
        }
        return acc;
    }

    @Async
    static double shapeDoubleAccumulation() {
        double x = 0.1;
        for (int i = 0; i < 3; i++) x += await(Src.v(0.2));
        return x;
    }

    @Async
    static String shapeUninitialisedThenAssignedAfterAwait() {
        String late;
        int count;
        await(Src.tick());
        late = Log.add("late");
        count = await(Src.i(2));
        return late + count;
    }

    @Async
    static String shapeSameNameDifferentTypesInSiblingScopes() {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 2; k++) {
            int x = await(Src.i(k));
            out.append(x);
        }
        for (int k = 0; k < 2; k++) {
            String x = await(Src.s("s" + k));
            out.append(x);
        }
        if (out.length() > 0) {
            long x = await(Src.l(9L));
            out.append(x);
        }
        return out.toString();
    }

    @Async
    static int shapeFinalLocalsAndConstants() {
        final int base = 10;
        final String label = "L";
        int v = await(Src.i(base));
        Log.add(label + v);
        return base + v;
    }

    @Async
    static int shapeLocalNotLiveAcrossAwait() {
        int tmp = Log.i("tmp", 5);
        Log.i("used", tmp * 2);
        int after = await(Src.i(1));
        int tmp2 = after + 1;
        return tmp2;
    }

    @Async
    static int shapeParameterlessChainOfTemporaries() {
        return sum(await(Src.i(1)), sum(await(Src.i(2)), await(Src.i(3))), await(Src.i(4)));
    }

    @Async
    static String shapeCharArithmeticAndStrings() {
        char[] chars = await(Src.v("hello".toCharArray()));
        StringBuilder out = new StringBuilder();
        for (char ch : chars) out.append((char) (ch + await(Src.i(1))));
        return out.toString();
    }

    @Async
    static List<Object> shapeBoxedAndNullValues() {
        Integer boxed = await(Src.v((Integer) null));
        Integer other = await(Src.i(3));
        List<Object> out = new ArrayList<>();
        out.add(boxed);
        out.add(other);
        out.add(boxed == null ? "null" : "set");
        return out;
    }

    @Async
    static int shapeUnboxingNullThrows() {
        Integer boxed = await(Src.v((Integer) null));
        Log.add("before unboxing");
        int value = boxed;
        return value;
    }
}
