package dev.jawait;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.ThreadBlocker;
import java.util.concurrent.CompletionStage;

/**
 * {@code await}: inside an {@link Async @Async} method, a suspension point that the processor
 * compiles into the state machine; anywhere else, a blocking call that drives the future to
 * completion on the calling thread (sleeping, not spinning, while it is pending), so every
 * {@code @Async} method is also a correct blocking method.
 *
 * <pre>{@code
 * import static dev.jawait.Await.await;
 *
 * @Async
 * static int total(TcpStream s) throws IOException {
 *     return await(s.read(buf));                 // suspends in the companion
 * }
 * int n = await(TotalAsync.total(s));            // plain thread: blocks until done
 * }</pre>
 *
 * <p>On a runtime worker thread (or inside {@code blockOn}) blocking would stall other tasks,
 * so the blocking form throws {@link IllegalStateException} naming the companion method to
 * await instead. A failure of the future is rethrown as is, checked exceptions included;
 * interrupting the blocked thread cancels the future.
 */
@SuppressWarnings("overloads") // await(Future) vs await(TryFuture): the TryFuture one is picked, by design
public final class Await {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private Await() {}

    /**
     * Waits for {@code future} and returns its value, rethrowing its failure as is.
     *
     * @param <T> the future's value type
     * @param future the future to wait for; polled by the caller's state machine (or driven on this thread
     *     outside one)
     * @return the value the future completed with
     */
    public static <T> T await(Future<T> future) {
        checkBlockingAllowed();
        return ThreadBlocker.block(future);
    }

    /**
     * Waits for {@code future}; its failure {@code E} is rethrown, checked by javac.
     *
     * @param <T> the future's value type
     * @param <E> the checked failure the future declares
     * @param future the future to wait for
     * @return the value the future completed with
     * @throws E the future's own failure, as it was thrown
     */
    public static <T, E extends Throwable> T await(TryFuture<T, E> future) throws E {
        checkBlockingAllowed();
        return ThreadBlocker.block(future);
    }

    /**
     * Waits for {@code stage}; a failure is rethrown unwrapped from
     * {@link java.util.concurrent.CompletionException}.
     *
     * @param <T> the stage's value type
     * @param stage the stage to wait for; it is not cancelled if the waiting task is
     * @return the value the stage completed with
     */
    public static <T> T await(CompletionStage<T> stage) {
        checkBlockingAllowed();
        return ThreadBlocker.block(Futures.fromCompletionStage(stage));
    }

    private static void checkBlockingAllowed() {
        if (AsyncRuntime.inAsyncContext()) {
            throw new IllegalStateException(blockingMessage());
        }
    }

    private static String blockingMessage() {
        StackWalker.StackFrame caller = WALKER.walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Await.class.getName()))
                .findFirst()
                .orElse(null));
        String where = "";
        String suggestion = "await(XAsync.m(...))";
        if (caller != null) {
            String className = caller.getClassName();
            String method = sourceMethodName(caller.getMethodName());
            where = " in " + className + "." + method;
            suggestion = "await(" + companionSimpleName(className) + "." + method + "(...))";
        }
        return "blocking await(...) on a jawait runtime thread" + where + " would stall the "
                + "runtime: call " + suggestion + " from an @Async method instead (or "
                + "Task.spawn the companion's future)";
    }

    /** {@code p.X} → {@code XAsync}; {@code p.Outer$Inner} → {@code Outer_InnerAsync}. */
    static String companionSimpleName(String binaryClassName) {
        String simple = binaryClassName.substring(binaryClassName.lastIndexOf('.') + 1);
        return simple.replace('$', '_') + "Async";
    }

    private static String sourceMethodName(String method) {
        // A lambda body inside m is compiled to lambda$m$0: name the enclosing method.
        if (method.startsWith("lambda$")) {
            int end = method.indexOf('$', 7);
            if (end > 7) {
                return method.substring(7, end);
            }
        }
        return method;
    }
}
