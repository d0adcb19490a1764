package dev.jawait.internal;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import java.util.concurrent.CancellationException;

/**
 * Base class of the state machines the jawait processor generates for {@code @Async} methods.
 * Generated code only overrides {@link #step}; this class keeps the bookkeeping that every
 * machine shares: the current state, the awaited child future, cancellation and the last waker.
 * Not meant to be used by hand.
 *
 * <pre>{@code
 * static final class handle_StateMachine extends StateMachine<Long> {   // in Echo_StateMachines
 *     protected Poll<Long> step(Context cx) {
 *         for (;;) { switch (state) { case 0: ... } }
 *     }
 * }
 * }</pre>
 *
 * <p>Stepping allocates nothing: an awaited future is polled in place ({@link #suspend}) and its
 * value kept in a field until read ({@link #awaited}); only a pending one is kept as {@link #child}.
 */
public class StateMachine<T> implements Future<T> {
    /** The state of a machine that returned ready or threw. */
    protected static final int DONE = -1;

    /**
     * What {@code step} returns while suspended: {@code return PENDING;}. Raw, so one constant
     * serves every result type without a generic call per suspension point for javac to infer.
     */
    @SuppressWarnings("rawtypes")
    protected static final Poll PENDING = Poll.pending();

    /** Where to resume; {@code 0} before the first poll, {@link #DONE} at the end. */
    protected int state;

    /** The future awaited at the current suspension point, or {@code null}. */
    protected Future<?> child;

    /**
     * The child of an await that {@link #cancel()} dropped: resuming there throws
     * {@link CancellationException} (a {@code null} child means the await's future was ready).
     */
    private static final Future<Object> DROPPED = new Future<>() {
        @Override
        public Poll<Object> poll(Context cx) {
            throw new CancellationException();
        }

        @Override
        public String toString() {
            return "cancelled";
        }
    };

    /** The value of the await that completed last; see {@link #suspend}. */
    private Object awaited;

    /**
     * The state of a machine cancelled before its first poll: that poll throws
     * {@link CancellationException} and no template code runs. (A state rather than a flag: one
     * field less in every machine.)
     */
    private static final int CANCELLED_UNSTARTED = -2;

    private Waker waker;

    /** For generated subclasses only (the class is not abstract; see {@link #step}). */
    protected StateMachine() {}

    @Override
    public final Poll<T> poll(Context cx) {
        waker = cx.waker();
        int s = state;
        if (s < 0) {
            if (s == CANCELLED_UNSTARTED) {
                state = DONE;
                throw new CancellationException();
            }
            throw new IllegalStateException(this + " polled after it completed");
        }
        return step(cx);
    }

    /**
     * Runs the machine from {@link #state} until it suspends, returns or throws; every generated
     * machine overrides it. Not {@code abstract}, and neither is this class, on purpose: javac
     * checks the abstract methods of an abstract generic superclass against each other for every
     * subclass it compiles, and a build with a thousand {@code @Async} methods compiles a
     * thousand subclasses (about 4% of javac's time on generated sources, measured).
     *
     * @param cx the context of the polling task
     * @return ready with the template's result, or {@link #PENDING}
     */
    protected Poll<T> step(Context cx) {
        throw new IllegalStateException(getClass().getName() + " does not implement step");
    }

    /**
     * The template's name, {@code "Echo.handle"}: by default the first entry of {@link #sites()},
     * else the class's simple name.
     *
     * @return the template's name, for traces and dumps
     */
    protected String name() {
        return Sites.of(this).name;
    }

    /**
     * The template source position of a suspension state, {@code "Echo.java:42"}: by default
     * read from {@link #sites()}, else {@code "state 7"}.
     *
     * @param state a suspension state's number
     * @return the template position of that state
     */
    protected String where(int state) {
        return Sites.of(this).where(state);
    }

    /**
     * What generated machines override instead of {@link #name()} and {@link #where(int)}: the
     * template name, then {@code ;state=position} per suspension state. One short method costs
     * javac far less than two per machine; it is parsed once per class, on debug paths only
     * ({@code toString}, task dumps, async stack traces). {@code null} by default.
     *
     * <pre>{@code
     * protected String sites() {
     *     return "Echo.handle;2=Echo.java:42;5=Echo.java:47";
     * }
     * }</pre>
     *
     * @return the encoded sites, or {@code null}
     */
    protected String sites() {
        return null;
    }

    /** The parsed {@link #sites()} of a machine class, computed once per class. */
    private static final class Sites {
        private static final ClassValue<Sites[]> CACHE = new ClassValue<>() {
            @Override
            protected Sites[] computeValue(Class<?> type) {
                return new Sites[1]; // filled by the first instance (sites() needs one)
            }
        };

        final String name;
        private final int[] states;
        private final String[] positions;

        private Sites(String name, int[] states, String[] positions) {
            this.name = name;
            this.states = states;
            this.positions = positions;
        }

        static Sites of(StateMachine<?> machine) {
            Sites[] slot = CACHE.get(machine.getClass());
            Sites sites = slot[0];
            if (sites == null) { // a racing duplicate parse is harmless: both are equal
                sites = parse(machine.sites(), machine.getClass());
                slot[0] = sites;
            }
            return sites;
        }

        String where(int state) {
            for (int i = 0; i < states.length; i++) {
                if (states[i] == state) {
                    return positions[i];
                }
            }
            return "state " + state;
        }

        private static Sites parse(String text, Class<?> type) {
            if (text == null) {
                return new Sites(type.getSimpleName(), new int[0], new String[0]);
            }
            String[] parts = text.split(";");
            int[] states = new int[parts.length - 1];
            String[] positions = new String[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                states[i - 1] = Integer.parseInt(parts[i].substring(0, eq));
                positions[i - 1] = parts[i].substring(eq + 1);
            }
            return new Sites(parts[0], states, positions);
        }
    }

    /**
     * An await: polls {@code future} in place and moves to {@code resume}, the state that
     * continues after it. Returns {@code true} when the future is pending (the caller returns
     * {@link #PENDING}; the future becomes {@link #child}, so {@link #cancel()} reaches it);
     * {@code false} when it is ready, its value then read with {@link #awaited()}. A null future
     * is a bug of the caller.
     *
     * <pre>{@code
     * if (suspend(2, socket.read(buf), cx)) {
     *     return PENDING;
     * }
     * case 2:
     * if (resume(cx)) {
     *     return PENDING;
     * }
     * int n = (Integer) awaited();
     * }</pre>
     *
     * @param resume the state to continue in once {@code future} completes
     * @param future the awaited future, not null
     * @param cx the context of the polling task
     * @return {@code true} if the machine must return {@link #PENDING}
     */
    protected final boolean suspend(int resume, Future<?> future, Context cx) {
        state = resume;
        if (future == null) {
            throw new NullPointerException("await of a null future");
        }
        Poll<?> poll = future.poll(cx);
        if (poll.isPending()) {
            awaited = null;
            child = future;
            return true;
        }
        awaited = poll.value();
        return false;
    }

    /**
     * At the state after an await: polls the pending {@link #child} again, if any (none when
     * {@link #suspend} found the future ready and the code fell through). Returns {@code true}
     * while it is pending. A child dropped by {@link #cancel()} makes the await throw
     * {@link CancellationException}; a child's failure is thrown here.
     *
     * @param cx the context of the polling task
     * @return {@code true} while the awaited future is pending
     */
    protected final boolean resume(Context cx) {
        Future<?> current = child;
        if (current == null) {
            return false;   // fell through from suspend: awaited is set
        }
        Poll<?> poll;
        try {
            poll = current.poll(cx);
        } catch (Throwable failure) {
            child = null;
            throw Failures.sneaky(failure);
        }
        if (poll.isPending()) {
            return true;
        }
        child = null;
        awaited = poll.value();
        return false;
    }

    /**
     * The value of the await that just completed (see {@link #suspend}).
     *
     * @return the awaited future's value, to be cast by the generated code
     */
    protected final Object awaited() {
        return awaited;
    }

    /**
     * The {@code default} of the state switch: a state that does not exist is a bug.
     *
     * @return an exception for the generated code to throw
     */
    protected final IllegalStateException noState() {
        return new IllegalStateException(this + ": no state " + state);
    }

    /**
     * Ends the machine with {@code value}.
     *
     * @param value the template's result
     * @return the ready poll the machine returns
     */
    protected final Poll<T> complete(T value) {
        state = DONE;
        awaited = null;
        return Poll.ready(value);
    }

    /**
     * Ends the machine with {@code failure}; generated code writes {@code throw fail(t)}.
     *
     * @param failure what the template threw
     * @return never returns normally; typed so that generated code can {@code throw} it
     */
    protected final RuntimeException fail(Throwable failure) {
        AsyncTraces.failed(failure, this); // template frame for async stack traces (once)
        state = DONE;
        child = null;
        awaited = null;
        return Failures.sneaky(failure);
    }

    /**
     * Cancels the machine: a composite child keeps being polled (it completes by throwing, which
     * propagates through the template's catch/finally); a leaf child is dropped, and the next
     * poll resumes at the current await by throwing {@link CancellationException}.
     */
    @Override
    public boolean cancel() {
        if (state == DONE) {
            return false;
        }
        if (state == 0) {
            state = CANCELLED_UNSTARTED;
        }
        Future<?> current = child;
        if (current != null && !current.cancel()) {
            child = DROPPED;
        }
        Waker last = waker;
        if (last != null) {
            last.wake();
        }
        return true;
    }

    @Override
    public String toString() {
        if (state == 0) {
            return name() + " (not started)";
        }
        if (state == CANCELLED_UNSTARTED) {
            return name() + " (cancelled before it started)";
        }
        if (state == DONE) {
            return name() + " (completed)";
        }
        return name() + " suspended at " + where(state);
    }
}
