package dev.jawait.runtime.driver;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal current-thread executor over a private {@link IoDriver}, for driving the reactor's
 * futures in tests independently of the scheduler: {@link #blockOn} runs the root future and
 * every spawned task on the calling thread and parks in the driver when nothing is runnable.
 *
 * <pre>{@code
 * try (MiniExecutor ex = new MiniExecutor()) {
 *     ex.spawn(server);
 *     int n = ex.blockOn(client);
 * }
 * }</pre>
 */
public final class MiniExecutor implements AutoCloseable {
    private final IoDriver driver = IoDriver.create();
    private final ConcurrentLinkedQueue<Task<?>> runQueue = new ConcurrentLinkedQueue<>();

    public IoDriver driver() {
        return driver;
    }

    /** Queues {@code future} as a task; it runs during {@link #blockOn}. */
    public <T> CompletableFuture<T> spawn(Future<T> future) {
        Task<T> task = new Task<>(future);
        task.wake();
        return task.result;
    }

    /** Runs tasks until {@code future} completes; rethrows its failure as is. */
    public <T> T blockOn(Future<T> future) {
        CompletableFuture<T> result = spawn(future);
        try (IoDriver.Scope scope = driver.enter()) {
            while (!result.isDone()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted (test timeout?)");
                }
                Task<?> task;
                while ((task = runQueue.poll()) != null) {
                    task.run();
                }
                if (!result.isDone()) {
                    driver.park(Long.MAX_VALUE);
                }
            }
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw Failures.sneaky(e.getCause());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }

    private final class Task<T> implements Waker, Context {
        final Future<T> future;
        final CompletableFuture<T> result = new CompletableFuture<>();
        final AtomicBoolean scheduled = new AtomicBoolean();

        Task(Future<T> future) {
            this.future = future;
        }

        @Override
        public Waker waker() {
            return this;
        }

        @Override
        public void wake() {
            if (scheduled.compareAndSet(false, true)) {
                runQueue.add(this);
                driver.unpark();
            }
        }

        void run() {
            scheduled.set(false);
            if (result.isDone()) {
                return;
            }
            try {
                Poll<T> poll = future.poll(this);
                if (poll.isReady()) {
                    result.complete(poll.value());
                }
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        }
    }
}
