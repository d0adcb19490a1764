package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Evaluation-order and typing corners a lowering can get wrong: captured types, intersections,
 * fallthrough, labelled blocks, finally overriding, unboxing, compound narrowing, inner/anonymous
 * classes, array store order.
 */
public class EvaluationCorners {
    int field = 3;
    String name = "z";

    class Inner {
        int get() { return field * 10; }
    }

    @Async
    static int shapeWildcardAcrossAwait() {
        List<? extends Number> xs = await(Src.v(List.of(1, 2, 3)));
        int t = await(Src.i(4));
        return xs.get(0).intValue() + xs.size() + t;
    }

    @Async
    static String shapeIntersectionVar() {
        boolean flag = await(Src.b(true));
        var x = flag ? (Serializable & Comparable<?>) Integer.valueOf(1) : "s";
        String t = await(Src.s("t"));
        return x.toString() + t;
    }

    @Async
    static String shapeIntersectionTernaryVar() {
        boolean flag = await(Src.b(false));
        var x = flag ? Integer.valueOf(7) : "str";
        String t = await(Src.s("t"));
        return x + t + x.getClass().getSimpleName();
    }

    @Async
    static int shapeLambdaCapturesAwaited() {
        int a = await(Src.i(5));
        IntSupplier s = () -> a * 2;
        int b = await(Src.i(1));
        return s.getAsInt() + b;
    }

    @Async
    static String shapeStringSwitchFallthrough() {
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("a", "b", "c", "d")) {
            switch (k) {
                case "a":
                    sb.append(await(Src.s("A")));
                case "b":
                    sb.append("B");
                    if (await(Src.b(k.equals("b")))) break;
                case "c":
                    sb.append(await(Src.s("C")));
                    continue;
                default:
                    sb.append("D");
            }
            sb.append("|");
        }
        return Log.add(sb.toString());
    }

    @Async
    static int shapeLabeledBlock() {
        int x = 0;
        out: {
            if (await(Src.b(true))) break out;
            x = 1;
        }
        inner: {
            x += await(Src.i(2));
            if (x > 100) break inner;
            x += 10;
        }
        return x;
    }

    @Async
    @SuppressWarnings("finally")
    static int shapeFinallyOverridesThrow() {
        try {
            int v = await(Src.i(3));
            if (v == 3) throw new IllegalStateException("x");
            return v;
        } finally {
            Log.add("finally");
            return await(Src.i(9));
        }
    }

    @Async
    static Integer shapeTernaryUnboxNull() {
        boolean c = await(Src.b(true));
        Integer n = null;
        try {
            int r = c ? await(Src.v(n)) : 0;
            return r;
        } catch (NullPointerException e) {
            return Log.i("npe", -1);
        }
    }

    @Async
    static String shapeStringPlusEqualsSelf() {
        String s = "a";
        s += await(Src.s("b")) + s;
        s += s + await(Src.s("c"));
        return s;
    }

    @Async
    static int shapePostIncPlusAwait() {
        int i = 1;
        i = i++ + await(Src.i(10));
        int j = 2;
        j += j++ + await(Src.i(5)) + j;
        return i * 100 + j;
    }

    @Async
    static int shapeCharCompound() {
        char c = 'a';
        c += await(Src.i(2));
        byte b = 120;
        b += await(Src.i(10));
        short sh = 1;
        sh <<= await(Src.i(15));
        return c * 1000000 + b * 1000 + sh;
    }

    @Async
    static String shapeEnhancedForArrayReassigned() {
        int[] arr = {1, 2, 3};
        StringBuilder sb = new StringBuilder();
        for (int v : arr) {
            arr = new int[] {9, 9, 9, 9};
            sb.append(v).append(await(Src.i(v)));
        }
        return sb.toString();
    }

    @Async
    static int shapeForInitMulti() {
        int sum = 0;
        for (int i = 0, j = await(Src.i(3)); i < j; i++, j -= await(Src.i(0))) {
            sum += i * j;
        }
        return sum;
    }

    @Async
    int shapeInnerCreation() {
        Inner in = new Inner();
        field = await(Src.i(4));
        return in.get() + new Inner().get();
    }

    @Async
    int shapeAnonymousReadsOuterField() {
        IntSupplier s = new IntSupplier() {
            int local = 1;
            @Override public int getAsInt() { return field + local + EvaluationCorners.this.field; }
        };
        field = await(Src.i(6));
        return s.getAsInt();
    }

    @Async
    int shapeMethodRefThis() {
        Supplier<String> s = this::describe;
        name = await(Src.s("q"));
        return s.get().length() + name.length();
    }

    String describe() { return name + field; }

    @Async
    static String shapeListOfAwait() {
        List<String> l = List.of(await(Src.s("x")), await(Src.s("y")));
        List<Object> objs = new ArrayList<>(l);
        objs.add(await(Src.i(1)));
        return objs.toString();
    }

    @Async
    static String shapeArrayStoreOrder() {
        Object[] objs = new String[2];
        try {
            objs[Log.i("idx", 0)] = await(Src.v((Object) Integer.valueOf(1)));
        } catch (ArrayStoreException e) {
            Log.add("ase");
        }
        int[] nul = null;
        try {
            nul[Log.i("i2", 0)] = await(Src.i(5));
        } catch (NullPointerException e) {
            Log.add("npe");
        }
        int[] small = new int[1];
        try {
            small[Log.i("i3", 5)] += await(Src.i(5));
        } catch (ArrayIndexOutOfBoundsException e) {
            Log.add("oob");
        }
        return "done";
    }

    @Async
    static String shapeTwrNullResource() throws Exception {
        try (AutoCloseable r = await(Src.v((AutoCloseable) null))) {
            Log.add("body " + (r == null));
        }
        return "ok";
    }

    @Async
    static int shapeDoWhileContinue() {
        int i = 0, n = 0;
        do {
            i++;
            if (i % 2 == 0) continue;
            n += await(Src.i(i));
        } while (await(Src.b(i < 5)));
        return n;
    }

    enum Color { RED, GREEN }

    @Async
    static String shapeEnumSwitchNullSelector() {
        Color c = await(Src.v((Color) null));
        try {
            switch (c) {
                case RED: return "r";
                default: return "d";
            }
        } catch (NullPointerException e) {
            return Log.add("npe");
        }
    }

    @Async
    static int shapeSwitchExprYieldBlock() {
        int k = await(Src.i(2));
        int r = switch (k) {
            case 1 -> 10;
            case 2 -> {
                int t = await(Src.i(20));
                if (t > 5) yield t + 1;
                yield t;
            }
            default -> {
                yield await(Src.i(0));
            }
        };
        return r;
    }

    @Async
    static String shapeThrowAwaited() {
        try {
            throw await(Src.v(new IllegalArgumentException("boom")));
        } catch (IllegalArgumentException e) {
            return Log.add(e.getMessage());
        }
    }

    @Async
    static String shapeLoopLambdasCaptureIteration() {
        List<Supplier<String>> ss = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String v = await(Src.s("v" + i));
            int j = i;
            ss.add(() -> v + j);
        }
        StringBuilder sb = new StringBuilder();
        for (Supplier<String> s : ss) sb.append(s.get());
        return sb.toString();
    }

    @Async
    static long shapeLongShifts() {
        long x = 1;
        x <<= await(Src.i(40));
        int y = 1;
        y <<= await(Src.l(33L));
        x >>>= await(Src.l(3L));
        return x + y;
    }

    @Async
    static String shapeConditionalAndOr() {
        int[] count = {0};
        boolean r = await(Src.b(false)) && (++count[0] > 0) || await(Src.b(true)) && (count[0]++ == 0);
        boolean r2 = await(Src.b(true)) || ++count[0] > 100;
        return r + " " + r2 + " " + count[0];
    }

    @Async
    static String shapeNestedTernaryAwaits() {
        int a = await(Src.i(1));
        String s = a > 0 ? (await(Src.b(false)) ? "x" : await(Src.s("y"))) : await(Src.s("z"));
        return s;
    }

    @Async
    static int shapeGenericMethodInference() {
        List<Integer> xs = new ArrayList<>();
        xs.add(await(Src.i(3)));
        Integer max = java.util.Collections.max(xs);
        return max + identity(await(Src.i(4)));
    }

    static <T> T identity(T t) { return t; }

    @Async
    static int shapeVarargsWithAwait() {
        return sum(await(Src.i(1)), 2, await(Src.i(3))) + sum() + sum(await(Src.i(7)));
    }

    static int sum(int... xs) { int s = 0; for (int x : xs) s += x; return s; }

    @Async
    static String shapeCatchMultiRethrow() {
        try {
            try {
                if (await(Src.b(true))) throw new IllegalStateException("a");
                throw new UnsupportedOperationException("b");
            } catch (IllegalStateException | UnsupportedOperationException e) {
                Log.add("caught " + e.getMessage());
                await(Src.tick());
                throw e;
            }
        } catch (RuntimeException outer) {
            return Log.add("outer " + outer.getClass().getSimpleName());
        }
    }

    @Async
    static int shapeIntegerCacheCompare() {
        Integer a = await(Src.v(127));
        Integer b = 127;
        Integer c = await(Src.v(1000));
        Integer d = Integer.valueOf(1000);
        return (a == b ? 1 : 0) + (c.equals(d) ? 10 : 0);
    }

    @Async
    static String shapeBreakOutOfTryFinallyInLoop() {
        StringBuilder sb = new StringBuilder();
        outer:
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                try {
                    if (await(Src.b(j == 1))) continue outer;
                    if (i == 2) break outer;
                    sb.append(i).append(j);
                } finally {
                    sb.append(await(Src.s("f")));
                }
            }
        }
        return sb.toString();
    }
}
