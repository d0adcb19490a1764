package dev.jawait.runtime.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.internal.AsyncTraces;
import dev.jawait.internal.StateMachine;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Template frames from hand-written machines shaped like the generated ones. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncTracesTest {
    /** {@code Rec.down(n)}: awaits itself with n-1 on line 12 until n == 0, then throws. */
    static final class Down extends StateMachine<Integer> {
        private final int n;
        private final RuntimeException failure;

        Down(int n, RuntimeException failure) {
            this.n = n;
            this.failure = failure;
        }

        @Override
        protected Poll<Integer> step(Context cx) {
            try {
                switch (state) {
                    case 0:
                        if (n == 0) {
                            throw failure;
                        }
                        if (suspend(1, new Down(n - 1, failure), cx)) {
                            return Poll.pending();
                        }
                        // fall through
                    case 1:
                        return resume(cx) ? Poll.pending() : complete((Integer) awaited());
                    default:
                        throw new IllegalStateException();
                }
            } catch (Throwable t) {
                throw fail(t);
            }
        }

        @Override
        protected String name() {
            return "Rec.Inner.down";
        }

        @Override
        protected String where(int s) {
            return s == 1 ? "Rec.java:12" : "state " + s;
        }
    }

    private static StackTraceElement[] templateFrames(Throwable t) {
        return Arrays.stream(t.getStackTrace()).filter(AsyncTraces::isTemplateFrame)
                .toArray(StackTraceElement[]::new);
    }

    @Test
    void recursionAddsOneFramePerMachineAtTheFront() {
        IllegalStateException boom = new IllegalStateException("boom");
        int physical = boom.getStackTrace().length;
        Future<Integer> root = new Down(3, boom);
        assertThrows(IllegalStateException.class, () -> root.poll(Context.of(() -> { })));
        StackTraceElement[] frames = templateFrames(boom);
        assertEquals(4, frames.length, Arrays.toString(boom.getStackTrace()));
        assertEquals(physical + 4, boom.getStackTrace().length);
        // the innermost (n == 0) failed before suspending: no line, file from the class name
        assertEquals("dev.jawait.runtime.diagnostics.Rec$Inner", frames[0].getClassName());
        assertEquals("down", frames[0].getMethodName());
        assertEquals("Rec.java", frames[0].getFileName());
        assertEquals(-1, frames[0].getLineNumber());
        for (int i = 1; i < 4; i++) {
            assertEquals("Rec.java", frames[i].getFileName());
            assertEquals(12, frames[i].getLineNumber());
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(frames[i], boom.getStackTrace()[i], "template frames come first");
        }
        assertTrue(boom.getStackTrace()[0].toString().startsWith("async/dev.jawait.runtime.diagnostics.Rec$Inner.down("),
                boom.getStackTrace()[0].toString());
    }

    @Test
    void aMachineThatCatchesTheFailureAddsNoFrame() {
        IllegalStateException boom = new IllegalStateException("boom");
        StateMachine<Integer> catcher = new StateMachine<>() {
            @Override
            protected Poll<Integer> step(Context cx) {
                try {
                    try {
                        boolean pending = state == 0 ? suspend(1, new Down(0, boom), cx) : resume(cx);
                        return pending ? Poll.pending() : complete(0);
                    } catch (IllegalStateException e) {
                        return complete(-1); // the template's catch: the failure stops here
                    }
                } catch (Throwable t) {
                    throw fail(t);
                }
            }

            @Override
            protected String name() {
                return "Catch.run";
            }

            @Override
            protected String where(int s) {
                return "Catch.java:5";
            }
        };
        assertEquals(-1, catcher.poll(Context.of(() -> { })).value());
        StackTraceElement[] frames = templateFrames(boom);
        assertEquals(1, frames.length, Arrays.toString(frames));
        assertEquals("down", frames[0].getMethodName());
    }
}
