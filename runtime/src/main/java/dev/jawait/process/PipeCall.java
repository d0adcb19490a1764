package dev.jawait.process;

import dev.jawait.Context;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.TryFuture;
import java.io.IOException;

/**
 * A pipe's blocking operations, one at a time, as futures: each operation is a call on the
 * runtime's blocking pool (a thread waits in the pipe's {@code read} or {@code write}). A cancelled
 * operation's call cannot be stopped; it becomes the pipe's leftover, which the next operation
 * waits for and whose result it receives first ({@link #settled}), so no byte is lost or sent twice.
 *
 * <pre>{@code
 * class MyPipe extends PipeCall {
 *     TryFuture<Integer, IOException> read(ByteBuffer dst) { return new Op<>("read") { ... }; }
 * }
 * }</pre>
 */
abstract class PipeCall {
    /** A blocking call that may fail with {@link IOException}. */
    @FunctionalInterface
    interface Call {
        int call() throws IOException;
    }

    private final String description;
    private TryFuture<Integer, Exception> leftover;
    private Op<?> current;

    PipeCall(String description) {
        this.description = description;
    }

    /** Whether an operation, or a cancelled one's call, is still under way. */
    final boolean busy() {
        return current != null || leftover != null;
    }

    /** A cancelled operation's call finished with {@code n} (or failed): take its result over. */
    abstract void settled(int n);

    /** The same, for a failure: by default the next operation fails with it. */
    void settledWithFailure(Exception failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        throw new IOException(description + ": " + failure, failure);
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * One operation: wait for the leftover of a cancelled one, then alternate {@link #step} (done,
     * or start a call) and {@link #completed}.
     */
    abstract class Op<T> implements TryFuture<T, IOException> {
        private final String name;
        private TryFuture<Integer, Exception> call;
        private boolean entered;

        Op(String name) {
            this.name = name;
        }

        /** The result when done; otherwise starts a call with {@link #start} and returns null. */
        abstract Poll<T> step() throws IOException;

        /** The call finished with {@code n}; on the polling thread. */
        abstract void completed(int n) throws IOException;

        final void start(Call io) {
            call = Task.spawnBlocking(io::call);
        }

        @Override
        public final Poll<T> poll(Context cx) {
            try {
                if (!entered) {
                    if (current != null) {
                        throw new IllegalStateException(description + ": " + current.name
                                + " is still in progress; a pipe serves one operation at a time");
                    }
                    current = this;
                    entered = true;
                }
                if (leftover != null) {
                    Poll<Integer> p;
                    try {
                        p = leftover.poll(cx);
                    } catch (Exception failure) {
                        leftover = null;
                        settledWithFailure(failure);
                        p = null;
                    }
                    if (p != null) {
                        if (p.isPending()) {
                            return Poll.pending();
                        }
                        leftover = null;
                        settled(p.value());
                    }
                }
                while (true) {
                    if (call == null) {
                        Poll<T> done = step();
                        if (done != null) {
                            current = null;
                            return done;
                        }
                    }
                    Poll<Integer> p = call.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    call = null;
                    completed(p.value());
                }
            } catch (Exception e) {
                call = null;
                if (current == this) {
                    current = null;
                }
                throw dev.jawait.Failures.sneaky(e);
            }
        }

        /** A call still running becomes the pipe's leftover; returns {@code false} (a leaf). */
        @Override
        public final boolean cancel() {
            if (call != null) {
                leftover = call;
                call = null;
            }
            if (current == this) {
                current = null;
            }
            return false;
        }

        @Override
        public String toString() {
            return description + "." + name + "()";
        }
    }
}
