package oracle;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Src;

/** Corners of Java's evaluation rules that a rewrite easily gets wrong. */
public class Edge {

    @Async
    static String shapeSimpleArrayStoreChecksAfterRhs() {
        int[] small = new int[2];
        try {
            small[Log.i("index", 5)] = Log.i("rhs", 1) + await(Src.i(1));
        } catch (ArrayIndexOutOfBoundsException e) {
            return Log.add("aioobe after rhs");
        }
        return "no";
    }

    @Async
    static String shapeNullArrayCompoundAssignFailsBeforeRhs() {
        int[] none = await(Src.v((int[]) null));
        try {
            none[Log.i("index", 0)] += Log.i("rhs", 1) + await(Src.i(1));
        } catch (NullPointerException e) {
            return Log.add("npe");
        }
        return "no";
    }

    @Async
    static String shapeNullArraySimpleAssignFailsAfterRhs() {
        int[] none = await(Src.v((int[]) null));
        try {
            none[Log.i("index", 0)] = Log.i("rhs", 1) + await(Src.i(1));
        } catch (NullPointerException e) {
            return Log.add("npe");
        }
        return "no";
    }

    @Async
    static int shapeSelfAssignWithPostIncrement() {
        int x = 5;
        x = x++ + await(Src.i(1));
        int y = 1;
        y += y++ * await(Src.i(10));
        return x * 100 + y;
    }

    @Async
    static String shapeStringSwitchHashCollision() {
        StringBuilder out = new StringBuilder();
        for (String s : new String[] {"Aa", "BB", "C"}) {
            switch (await(Src.s(s))) {
                case "Aa" -> out.append(1);
                case "BB" -> out.append(2);
                default -> out.append(0);
            }
        }
        return out.toString();
    }

    @Async
    static String shapeTernaryBoxingRules() {
        boolean yes = await(Src.b(true));
        Integer nothing = null;
        Object a = yes ? await(Src.i(1)) : "str";
        Object b = yes ? 1 : 'c'; // numeric promotion: int
        Object c = !yes ? nothing : await(Src.v(2L));
        return a.getClass().getSimpleName() + a + b.getClass().getSimpleName() + c.getClass().getSimpleName() + c;
    }

    @Async
    static int shapeTernaryUnboxesNullAndThrows() {
        Integer nothing = await(Src.v((Integer) null));
        boolean yes = await(Src.b(true));
        return yes ? nothing : 0;
    }

    @Async
    static long shapeShiftsAndNarrowingCompound() {
        byte b = 100;
        b += await(Src.i(100));
        short s = 1;
        s <<= await(Src.i(17));
        long l = 1L << await(Src.i(40));
        int i = 1 << await(Src.i(33)); // shift distance masked to 1
        char c = 'A';
        c += await(Src.i(2));
        return b + s + l + i + c;
    }

    @Async
    static String shapeIntegerOverflowAndMinDivision() {
        int max = await(Src.i(Integer.MAX_VALUE));
        int min = await(Src.i(Integer.MIN_VALUE));
        return (max + 1) + " " + (min / -1) + " " + Math.abs(min) + " " + (-7 / 2) + " " + (-7 % 2);
    }

    @Async
    static String shapeFloatingPointCorners() {
        double zero = await(Src.v(0.0));
        double nz = -zero;
        float f = await(Src.v(0.1f));
        return (1 / zero) + " " + (1 / nz) + " " + (zero / zero) + " " + (f * 3) + " " + (0.1 + 0.2) + " " + (int) Double.NaN;
    }

    @Async
    static String shapeStringConcatOrderWithSideEffects() {
        int[] n = {0};
        String s = n[0]++ + "-" + await(Src.i(n[0])) + "-" + n[0]++ + "-" + await(Src.i(n[0]));
        return s;
    }

    @Async
    static String shapeInstanceofPatternWithAwaitOnRight() {
        Object o = await(Src.v((Object) 42));
        if (o instanceof Integer n && n + await(Src.i(1)) == 43) {
            return Log.add("matched " + n);
        }
        return "no";
    }

    @Async
    static String shapeCharPlusIntVersusConcat() {
        char c = await(Src.v('a'));
        int one = await(Src.i(1));
        return "" + (c + one) + c + one + (char) (c + one);
    }

    @Async
    static int shapeConditionalAndSideEffectsInLoopCondition() {
        int i = 0;
        int calls = 0;
        while (i < 5 && (calls += Log.i("calls", 1)) > 0 && await(Src.i(i)) != 3) {
            i++;
        }
        return i * 100 + calls;
    }

    @Async
    static String shapeLabelOnLoopContainingSwitchAndBreakToSwitch() {
        StringBuilder out = new StringBuilder();
        loop:
        for (int i = 0; i < 4; i++) {
            switch (await(Src.i(i))) {
                case 1:
                    break; // leaves the switch only
                case 2:
                    continue loop;
                case 3:
                    break loop;
                default:
                    out.append('d');
            }
            out.append(i);
        }
        return out.toString();
    }

    @Async
    static int shapeFinallyWithBreakDiscardsException() {
        int i = 0;
        while (true) {
            try {
                i += await(Src.i(1));
                throw new IllegalStateException("discarded");
            } finally {
                Log.i("finally", i);
                if (i >= 2) break;
            }
        }
        return i;
    }

    @Async
    static int shapeFinallyWithContinueDiscardsReturn() {
        int count = 0;
        for (int i = 0; i < 3; i++) {
            try {
                if (await(Src.i(i)) >= 0) return -1;
            } finally {
                count++;
                if (count < 3) continue;
            }
        }
        return count;
    }

    static final int ONE = 1;
    static final String KEY = "k";

    @Async
    static int shapeNoAwaitAtAll() {
        int x = Log.i("x", 20);
        for (int i = 0; i < 3; i++) x += i;
        return x;
    }

    @Async
    static void shapeVoidWithEarlyReturn() {
        for (int i = 0; i < 5; i++) {
            Log.add("i" + await(Src.i(i)));
            if (i == 2) return;
        }
        Log.add("never");
    }

    @Async
    static int shapeThrowsBeforeFirstAwait() {
        Log.add("entered");
        if (Log.b("check", true)) throw new IllegalStateException("before any await");
        return await(Src.i(1));
    }

    @Async
    static int shapeSynchronizedBlockWithoutAwait() {
        Object lock = new Object();
        int before = await(Src.i(2));
        int inside;
        synchronized (lock) {
            inside = Log.i("locked", before * 3);
        }
        return inside + await(Src.i(1));
    }

    @Async
    static String shapeConstantCaseLabels() {
        StringBuilder out = new StringBuilder();
        switch (await(Src.i(1))) {
            case ONE -> out.append("one");
            default -> out.append("other");
        }
        switch (await(Src.s("k"))) {
            case KEY:
                out.append(":key");
                break;
            default:
                out.append(":other");
        }
        return out.toString();
    }
}
