package dev.jawait.fs;

import dev.jawait.Context;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.TryFuture;
import java.io.IOException;

/**
 * A blocking file-system call as a lazy future: at its first poll it goes to the blocking pool
 * of the runtime polling it ({@link Task#spawnBlocking}; outside a runtime, it runs on the
 * polling thread). Cancelling before the call started skips it; once started it runs to the end
 * (a thread cannot be stopped safely) and its result is dropped.
 *
 * <pre>{@code
 * TryFuture<Long, IOException> size = new BlockingIo<>(() -> Files.size(path), "size " + path);
 * }</pre>
 */
final class BlockingIo<T> implements TryFuture<T, IOException> {
    /** A blocking call that may fail with {@link IOException}. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws IOException;
    }

    private final String description;
    private Call<T> call;
    private TryFuture<T, Exception> running;

    BlockingIo(Call<T> call, String description) {
        this.call = call;
        this.description = description;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (running == null) {
            Call<T> c = call;
            call = null;
            running = Task.spawnBlocking(c::call);
        }
        return running.poll(cx);
    }

    @Override
    public boolean cancel() {
        call = null;
        return running != null && running.cancel();
    }

    @Override
    public String toString() {
        return description;
    }
}
