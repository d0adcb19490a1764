package dev.jawait.processor.oracle;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each piece of work on a helper thread and waits at most a deadline, so a shape that
 * hangs fails its test instead of stalling the build. After a timeout the stuck thread is
 * abandoned (it is a daemon, and interrupted) and a fresh one serves the next call.
 *
 * <pre>{@code
 * BoundedRunner runner = new BoundedRunner("oracle");
 * Outcome o = runner.call(() -> run(shape), Duration.ofSeconds(10));   // TimeoutException if slow
 * runner.close();
 * }</pre>
 */
final class BoundedRunner implements AutoCloseable {
    private final String name;
    private ExecutorService executor;

    BoundedRunner(String name) {
        this.name = name;
    }

    /** The result of {@code work}, or its exception; {@link TimeoutException} after {@code limit}. */
    <T> T call(Callable<T> work, Duration limit) throws Exception {
        java.util.concurrent.Future<T> result = executor().submit(work);
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
        } catch (TimeoutException e) {
            result.cancel(true);
            abandon();
            throw new TimeoutException("did not finish within " + limit.toMillis() + " ms");
        }
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    private synchronized void abandon() {
        if (executor != null) executor.shutdownNow();
        executor = null;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }
}
