package dev.jawait.processor.oracle;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Waker;
import java.util.List;

/**
 * Drives one cancellation scenario from inside the runtime: spawns the companion's future as a
 * task, waits until the hanging {@link Src} is first polled (the task is suspended at that
 * await), calls {@link JoinHandle#abort()}, and completes with what awaiting the handle gives.
 * Being a future itself, it works the same on a current-thread runtime, where nothing runs
 * outside {@code blockOn}.
 *
 * <pre>{@code
 * Src.reset(SrcMode.hangAt(2));
 * Outcome o = runtime.blockOn(new AbortWhenHanging(runtime, CancellationAsync.shapeX(), null));
 * }</pre>
 */
final class AbortWhenHanging implements Future<Outcome> {
    private final OracleRuntime runtime;
    private final Future<?> task;
    private final Object receiver;
    private volatile Waker waker;
    private volatile boolean hung;
    private JoinHandle<?> handle;
    private boolean aborted;

    AbortWhenHanging(OracleRuntime runtime, Future<?> task, Object receiver) {
        this.runtime = runtime;
        this.task = task;
        this.receiver = receiver;
    }

    @Override
    public Poll<Outcome> poll(Context cx) {
        waker = cx.waker();
        if (handle == null) {
            Src.onHang(() -> {
                hung = true;
                waker.wake();
            });
            handle = runtime.spawn(task);
        }
        if (hung && !aborted) {
            aborted = true;
            Log.add("<abort>");
            handle.abort();
        }
        try {
            Poll<?> p = handle.poll(cx);
            if (p.isPending()) return Poll.pending();
            return Poll.ready(Outcome.returned(p.value(), withoutMarker(), receiver));
        } catch (Throwable t) {
            return Poll.ready(Outcome.threw(t, withoutMarker(), receiver));
        }
    }

    /** The log minus the harness's own abort marker (its position is only a diagnostic). */
    private static List<String> withoutMarker() {
        List<String> log = Log.snapshot();
        log.remove("<abort>");
        return log;
    }

    boolean aborted() {
        return aborted;
    }
}
