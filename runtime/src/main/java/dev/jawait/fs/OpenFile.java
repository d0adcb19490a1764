package dev.jawait.fs;

import dev.jawait.Context;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.TryFuture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The future of {@link AsyncFile#open}: opens on the blocking pool, and never leaks the file when
 * cancelled mid-way — whichever of the opening call and {@link #cancel()} comes second closes it.
 *
 * <pre>{@code
 * AsyncFile f = await(new OpenFile(() -> new AsyncFile(FileChannel.open(path), path, false), path));
 * }</pre>
 */
final class OpenFile implements TryFuture<AsyncFile, IOException> {
    private static final Object ABANDONED = new Object();

    private final BlockingIo.Call<AsyncFile> opener;
    private final Path path;
    /** The opened file once the call has it, or ABANDONED once cancelled. */
    private final AtomicReference<Object> handoff = new AtomicReference<>();
    private TryFuture<AsyncFile, Exception> call;

    OpenFile(BlockingIo.Call<AsyncFile> opener, Path path) {
        this.opener = opener;
        this.path = path;
    }

    @Override
    public Poll<AsyncFile> poll(Context cx) {
        if (call == null) {
            call = Task.spawnBlocking(() -> {
                AsyncFile file = opener.call();
                if (!handoff.compareAndSet(null, file)) {
                    file.close(); // cancelled while we were opening it
                }
                return file;
            });
        }
        return call.poll(cx);
    }

    @Override
    public boolean cancel() {
        Object opened = handoff.getAndSet(ABANDONED);
        if (opened instanceof AsyncFile file) {
            file.close(); // opened, but nobody will take it now
        }
        if (call != null) {
            call.cancel();
        }
        return false;
    }

    @Override
    public String toString() {
        return "AsyncFile.open(" + path + ")";
    }
}
