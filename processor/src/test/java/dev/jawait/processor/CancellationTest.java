package dev.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.processor.testing.Compiled;
import dev.jawait.processor.testing.Manual;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cancellation protocol of generated state machines, and their toString. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CancellationTest {
    static Compiled c;

    @BeforeAll
    static void compile() {
        c = Compiled.ok("demo.Cancel", """
                package demo;

                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.Future;
                import java.util.List;

                public class Cancel {
                    @Async
                    static String guarded(Future<String> f, List<String> log) {
                        log.add("start");
                        try (AutoCloseable r = () -> log.add("closed")) {
                            return await(f);
                        } catch (Exception e) {
                            log.add("caught " + e.getClass().getSimpleName());
                            throw new IllegalStateException("unreachable", e);
                        } finally {
                            log.add("finally");
                        }
                    }

                    @Async
                    static String outer(Future<String> f, List<String> log) {
                        try {
                            return "outer " + await(CancelAsync.inner(f, log));
                        } finally {
                            log.add("outer finally");
                        }
                    }

                    @Async
                    static String inner(Future<String> f, List<String> log) {
                        try {
                            return await(f);
                        } finally {
                            log.add("inner finally");
                        }
                    }

                    @Async
                    static String recovers(Future<String> f, Future<String> fallback) {
                        try {
                            return await(f);
                        } catch (java.util.concurrent.CancellationException e) {
                            return "recovered " + await(fallback);
                        }
                    }
                }
                """);
    }

    @SuppressWarnings("unchecked")
    private static Future<String> call(String method, Object... args) throws Throwable {
        return (Future<String>) c.call("demo.CancelAsync", method, args);
    }

    @Test
    void cancelBeforeFirstPollRunsNoTemplateCode() throws Throwable {
        List<String> log = new ArrayList<>();
        Future<String> f = call("guarded", new Manual.Gate<String>(), log);
        assertTrue(f.cancel(), "a state machine takes charge of its cancellation");
        assertThrows(CancellationException.class, () -> Manual.pollOnce(f));
        assertEquals(List.of(), log);
    }

    @Test
    void cancelAtLeafAwaitResumesWithCancellationThroughCatchAndFinally() throws Throwable {
        List<String> log = new ArrayList<>();
        Manual.Gate<String> gate = new Manual.Gate<>();
        Future<String> f = call("guarded", gate, log);
        assertTrue(Manual.pollOnce(f).isPending());
        assertTrue(f.cancel());
        assertEquals(1, gate.cancels, "the leaf child is cancelled");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Manual.pollOnce(f));
        assertTrue(e.getCause() instanceof CancellationException);
        assertEquals(List.of("start", "closed", "caught CancellationException", "finally"), log);
        assertFalse(f.cancel(), "a completed machine has nothing to cancel");
    }

    @Test
    void cancelWithCompositeChildPollsItToCompletion() throws Throwable {
        List<String> log = new ArrayList<>();
        Manual.Gate<String> gate = new Manual.Gate<>();
        Future<String> f = call("outer", gate, log);
        assertTrue(Manual.pollOnce(f).isPending());
        assertTrue(f.cancel());
        assertThrows(CancellationException.class, () -> Compiled.run(f));
        assertEquals(List.of("inner finally", "outer finally"), log);
        assertEquals(1, gate.cancels);
    }

    @Test
    void templateMayCatchCancellationAndAwaitAgain() throws Throwable {
        Manual.Gate<String> gate = new Manual.Gate<>();
        Future<String> f = call("recovers", gate, Future.ready("fallback"));
        assertTrue(Manual.pollOnce(f).isPending());
        assertTrue(f.cancel());
        Poll<String> p = Manual.pollOnce(f);
        assertEquals("recovered fallback", p.value());
    }

    @Test
    void cancelWakesTheTask() throws Throwable {
        Manual.Gate<String> gate = new Manual.Gate<>();
        Future<String> f = call("inner", gate, new ArrayList<String>());
        int[] wakes = new int[1];
        assertTrue(f.poll(dev.jawait.Context.of(() -> wakes[0]++)).isPending());
        f.cancel();
        assertEquals(1, wakes[0]);
    }

    @Test
    void cancelBeforeTheFirstPollRunsNoTemplateCode() throws Throwable {
        Manual.Gate<String> gate = new Manual.Gate<>();
        List<String> log = new ArrayList<>();
        Future<String> f = call("inner", gate, log);
        assertTrue(f.cancel());
        assertEquals("Cancel.inner (cancelled before it started)", f.toString());
        assertThrows(CancellationException.class, () -> Manual.pollOnce(f));
        assertEquals(List.of(), log);
        assertEquals("Cancel.inner (completed)", f.toString());
        assertFalse(f.cancel(), "a completed machine has nothing to cancel");
    }

    @Test
    void toStringTellsWhereTheMachineIs() throws Throwable {
        Manual.Gate<String> gate = new Manual.Gate<>();
        Future<String> f = call("inner", gate, new ArrayList<String>());
        assertEquals("Cancel.inner (not started)", f.toString());
        Manual.pollOnce(f);
        assertEquals("Cancel.inner suspended at Cancel.java:34", f.toString());
        gate.open("x");
        assertEquals("x", Manual.pollOnce(f).value());
        assertEquals("Cancel.inner (completed)", f.toString());
    }
}
