package dev.jawait.scope;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.TaskScope;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hand-written futures that behave like generated state machines (runtime tests run without the
 * processor): a body awaited inside try/catch/finally whose finally awaits cleanup, and a task
 * that opens a scope, fills it and awaits its join.
 */
final class ScopeFutures {
    private ScopeFutures() {}

    /** The future an await resumes with after its leaf child was dropped by a cancel. */
    private static final Future<Object> DROPPED = cx -> {
        throw new CancellationException("cancelled at await");
    };

    /**
     * {@code try { return await(body); } catch (CancellationException e) { sawCancel++; throw e; }
     * finally { await(cleanup.get()); finallyDone++; }}
     */
    static final class WithCleanup<T> implements Future<T> {
        private Future<?> body;
        private final Supplier<? extends Future<?>> cleanup;
        private final AtomicInteger sawCancel;
        private final AtomicInteger finallyDone;
        private Future<?> cleaning;
        private Throwable pending;

        WithCleanup(Future<T> body, Supplier<? extends Future<?>> cleanup, AtomicInteger sawCancel,
                AtomicInteger finallyDone) {
            this.body = body;
            this.cleanup = cleanup;
            this.sawCancel = sawCancel;
            this.finallyDone = finallyDone;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<T> poll(Context cx) {
            if (cleaning == null) {
                Poll<?> p;
                try {
                    p = body.poll(cx);
                } catch (Throwable t) {
                    if (t instanceof CancellationException) {
                        sawCancel.incrementAndGet();
                    }
                    pending = t;
                    cleaning = cleanup.get();
                    return finish(cx);
                }
                if (p.isPending()) {
                    return Poll.pending();
                }
                finallyDone.incrementAndGet(); // the normal exit runs the finally too (no await then)
                return (Poll<T>) p;
            }
            return finish(cx);
        }

        private Poll<T> finish(Context cx) {
            if (cleaning.poll(cx).isPending()) {
                return Poll.pending();
            }
            finallyDone.incrementAndGet();
            throw Failures.sneaky(pending);
        }

        /** Like StateMachine.cancel: a leaf child is dropped, the next poll resumes at the await. */
        @Override
        public boolean cancel() {
            if (cleaning == null && !body.cancel()) {
                body = DROPPED;
            } else if (cleaning != null && !cleaning.cancel()) {
                cleaning = Future.ready(null);
            }
            return true;
        }
    }

    /** {@code try (scope = TaskScope.open(policy)) { fill(scope); await(scope.join()); }}, as a task. */
    static final class OpenFillJoin implements Future<Void> {
        private final TaskScope.Policy policy;
        private final Consumer<TaskScope<Object>> fill;
        private final Consumer<Throwable> onJoinFailure;
        private TaskScope<Object> scope;
        private Future<Void> join;

        OpenFillJoin(TaskScope.Policy policy, Consumer<TaskScope<Object>> fill, Consumer<Throwable> onJoinFailure) {
            this.policy = policy;
            this.fill = fill;
            this.onJoinFailure = onJoinFailure;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (scope == null) {
                scope = TaskScope.open(policy);
                fill.accept(scope);
                join = scope.join();
            }
            try {
                if (join.poll(cx).isPending()) {
                    return Poll.pending();
                }
            } catch (Throwable t) {
                onJoinFailure.accept(t);
                scope.close();
                throw t;
            }
            scope.close();
            return Poll.ready(null);
        }

        @Override
        public boolean cancel() {
            if (join == null) {
                return false;
            }
            return join.cancel();
        }

        @Override
        public String toString() {
            return "OpenFillJoin awaiting " + join;
        }
    }
}
