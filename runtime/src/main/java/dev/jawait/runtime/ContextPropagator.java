package dev.jawait.runtime;

/**
 * Carries thread-local context (a logging MDC, a tracing span, a security principal) along with
 * a task, for libraries that keep it in thread-locals: a spawned task starts with the context
 * its spawner's thread had, each poll runs with the task's own context installed on the worker
 * thread, and what the poll changed stays with the task. Register it on the runtime builder;
 * a runtime with no propagator pays nothing per poll.
 *
 * <pre>{@code
 * AsyncRuntime rt = AsyncRuntime.builder()
 *         .contextPropagator(new MdcPropagator())     // jawait-slf4j
 *         .build();
 *
 * final class PrincipalPropagator implements ContextPropagator<Principal> {
 *     public Principal capture() { return CURRENT.get(); }
 *     public Principal swap(Principal next) {
 *         Principal previous = CURRENT.get();
 *         CURRENT.set(next);
 *         return previous;
 *     }
 * }
 * }</pre>
 *
 * <p>Around each poll of a task the runtime calls {@code replaced = swap(taskContext)}, polls, then
 * {@code taskContext = swap(replaced)}: the second call puts the worker's context back and hands
 * over the task's context as the poll left it. Both methods run on the thread in question, must
 * be quick and must not throw (a throw fails the task being polled). A task's context is only
 * touched by the thread polling it, one poll at a time.
 *
 * @param <C> the context's type; {@code null} may stand for "no context"
 */
public interface ContextPropagator<C> {

    /**
     * The calling thread's context, for a task spawned now to start with.
     *
     * @return the context to give to the new task
     */
    C capture();

    /**
     * Makes {@code context} the calling thread's context and returns the one it replaced.
     *
     * @param context the context to install (as captured, or the task's)
     * @return the context that was installed, to put back after the poll
     */
    C swap(C context);
}
