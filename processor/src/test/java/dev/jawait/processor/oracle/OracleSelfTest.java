package dev.jawait.processor.oracle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Await;
import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The oracle itself must be able to fail: hand-written "companions" of one small template, one
 * correct and several subtly wrong, go through {@link ShapeOracle}; only the correct one passes,
 * and each wrong one is caught by the part of the oracle meant to catch it (log order, laziness,
 * injected failures, the poll protocol).
 *
 * <pre>{@code
 * mvn -o -Djawait.target.suffix=-oracle -pl processor test -Dtest=OracleSelfTest
 * }</pre>
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OracleSelfTest {
    private static final RuntimePool POOL = new RuntimePool();
    private static final BoundedRunner RUNNER = new BoundedRunner("oracle-self-test");

    @AfterAll
    static void release() {
        POOL.close();
        RUNNER.close();
        Src.shutdown();
    }

    /** The template: blocking, as a directly called {@code @Async} method behaves. */
    static int template() {
        Log.add("a");
        int v = Await.await(Src.i(1)) + Await.await(Src.i(2));
        Log.add("b");
        return v;
    }

    /** A correct state machine for {@link #template()}. */
    static Future<Integer> correct() {
        return new Machine(false, false, false);
    }

    /** Logs "b" before its second await completes: evaluation order broken. */
    static Future<Integer> reordered() {
        return new Machine(true, false, false);
    }

    /** Swallows a failing child and goes on with 0: failure propagation broken. */
    static Future<Integer> swallowsFailures() {
        return new Machine(false, true, false);
    }

    /** Polls its first child once more after it completed: poll protocol broken. */
    static Future<Integer> repollsChild() {
        return new Machine(false, false, true);
    }

    /** Runs the first statement when created instead of when first polled: not lazy. */
    static Future<Integer> eager() {
        Log.add("a");
        Machine m = new Machine(false, false, false);
        m.state = 1;
        m.child = Src.i(1);
        return m;
    }

    @Test
    void aCorrectStateMachinePasses() {
        assertDoesNotThrow(() -> check("correct"));
    }

    @Test
    void reorderedSideEffectsAreCaught() {
        AssertionError e = assertThrows(AssertionError.class, () -> check("reordered"));
        assertTrue(e.getMessage().contains("log entry"), e.getMessage());
    }

    @Test
    void swallowedFailuresAreCaughtOnlyByInjectedFailures() {
        AssertionError e = assertThrows(AssertionError.class, () -> check("swallowsFailures"));
        assertTrue(e.getMessage().contains("first: FAIL@"), e.getMessage());
    }

    @Test
    void repollingACompletedFutureIsCaught() {
        AssertionError e = assertThrows(AssertionError.class, () -> check("repollsChild"));
        assertTrue(e.getMessage().contains("polled after it completed"), e.getMessage());
    }

    @Test
    void eagerFuturesAreCaught() {
        AssertionError e = assertThrows(AssertionError.class, () -> check("eager"));
        assertTrue(e.getMessage().contains("must be lazy"), e.getMessage());
    }

    @Test
    void failuresAreInjectedAtEverySource() {
        assertEquals(List.of("READY", "PENDING(1)", "PENDING(3)", "FAIL@1/p1", "FAIL@2/p0"),
                ShapeOracle.modes(2).stream().map(SrcMode::label).toList());
        assertEquals(9, ShapeOracle.modes(40).size(), "many sources are sampled: first three, middle, last two");
    }

    @Test
    void helpfulNullPointerMessagesAreNotCompared() {
        Outcome a = Outcome.threw(new NullPointerException("Cannot invoke \"String.trim()\" because \"<local1>\" is null"), List.of(), null);
        Outcome b = Outcome.threw(new NullPointerException("Cannot invoke \"String.trim()\" because \"this.s\" is null"), List.of(), null);
        Outcome c = Outcome.threw(new NullPointerException("explicit"), List.of(), null);
        assertEquals(a.render(), b.render());
        assertTrue(!a.render().equals(c.render()));
    }

    private static void check(String companionName) throws Exception {
        Method direct = OracleSelfTest.class.getDeclaredMethod("template");
        Method companion = OracleSelfTest.class.getDeclaredMethod(companionName);
        new ShapeOracle(null, POOL, RUNNER).check("self." + companionName, direct, companion, "");
    }

    /** {@code a; v = await(Src.i(1)) + await(Src.i(2)); b; return v} as a hand-lowered state machine. */
    private static final class Machine implements Future<Integer> {
        private final boolean reorder;
        private final boolean swallow;
        private final boolean repoll;
        int state;
        Future<Integer> child;
        private int first;

        Machine(boolean reorder, boolean swallow, boolean repoll) {
            this.reorder = reorder;
            this.swallow = swallow;
            this.repoll = repoll;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            while (true) {
                switch (state) {
                    case 0 -> {
                        Log.add("a");
                        child = Src.i(1);
                        state = 1;
                    }
                    case 1 -> {
                        Poll<Integer> p = pollChild(cx);
                        if (p.isPending()) return Poll.pending();
                        first = p.value();
                        if (repoll) child.poll(cx);
                        child = Src.i(2);
                        if (reorder) Log.add("b");
                        state = 2;
                    }
                    default -> {
                        Poll<Integer> p = pollChild(cx);
                        if (p.isPending()) return Poll.pending();
                        if (!reorder) Log.add("b");
                        return Poll.ready(first + p.value());
                    }
                }
            }
        }

        private Poll<Integer> pollChild(Context cx) {
            try {
                return child.poll(cx);
            } catch (RuntimeException e) {
                if (swallow) return Poll.ready(0);
                throw e;
            }
        }
    }
}
