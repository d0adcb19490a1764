package dev.jawait.process;

import dev.jawait.Context;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.TryFuture;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The future of {@link Command#spawn()}: starts the process on the blocking pool, and never
 * leaves one running unreachable when cancelled mid-way — whichever of the starting call and
 * {@link #cancel()} comes second kills it and closes its pipes.
 *
 * <pre>{@code
 * Child child = await(new SpawnFuture(() -> new Child(builder.start(), ...), "cat"));
 * }</pre>
 */
final class SpawnFuture implements TryFuture<Child, IOException> {
    /** Starts the process. */
    @FunctionalInterface
    interface Starter {
        Child start() throws IOException;
    }

    private static final Object ABANDONED = new Object();

    private final Starter starter;
    private final String description;
    private final AtomicReference<Object> handoff = new AtomicReference<>();
    private TryFuture<Child, Exception> call;

    SpawnFuture(Starter starter, String description) {
        this.starter = starter;
        this.description = description;
    }

    @Override
    public Poll<Child> poll(Context cx) {
        if (call == null) {
            call = Task.spawnBlocking(() -> {
                Child child = starter.start();
                if (!handoff.compareAndSet(null, child)) {
                    child.kill(); // cancelled while it was starting
                    child.close();
                }
                return child;
            });
        }
        return call.poll(cx);
    }

    @Override
    public boolean cancel() {
        Object started = handoff.getAndSet(ABANDONED);
        if (started instanceof Child child) {
            child.kill();
            child.close();
        }
        if (call != null) {
            call.cancel();
        }
        return false;
    }

    @Override
    public String toString() {
        return "Command.spawn(" + description + ")";
    }
}
