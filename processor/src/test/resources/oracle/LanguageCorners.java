package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;
import java.util.ArrayList;
import java.util.List;

/**
 * Newer language corners across awaits: pattern bindings (flow scoped too), local records and
 * enums, string switches with hash collisions or null, several resources closing with
 * suppression, ternary typing, text blocks, generic helpers, deep companion recursion.
 */
public class LanguageCorners {
    static class Counter { int count; Counter(int c) { count = c; } @Override public String toString() { return "C" + count; } }
    Counter[] arr = {new Counter(1), new Counter(2)};
    Object obj = "hello";

    static class Res implements AutoCloseable {
        final String n;
        Res(String n) { this.n = n; Log.add("open " + n); }
        @Override public void close() { Log.add("close " + n); if (n.startsWith("bad")) throw new IllegalStateException("close " + n); }
    }

    @Async
    int shapeFieldArrayElementCompound() {
        arr[await(Src.i(1))].count += await(Src.i(5));
        this.arr[Log.i("k", 0)].count *= await(Src.i(3));
        return arr[0].count * 100 + arr[1].count;
    }

    @Async
    int shapePatternBindingAcrossAwait() {
        Object o = obj;
        if (o instanceof String s && await(Src.b(true))) {
            int n = await(Src.i(2));
            return s.length() + n;
        }
        return -1;
    }

    @Async
    int shapeFlowScopedBinding() {
        Object o = obj;
        if (!(o instanceof String s)) {
            return -1;
        }
        int n = await(Src.i(3));
        return s.length() * n;
    }

    @Async
    static String shapeLocalRecordAcrossAwait() {
        record P(int x, String y) {}
        P p = new P(await(Src.i(1)), await(Src.s("a")));
        P q = new P(p.x() + await(Src.i(1)), p.y());
        return p + " " + q + " " + p.equals(q);
    }

    @Async
    static String shapeLocalEnumAcrossAwait() {
        enum E { A, B }
        E e = E.valueOf(await(Src.s("B")));
        return e.name() + e.ordinal() + await(Src.s("!"));
    }

    @Async
    static String shapeHashCollisionSwitch() {
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("Aa", "BB", "C")) {
            switch (await(Src.s(k))) {
                case "Aa" -> sb.append(1);
                case "BB" -> sb.append(await(Src.i(2)));
                default -> sb.append(0);
            }
        }
        return sb.toString();
    }

    @Async
    static String shapeStringSwitchNull() {
        String k = await(Src.v((String) null));
        try {
            switch (k) {
                case "a" -> { return "a"; }
                default -> { return "d"; }
            }
        } catch (NullPointerException e) {
            return Log.add("npe");
        }
    }

    @Async
    static String shapeTwrMultipleSuppressed() {
        try (Res a = new Res(await(Src.s("bad-a"))); Res b = new Res("bad-b"); Res c = new Res(await(Src.s("c")))) {
            Log.add("body");
            await(Src.tick());
            throw new RuntimeException("body");
        } catch (RuntimeException e) {
            StringBuilder sb = new StringBuilder(e.getMessage());
            for (Throwable t : e.getSuppressed()) sb.append(",").append(t.getMessage());
            return Log.add(sb.toString());
        }
    }

    @Async
    static String shapeTwrResourceInitThrows() {
        try (Res a = new Res("a"); Res b = new Res(await(Src.v((String) null)).trim())) {
            return "body";
        } catch (NullPointerException e) {
            return Log.add("npe");
        }
    }

    @Async
    static char shapeCharTernary() {
        boolean c = await(Src.b(true));
        var r = c ? await(Src.v('x')) : 0;
        return r;
    }

    @Async
    static long shapeMixedTernaryPromotion() {
        boolean c = await(Src.b(true));
        var r = c ? await(Src.i(7)) : 1L;
        Object boxed = c ? await(Src.v(Integer.valueOf(3))) : Long.valueOf(1);
        return r + (boxed instanceof Long ? 100 : 0);
    }

    @Async
    static int shapeTextBlockAndMultiLabel() {
        String t = """
            a
            b""";
        int k = await(Src.i(t.length()));
        return switch (k) {
            case 1, 2, 3 -> 1;
            case 4, 5 -> await(Src.i(50));
            default -> -1;
        };
    }

    @Async
    static long shapeLongLoopReady() {
        long s = 0;
        for (int i = 0; i < 300; i++) {
            s += await(Src.i(i & 7));
        }
        return s;
    }

    @Async
    static int shapeRecursionDepth() {
        return await(LanguageCornersAsync.depth(2000));
    }

    @Async
    static int depth(int n) {
        if (n == 0) return 0;
        return 1 + await(LanguageCornersAsync.depth(n - 1));
    }

    @Async
    static String shapeGenericHelper() {
        List<String> out = new ArrayList<>();
        out.add(await(LanguageCornersAsync.first(List.of("q", "r"))));
        out.add(String.valueOf(await(LanguageCornersAsync.<Integer>first(List.of(5)))));
        return out.toString();
    }

    @Async
    static <T extends Comparable<T>> T first(List<T> xs) {
        T best = xs.get(0);
        await(Src.tick());
        for (T x : xs) if (x.compareTo(best) > 0) best = x;
        return best;
    }

    @Async
    static String shapeExceptionInFinallyReplaces() {
        try {
            try {
                await(Src.tick());
                throw new IllegalStateException("first");
            } finally {
                if (await(Src.b(true))) throw new IllegalArgumentException("second");
            }
        } catch (RuntimeException e) {
            return Log.add(e.getMessage() + e.getSuppressed().length);
        }
    }

    @Async
    static int shapeWhileTrueBreakValue() {
        int i = 0;
        while (true) {
            if (await(Src.i(i)) >= 3) break;
            i++;
        }
        return i;
    }

    @Async
    static String shapeConditionalSideEffectsOrder() {
        return Log.add(Log.i("a", 1) + "" + await(Src.i(2)) + Log.i("c", 3) + await(Src.s("d")) + Log.v("e", 'e'));
    }

    @Async
    static int shapeNestedAwaitArgs() {
        return await(LanguageCornersAsync.depth(await(Src.i(await(Src.i(3))))));
    }

    @Async
    static String shapeArrayInitMixed() {
        String[][] g = new String[await(Src.i(2))][];
        g[0] = new String[] {await(Src.s("a")), "b"};
        g[1] = new String[await(Src.i(1))];
        int[] dims = new int[] {Log.i("x", 1), await(Src.i(2)), Log.i("y", 3)};
        return java.util.Arrays.deepToString(g) + java.util.Arrays.toString(dims);
    }
}
