package dev.jawait;

import dev.jawait.internal.TaskLocalBindings;
import dev.jawait.internal.TaskLocalBindings.Binding;
import dev.jawait.internal.TaskLocalBindings.Slot;
import dev.jawait.internal.Wrapper;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A value that belongs to a task for the length of a future, like Tokio's {@code task_local!} or
 * the JDK's {@code ScopedValue}: {@link #scope scope(value, body)} binds it while {@code body}
 * runs, {@link #get()} reads the innermost binding of the running task. A task spawned inside a
 * scope (with {@code Task.spawn} or a {@link TaskScope}) inherits the bindings its spawner had at
 * that moment; no other task ever sees them, even on the same worker thread, since a binding is
 * installed on the thread only while its task is being polled.
 *
 * <pre>{@code
 * static final TaskLocal<String> REQUEST_ID = new TaskLocal<>();
 *
 * @Async
 * static void handle(Request r) {
 *     await(REQUEST_ID.scope(r.id(), HandlerAsync.serve(r)));
 * }
 *
 * @Async
 * static void serve(Request r) {
 *     log("serving " + REQUEST_ID.get());     // r.id(), after any number of awaits
 *     await(Task.spawn(AuditAsync.record(r)));  // the spawned task sees it too
 * }
 * }</pre>
 *
 * <p>Bindings are immutable: to change the value for part of the work, open an inner scope.
 * Blocking jobs ({@code Task.spawnBlocking}) run on other threads and do not see bindings; pass
 * the value as an argument. Polling a scope costs a thread-local lookup and two stores; a
 * runtime whose code never binds a task-local pays nothing.
 */
public final class TaskLocal<T> {

    /** A task-local with no value until a {@link #scope} binds one. */
    public TaskLocal() {}

    /**
     * A future that runs {@code body} with this task-local bound to {@code value} (which may be
     * null): {@link #get()} returns it in every poll of {@code body}, and tasks spawned from
     * there inherit it. The result, failure and cancellation are {@code body}'s.
     *
     * @param <R> the body's value type
     * @param value what {@link #get()} returns inside the scope
     * @param body the future to run with the binding
     * @return a future with {@code body}'s outcome
     */
    public <R> Future<R> scope(T value, Future<R> body) {
        return new Scoped<>(this, value, Objects.requireNonNull(body, "body"));
    }

    /**
     * {@link #scope(Object, Future)} for a {@link TryFuture}: the checked failure stays declared.
     *
     * @param <R> the body's value type
     * @param <E> the checked failure {@code body} declares
     * @param value what {@link #get()} returns inside the scope
     * @param body the future to run with the binding
     * @return a future with {@code body}'s outcome
     */
    public <R, E extends Throwable> TryFuture<R, E> scope(T value, TryFuture<R, E> body) {
        return new Scoped<>(this, value, Objects.requireNonNull(body, "body"));
    }

    /**
     * The value of the innermost scope of the running task.
     *
     * @return the value bound by the innermost enclosing scope (possibly null)
     * @throws NoSuchElementException when no scope binds this task-local here
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = TaskLocalBindings.lookup(this);
        if (v == TaskLocalBindings.UNBOUND) {
            throw new NoSuchElementException("TaskLocal is not bound here: read it inside "
                    + "local.scope(value, body), or in a task spawned from there");
        }
        return (T) v;
    }

    /**
     * Whether a scope binds this task-local in the running task.
     *
     * @return {@code true} inside a scope of this task-local, in the task that entered it or one spawned from
     *     it
     */
    public boolean isBound() {
        return TaskLocalBindings.lookup(this) != TaskLocalBindings.UNBOUND;
    }

    /**
     * The value of the innermost scope, or {@code other} when none binds it.
     *
     * @param other the fallback when no scope binds this task-local
     * @return the bound value, or {@code other}
     */
    @SuppressWarnings("unchecked")
    public T orElse(T other) {
        Object v = TaskLocalBindings.lookup(this);
        return v == TaskLocalBindings.UNBOUND ? other : (T) v;
    }

    /** The future {@link #scope} returns: installs the binding around each poll of the body. */
    private static final class Scoped<R, E extends Throwable> implements TryFuture<R, E>, Wrapper {
        private final TaskLocal<?> local;
        private final Object value;
        private final Future<R> body;
        /** The binding made for {@link #outerOfBinding}, reused while the chain around is the same. */
        private Binding binding;
        private Binding outerOfBinding;

        Scoped(TaskLocal<?> local, Object value, Future<R> body) {
            this.local = local;
            this.value = value;
            this.body = body;
        }

        @Override
        public Poll<R> poll(Context cx) {
            Slot slot = TaskLocalBindings.slot();
            Binding outer = TaskLocalBindings.install(slot, bindingOver(slot.top));
            try {
                return body.poll(cx);
            } finally {
                slot.top = outer;
            }
        }

        @Override
        public boolean cancel() {
            Slot slot = TaskLocalBindings.slot();
            Binding outer = TaskLocalBindings.install(slot, bindingOver(slot.top));
            try {
                return body.cancel();
            } finally {
                slot.top = outer;
            }
        }

        /** This scope's binding on top of {@code outer}: allocated once per distinct outer chain. */
        private Binding bindingOver(Binding outer) {
            Binding b = binding;
            if (b == null || outerOfBinding != outer) {
                b = binding = TaskLocalBindings.bind(local, value, outer);
                outerOfBinding = outer;
            }
            return b;
        }

        @Override
        public Future<?> wrapped() {
            return body;
        }

        @Override
        public String toString() {
            return "TaskLocal.scope"; // not the value: dumps end up in logs
        }
    }
}
