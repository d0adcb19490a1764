package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.List;

/** await inside expressions: operands, arguments, indices, conditionals, concatenation, nesting. */
public class Expressions {

    static int f3(int a, int b, int c) {
        Log.add("f3(" + a + "," + b + "," + c + ")");
        return a * 100 + b * 10 + c;
    }

    static String join(String... parts) {
        return Log.add("join" + List.of(parts));
    }

    @Async
    static int shapeBinaryOperands() {
        return Log.i("left", 7) - await(Src.i(3)) * Log.i("right", 2);
    }

    @Async
    static int shapeAwaitBothOperands() {
        return await(Src.i(10)) - await(Src.i(4));
    }

    @Async
    static int shapeEvaluationOrderArgs() {
        return f3(Log.i("a", 1), await(Src.i(Log.i("b", 2))), Log.i("c", 3));
    }

    @Async
    static int shapeAllArgsAwaited() {
        return f3(await(Src.i(1)), await(Src.i(2)), await(Src.i(3)));
    }

    @Async
    static int shapeArrayIndex() {
        int[] data = {10, 20, 30, 40};
        return data[await(Src.i(2))] + data[Log.i("i", 0)];
    }

    @Async
    static int shapeArrayStoreIndexAndValue() {
        int[] data = new int[4];
        data[await(Src.i(1))] = await(Src.i(5));
        data[Log.i("idx", 3)] = Log.i("val", 9) + await(Src.i(1));
        Log.add(java.util.Arrays.toString(data));
        return data[1] + data[3];
    }

    @Async
    static int shapeArrayRefEvaluatedBeforeIndex() {
        int[][] grid = {{1, 2}, {3, 4}};
        int[] row = grid[Log.i("row", 1)];
        return row[await(Src.i(0))] + grid[await(Src.i(0))][Log.i("col", 1)];
    }

    @Async
    static String shapeTernaryCondition() {
        return await(Src.b(true)) ? Log.add("yes") : Log.add("no");
    }

    @Async
    static int shapeTernaryBranches() {
        int x = Log.i("x", 3);
        int a = x > 2 ? await(Src.i(100)) : Log.i("never", -1);
        int b = x < 2 ? Log.i("never", -1) : await(Src.i(200));
        return a + b;
    }

    @Async
    static int shapeNestedTernary() {
        int k = await(Src.i(2));
        return k == 1 ? await(Src.i(10)) : k == 2 ? await(Src.i(20)) + (await(Src.b(false)) ? 1 : 2) : 0;
    }

    @Async
    static boolean shapeAndShortCircuit() {
        boolean a = Log.b("l1", false) && await(Src.b(true));
        boolean b = Log.b("l2", true) && await(Src.b(true));
        return a || b;
    }

    @Async
    static boolean shapeOrShortCircuit() {
        boolean a = Log.b("l1", true) || await(Src.b(false));
        boolean b = Log.b("l2", false) || await(Src.b(false));
        return a && !b;
    }

    @Async
    static boolean shapeAwaitOnLeftOfShortCircuit() {
        boolean a = await(Src.b(false)) && Log.b("never", true);
        boolean b = await(Src.b(true)) || Log.b("never", true);
        boolean c = await(Src.b(true)) && await(Src.b(false)) || await(Src.b(true));
        return !a && b && c;
    }

    @Async
    static String shapeStringConcat() {
        String s = "a" + await(Src.s("b")) + Log.add("c") + await(Src.i(1)) + 'x' + await(Src.l(2L));
        return s + await(Src.s("!"));
    }

    @Async
    static String shapeConcatNullAndChars() {
        String nothing = await(Src.v((String) null));
        char c = await(Src.v('z'));
        return "<" + nothing + c + (char) (c - 1) + await(Src.i(1)) + 2 + ">";
    }

    @Async
    static int shapeNestedAwait() {
        return await(Src.i(await(Src.i(await(Src.i(3)) + 1)) * 2));
    }

    @Async
    static String shapeAwaitReceiver() {
        return await(Src.s("hello")).toUpperCase() + await(Src.s("abc")).length();
    }

    @Async
    static int shapeCompoundAssign() {
        int x = 1;
        x += await(Src.i(10));
        x *= await(Src.i(3));
        x -= Log.i("sub", 4) + await(Src.i(1));
        x <<= await(Src.i(2));
        x %= await(Src.i(50));
        x |= await(Src.i(64));
        return x;
    }

    @Async
    static int shapeCompoundAssignReadsLeftFirst() {
        int[] box = {5};
        box[0] += box[0] * await(Src.i(2)) + Log.i("rhs", 1);
        int y = 3;
        y -= await(Src.i(y));
        return box[0] * 10 + y;
    }

    @Async
    static String shapeStringPlusAssign() {
        String s = Log.add("s");
        s += await(Src.s("-t"));
        s += await(Src.i(1)) + await(Src.i(2));
        return s;
    }

    @Async
    static int shapeIncrementsMixed() {
        int i = 0;
        int a = i++ + await(Src.i(i)) + i++;
        int b = ++i * await(Src.i(i--)) - i;
        return a * 1000 + b * 10 + i;
    }

    @Async
    static int shapeArrayElementIncrement() {
        int[] a = {1, 2, 3};
        a[await(Src.i(1))]++;
        ++a[await(Src.i(2))];
        a[0] += a[await(Src.i(0))]++;
        return a[0] * 100 + a[1] * 10 + a[2];
    }

    @Async
    static long shapeWideningAndCasts() {
        int i = await(Src.i(7));
        long l = i + await(Src.l(1L << 40));
        double d = await(Src.i(3)) / 2.0;
        int truncated = (int) (d * await(Src.i(3)));
        return l + truncated + (byte) (0 + await(Src.i(300)));
    }

    @Async
    static int shapeUnaryOperators() {
        int a = -await(Src.i(5));
        int b = ~await(Src.i(0));
        boolean c = !await(Src.b(false));
        return a * 10 + b + (c ? 1000 : 0);
    }

    @Async
    static String shapeInstanceofAndCast() {
        Object o = await(Src.v((Object) "text"));
        if (o instanceof String s && s.length() == await(Src.i(4))) {
            return Log.add("string " + s);
        }
        return Log.add("other");
    }

    @Async
    static String shapeObjectCreationArgs() {
        StringBuilder sb = new StringBuilder(Log.add("start") + await(Src.s("-mid")));
        List<String> list = new ArrayList<>(List.of(Log.add("x"), await(Src.s("y")), Log.add("z")));
        return sb.append(list).toString();
    }

    @Async
    static String shapeMethodChainWithAwaitArgs() {
        return new StringBuilder()
                .append(Log.add("a"))
                .append(await(Src.s("b")))
                .append(Log.add("c"))
                .append(await(Src.i(4)))
                .reverse()
                .toString();
    }

    @Async
    static int shapeArrayCreationDimsAndInit() {
        int[][] grid = new int[await(Src.i(2))][Log.i("cols", 3)];
        int[] init = {Log.i("e0", 1), await(Src.i(2)), Log.i("e2", 3)};
        grid[1][2] = init[1];
        return grid.length * 100 + grid[0].length * 10 + grid[1][2] + init[2];
    }

    @Async
    static boolean shapeComparisonsAndEquality() {
        String a = await(Src.s("x"));
        boolean same = a.equals(await(Src.s("x")));
        boolean less = await(Src.i(1)) < await(Src.i(2));
        boolean ge = await(Src.l(5L)) >= Log.l("five", 5L);
        return same && less && ge;
    }

    @Async
    static String shapeAwaitInLogArgument() {
        return Log.v("got", await(Src.s("v1")) + ":" + await(Src.s("v2")));
    }

    @Async
    static int shapeParenthesizedAndPrecedence() {
        return (Log.i("a", 2) + await(Src.i(3))) * (await(Src.i(4)) - Log.i("b", 1)) / await(Src.i(5));
    }

    @Async
    static int shapeAssignmentAsExpression() {
        int a;
        int b;
        int c = (a = await(Src.i(3))) + (b = a + await(Src.i(4)));
        return a * 100 + b * 10 + c;
    }

    @Async
    static String shapeConditionalAndWithSideEffectsBetween() {
        int n = 0;
        if (Log.b("first", ++n > 0) && await(Src.i(n)) == 1 && Log.b("third", ++n == 2)) {
            return Log.add("all " + n);
        }
        return Log.add("some " + n);
    }

    @Async
    static int shapeDivisionByZeroAfterAwait() {
        int zero = await(Src.i(0));
        return Log.i("before", 1) / zero;
    }
}
