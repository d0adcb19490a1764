package dev.jawait.processor.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.internal.AsyncTraces;
import dev.jawait.processor.testing.Compiled;
import dev.jawait.runtime.AsyncRuntime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A failure three awaits deep carries the three template lines, innermost first. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncStackTraceTest {
    static final String A = """
            package demo;

            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;

            public class A {
                @Async
                static int a(Future<Integer> gate) {
                    int before = 2;
                    return before + await(BAsync.b(gate)); // A-AWAIT
                }

                @Async
                static String recovers(Future<Integer> gate) {
                    try {
                        return "got " + await(BAsync.b(gate)); // A-RECOVER
                    } catch (IllegalStateException e) {
                        return "caught " + java.util.Arrays.stream(e.getStackTrace())
                                .filter(dev.jawait.internal.AsyncTraces::isTemplateFrame)
                                .map(f -> f.getClassName() + "." + f.getMethodName())
                                .collect(java.util.stream.Collectors.joining(","));
                    }
                }
            }
            """;
    static final String B = """
            package demo;

            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;

            public class B {
                @Async
                static int b(Future<Integer> gate) {
                    int one = 1;
                    int r = await(CAsync.c(gate)); // B-AWAIT
                    return one + r;
                }
            }
            """;
    static final String C = """
            package demo;

            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;

            public class C {
                @Async
                static int c(Future<Integer> gate) {
                    int v = await(gate); // C-AWAIT
                    throw new IllegalStateException("boom " + v);
                }
            }
            """;
    static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.ok("demo.A", A, "demo.B", B, "demo.C", C);
    }

    /** Pending once (waking itself at once), then ready: the failure happens after a real suspension. */
    static final class PendingOnce implements Future<Integer> {
        private boolean polled;

        @Override
        public Poll<Integer> poll(Context cx) {
            if (!polled) {
                polled = true;
                cx.waker().wake();
                return Poll.pending();
            }
            return Poll.ready(7);
        }
    }

    @SuppressWarnings("unchecked")
    private static Future<Integer> a() throws Throwable {
        return (Future<Integer>) compiled.call("demo.AAsync", "a", new PendingOnce());
    }

    private static void assertFrame(StackTraceElement e, String cls, String method, String file, int line) {
        assertEquals(cls, e.getClassName(), e.toString());
        assertEquals(method, e.getMethodName(), e.toString());
        assertEquals(file, e.getFileName(), e.toString());
        assertEquals(line, e.getLineNumber(), e.toString());
        assertTrue(AsyncTraces.isTemplateFrame(e), e.toString());
    }

    private static void assertThreeTemplateFrames(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        assertTrue(trace.length > 3, Arrays.toString(trace));
        assertFrame(trace[0], "demo.C", "c", "C.java", Sources.lineOf(C, "C-AWAIT"));
        assertFrame(trace[1], "demo.B", "b", "B.java", Sources.lineOf(B, "B-AWAIT"));
        assertFrame(trace[2], "demo.A", "a", "A.java", Sources.lineOf(A, "A-AWAIT"));
        assertTrue(!AsyncTraces.isTemplateFrame(trace[3]), "the physical trace follows: " + trace[3]);
        assertEquals("boom 7", failure.getMessage());
    }

    @Test
    void joinHandleFailureShowsTheAwaitChainInnermostFirst() throws Throwable {
        Future<Integer> root = a();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            JoinHandle<Integer> h = rt.spawn(root);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(h));
            assertThreeTemplateFrames(e);
        }
    }

    @Test
    void theUnhandledFailureHandlerGetsTheSameChain() throws Throwable {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        Future<Integer> root = a();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2)
                .unhandledFailureHandler(reported::add).build()) {
            JoinHandle<Integer> nobodyAwaits = rt.spawn(root);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!nobodyAwaits.isFinished() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(nobodyAwaits.isFinished(), "the task never failed");
        } // closing reports what nobody observed
        assertEquals(1, reported.size(), reported.toString());
        assertThreeTemplateFrames(reported.get(0));
    }

    @Test
    void blockOnOfCurrentThreadRuntimeShowsTheSameChain() throws Throwable {
        Future<Integer> root = a();
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(root));
            assertThreeTemplateFrames(e);
        }
    }

    @Test
    void aCaughtFailureHasTheFramesOfTheMachinesItLeftOnly() throws Throwable {
        @SuppressWarnings("unchecked")
        Future<String> f = (Future<String>) compiled.call("demo.AAsync", "recovers", new PendingOnce());
        String result = Compiled.run(f);
        // c and b let the failure out and added one frame each; recovers caught it: no frame.
        assertEquals("caught demo.C.c,demo.B.b", result);
    }

    @Test
    void eachMachineAddsItsFrameOnceEvenWhenDrivenByHand() throws Throwable {
        Future<Integer> root = a();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Compiled.run(root));
        assertThreeTemplateFrames(e);
        long templateFrames = Arrays.stream(e.getStackTrace()).filter(AsyncTraces::isTemplateFrame).count();
        assertEquals(3, templateFrames);
    }
}
