package dev.jawait.runtime;

import dev.jawait.runtime.driver.IoDriver;

/**
 * What the calling thread is on: which runtime, which worker, which budget, which driver — the
 * one place that answers, as Tokio's {@code runtime/context.rs}. Every other question of the
 * kind ({@link AsyncRuntime#currentOrNull()}, {@link AsyncRuntime#inAsyncContext()},
 * {@link Coop}, the scheduler's "am I one of your workers", {@link IoDriver#current()}) asks here.
 *
 * <pre>{@code
 * IoDriver d = RuntimeContext.driverOrNull();          // what IoDriver.current() asks
 * try (IoDriver.Scope s = RuntimeContext.enterDriver(myDriver)) { ... }   // IoDriver.enter()
 * }</pre>
 *
 * <p><b>Where the answer is kept.</b> A runtime's own threads ({@link RuntimeThread}: workers and
 * blocking-pool threads) carry their runtime and worker in fields, so the hot questions (the
 * budget, "is this my worker" on every wake) cost no thread-local read. Any thread that entered a
 * runtime ({@code blockOn}, a current-thread runtime's shutdown) or a driver
 * ({@link IoDriver#enter()}) has an {@link Entry} in one thread-local; entries nest, and each
 * carries what the one below it said, so one read answers. No question reads it more than once.
 *
 * <p><b>What drives what.</b> An {@link AsyncRuntime} owns a {@link Scheduler} (its workers, or
 * the one thread inside {@code blockOn}) and a {@link Driver}, by default an {@link IoDriver}. The
 * IoDriver owns the {@code Selector}, the timer wheel and the clock the timers run on; it has no
 * thread of its own: an idle worker parks in it, which fires due timers and turns readiness
 * into wakes. Sockets and timers ({@code net}, {@code time}) ask {@link IoDriver#current()},
 * which asks here and nowhere else: the path runs {@code net → driver → context}, never back
 * into the runtime.
 */
public final class RuntimeContext {
    private static final ThreadLocal<Entry> ENTERED = new ThreadLocal<>();

    private RuntimeContext() {}

    /**
     * A thread's entry into a runtime or a driver; it carries what the entry below it said, and
     * is its own scope (closing it restores the one below: entering allocates one object).
     */
    private static final class Entry implements Scope {
        /** The runtime entered (blockOn), or the one below; null if only a driver was entered. */
        final AsyncRuntime runtime;
        /** The driver entered with {@link IoDriver#enter()}, or the one below; else null. */
        final IoDriver driver;
        final Entry previous;

        Entry(AsyncRuntime runtime, IoDriver driver, Entry previous) {
            this.runtime = runtime;
            this.driver = driver;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                ENTERED.remove();
            } else {
                ENTERED.set(previous);
            }
        }
    }

    /** Leaves what {@link #enterRuntime} or {@link #enterDriver} entered. */
    public interface Scope extends IoDriver.Scope {
    }

    // ---- which runtime -----------------------------------------------------------------------

    /** The runtime whose worker or blocking-pool thread this is, or that this thread entered; else null. */
    static AsyncRuntime runtimeOrNull() {
        Thread t = Thread.currentThread();
        if (t instanceof RuntimeThread) {
            RuntimeThread rt = (RuntimeThread) t;
            if (rt.worker != null) {
                return rt.runtime;
            }
            AsyncRuntime entered = enteredRuntime(); // a blocking-pool thread inside blockOn
            return entered != null ? entered : rt.runtime;
        }
        return enteredRuntime();
    }

    /** Whether this thread polls futures for a runtime: a worker, or inside {@code blockOn}. */
    static boolean inAsyncContext() {
        Thread t = Thread.currentThread();
        if (t instanceof RuntimeThread && ((RuntimeThread) t).worker != null) {
            return true;
        }
        return enteredRuntime() != null;
    }

    /** Whether this is one of {@code runtime}'s own threads (a worker or blocking-pool thread). */
    static boolean isThreadOf(AsyncRuntime runtime) {
        Thread t = Thread.currentThread();
        return t instanceof RuntimeThread && ((RuntimeThread) t).runtime == runtime;
    }

    private static AsyncRuntime enteredRuntime() {
        Entry e = ENTERED.get();
        return e != null ? e.runtime : null;
    }

    /**
     * Makes {@code runtime} this thread's until the scope is closed (blockOn, and a
     * current-thread runtime's shutdown, which runs the aborted tasks here).
     */
    static Scope enterRuntime(AsyncRuntime runtime) {
        Entry previous = ENTERED.get();
        Entry entry = new Entry(runtime, previous != null ? previous.driver : null, previous);
        ENTERED.set(entry);
        return entry;
    }

    // ---- which worker, which budget ----------------------------------------------------------

    /** {@code scheduler}'s worker running on this thread, or null. */
    static Worker worker(Scheduler scheduler) {
        Thread t = Thread.currentThread();
        if (t instanceof RuntimeThread) {
            Worker w = ((RuntimeThread) t).worker;
            if (w != null && w.scheduler == scheduler) {
                return w;
            }
        }
        return null;
    }

    /**
     * The budget of the task this thread is polling: a worker's, or the current-thread
     * scheduler's on its owner thread; null (unlimited) anywhere else, a blocking-pool thread included.
     */
    static Coop.Budgeted budget() {
        Thread t = Thread.currentThread();
        if (t instanceof RuntimeThread) {
            return ((RuntimeThread) t).worker;
        }
        AsyncRuntime rt = enteredRuntime();
        return rt == null ? null : rt.currentThreadBudget();
    }

    // ---- which driver ------------------------------------------------------------------------

    /**
     * The driver for this thread: the one entered with {@link IoDriver#enter()}, else its
     * runtime's (if that is an {@link IoDriver}); null outside both (then
     * {@link IoDriver#current()} uses the fallback driver).
     *
     * @return the driver, or {@code null}
     */
    public static IoDriver driverOrNull() {
        Entry e = ENTERED.get();
        if (e != null && e.driver != null) {
            return e.driver;
        }
        AsyncRuntime runtime;
        Thread t = Thread.currentThread();
        if (t instanceof RuntimeThread) {
            RuntimeThread rt = (RuntimeThread) t;
            runtime = rt.worker == null && e != null && e.runtime != null ? e.runtime : rt.runtime;
        } else {
            runtime = e != null ? e.runtime : null;
        }
        return runtime != null && runtime.driver() instanceof IoDriver ? (IoDriver) runtime.driver() : null;
    }

    /**
     * Makes {@code driver} this thread's until the scope is closed; see {@link IoDriver#enter()}.
     *
     * @param driver the driver to make current
     * @return a scope that restores the previous driver when closed
     */
    public static Scope enterDriver(IoDriver driver) {
        Entry previous = ENTERED.get();
        Entry entry = new Entry(previous != null ? previous.runtime : null, driver, previous);
        ENTERED.set(entry);
        return entry;
    }
}
