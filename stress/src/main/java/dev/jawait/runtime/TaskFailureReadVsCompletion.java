package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.Context;
import dev.jawait.Future;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A task fails while its handle is first polled: the failure is either awaited (the poll came
 * first and registered interest) or tracked as unobserved and then read by the poll. Tracking
 * swaps the failure in the task's outcome field for its tracking entry after completion, so a
 * handle may read either; whichever it reads, the entry must end settled, never left to be
 * reported as unhandled although the handle read it.
 * r1 = 1 if the poll threw the failure (0: pending), r2 = entries still unobserved afterwards.
 *
 * <p>Transitions (TaskCell): {@code setObserved} vs {@code transitionToComplete} and the
 * unobserved-failure hand-off after it.
 *
 * <pre>{@code
 * worker: run the failing task          awaiter: handle.poll(cx)
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the handle read the failure; nothing left unobserved")
@Outcome(id = "0, 0", expect = ACCEPTABLE_INTERESTING, desc = "pending first: the awaiter is woken instead")
@Outcome(expect = FORBIDDEN, desc = "a failure the handle read is still tracked as unobserved")
@State
public class TaskFailureReadVsCompletion {
    private static final IllegalStateException FAILURE = new IllegalStateException("probe failure");

    final StressScheduler scheduler = new StressScheduler();
    final TaskCell<Integer> task = new TaskCell<>(Future.failed(FAILURE), scheduler);
    final Context awaiter = Context.of(() -> { });
    int threw;

    public TaskFailureReadVsCompletion() {
        scheduler.spawned();
    }

    @Actor
    public void worker() {
        scheduler.drain(task);
    }

    @Actor
    public void awaiter() {
        try {
            task.poll(awaiter);
        } catch (IllegalStateException e) {
            threw = e == FAILURE ? 1 : 2;
        }
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = threw;
        r.r2 = scheduler.unobservedFailures.pendingCount();
    }
}
