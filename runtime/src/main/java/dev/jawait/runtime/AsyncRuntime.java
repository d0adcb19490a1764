package dev.jawait.runtime;

import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.TaskScope;
import dev.jawait.TryFuture;
import dev.jawait.internal.TaskLocalBindings;
import dev.jawait.net.Resolver;
import dev.jawait.runtime.driver.IoDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * jawait's runtime, like Tokio's: an executor that polls tasks (a work-stealing pool of worker
 * threads, or the calling thread only), an I/O and timer {@link Driver}, and an elastic pool for
 * blocking calls. Named so it never shadows {@code java.lang.Runtime}.
 *
 * <pre>{@code
 * try (AsyncRuntime rt = AsyncRuntime.newMultiThread()) {
 *     long total = rt.blockOn(EchoAsync.serve(port));     // from main: block until done
 * }
 * // inside async code:
 * JoinHandle<Long> h = Task.spawn(EchoAsync.handle(socket));
 * }</pre>
 *
 * <p>{@link #close()} shuts down gracefully: new spawns are refused, every live task is aborted
 * (its {@code finally} code runs, within the shutdown timeout), the blocking pool and the driver
 * are closed and every runtime thread has ended when it returns.
 */
public final class AsyncRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AsyncRuntime.class.getName());
    /** A thread inside {@link #blockOn} and the future it drives (identity equality). */
    static final class BlockedOn {
        final Thread thread;
        final Future<?> future;

        BlockedOn(Thread thread, Future<?> future) {
            this.thread = thread;
            this.future = future;
        }
    }

    /** Futures being driven by {@link #blockOn} right now, shown after the tasks in dumps. */
    private final java.util.Set<BlockedOn> blockedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Driver driver;
    private final TaskRegistry registry;
    private final Scheduler scheduler;
    private final BlockingPool blocking;
    private final Consumer<Throwable> unhandledFailureHandler;
    private final UnobservedFailures unobserved = new UnobservedFailures(this);
    private final long shutdownTimeoutNanos;
    private final int workerThreads;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long longPollNanos;
    private final Consumer<LongPoll> longPollHandler;
    private final RuntimeJmx jmx;
    private final PollClock pollClock;
    /** What every task carries (see {@link ContextPropagator}); null when there is none. */
    private final ContextPropagator<Object>[] propagators;
    private final Resolver resolver;

    @SuppressWarnings("unchecked")
    private AsyncRuntime(Builder b) {
        this.propagators = b.propagators.isEmpty() ? null
                : b.propagators.toArray(new ContextPropagator[0]);
        this.resolver = b.resolver;
        this.longPollNanos = b.longPollThreshold == null ? Long.MAX_VALUE
                : Math.max(1, b.longPollThreshold.toNanos());
        this.longPollHandler = b.longPollHandler;
        IoDriver io = Objects.requireNonNull(IoDriver.create(), "IoDriver.create()");
        if (b.startPaused) {
            io.clock().pause(); // before any task can read it
        }
        this.driver = io;
        this.unhandledFailureHandler = b.unhandledFailureHandler;
        this.shutdownTimeoutNanos = b.shutdownTimeout.toNanos();
        this.blocking = new BlockingPool(this, b.threadNamePrefix + "-blocking", b.blockingThreads,
                b.blockingKeepAlive.toNanos());
        this.pollClock = PollClock.start(longPollNanos, b.threadNamePrefix + "-clock");
        if (b.currentThread) {
            this.workerThreads = 0;
            this.registry = new TaskRegistry(1);
            this.scheduler = new CurrentThreadScheduler(this, registry, driver);
        } else {
            this.workerThreads = b.workerThreads;
            this.registry = new TaskRegistry(b.workerThreads);
            MultiThreadScheduler mt = new MultiThreadScheduler(this, registry, driver, b.workerThreads,
                    b.reactorThread ? b.threadNamePrefix + "-reactor" : null);
            this.scheduler = mt;
            mt.start(b.threadNamePrefix);
        }
        io.setIdleCheck(scheduler::noTaskCanRun);
        this.jmx = b.jmx ? RuntimeJmx.register(this, b.threadNamePrefix) : null;
    }

    /** Whether a {@code spawnBlocking} job is queued or running (a paused clock then waits). */
    boolean blockingPoolBusy() {
        return blocking.isBusy();
    }

    /**
     * A builder; {@code build()} with no settings gives {@link #newMultiThread()}.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A work-stealing runtime with one worker thread per available processor.
     *
     * @return a new, running runtime; close it when done
     */
    public static AsyncRuntime newMultiThread() {
        return builder().build();
    }

    /**
     * A runtime that runs everything on the thread inside {@link #blockOn}.
     *
     * @return a new runtime; close it when done
     */
    public static AsyncRuntime newCurrentThread() {
        return builder().currentThread().build();
    }

    /**
     * The runtime whose thread this is: a worker or blocking-pool thread, or a thread inside
     * {@link #blockOn}; otherwise {@code null} ({@link RuntimeContext} answers).
     *
     * @return the current runtime, or {@code null}
     */
    public static AsyncRuntime currentOrNull() {
        return RuntimeContext.runtimeOrNull();
    }

    /**
     * Whether this thread is polling futures for a runtime (a worker, or inside
     * {@link #blockOn}), where blocking would stall other tasks: blocking {@code await} and
     * nested {@code blockOn} refuse to run here. Blocking-pool threads may block.
     *
     * @return {@code true} on a thread that must not block
     */
    public static boolean inAsyncContext() {
        return RuntimeContext.inAsyncContext();
    }

    /**
     * This runtime's I/O and timer driver (reactor), closed by {@link #close()}.
     *
     * @return the driver, shared by every thread of this runtime
     */
    public Driver driver() {
        return driver;
    }

    /**
     * The resolver that turns host names into addresses for this runtime's tasks
     * ({@link Builder#resolver}; {@link Resolver#system()} unless set).
     *
     * @return this runtime's resolver
     */
    public Resolver resolver() {
        return resolver;
    }

    /**
     * The number of worker threads; 0 for a current-thread runtime.
     *
     * @return the worker count
     */
    public int workerThreads() {
        return workerThreads;
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return {@code true} once closing has begun
     */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Runs {@code future} to completion and returns its value, or rethrows its failure as is
     * (checked exceptions included). The future is polled on the calling thread, with this
     * runtime as the current one (so it may {@code Task.spawn}); a current-thread runtime also
     * runs all its tasks here. Interrupting the thread cancels the future.
     *
     * @param <T> the future's value type
     * @param future the future to run
     * @return the future's value
     * @throws IllegalStateException when called from async code (a worker, or inside another
     *     {@code blockOn}), where blocking would stall the runtime, or after {@link #close()}
     */
    public <T> T blockOn(Future<T> future) {
        Objects.requireNonNull(future, "future");
        if (inAsyncContext()) {
            throw new IllegalStateException("blockOn cannot be called from async code (a jawait "
                    + "worker thread or inside another blockOn): it would block the runtime; "
                    + "await the future instead");
        }
        ensureOpen();
        RuntimeContext.Scope entered = RuntimeContext.enterRuntime(this);
        BlockedOn root = new BlockedOn(Thread.currentThread(), future);
        blockedOn.add(root); // for task dumps: a hung blockOn shows where its future waits
        try {
            if (scheduler instanceof CurrentThreadScheduler) {
                return ((CurrentThreadScheduler) scheduler).blockOn(future);
            }
            return ThreadBlocker.block(future);
        } finally {
            blockedOn.remove(root);
            entered.close();
        }
    }

    /**
     * Starts running {@code future} as a new task and returns its handle. The task runs
     * whether or not the handle is awaited.
     *
     * @param <T> the future's value type
     * @param future the work the task runs
     * @return a handle to await the task's value or to abort it
     * @throws IllegalStateException after {@link #close()}
     */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        Objects.requireNonNull(future, "future");
        TaskCell<T> task = newTask(future);
        submit(task);
        return task;
    }

    /** A task for {@code future}, carrying the spawner's context; not running until submitted. */
    <T> TaskCell<T> newTask(Future<T> future) {
        TaskLocalBindings.Binding bindings = TaskLocalBindings.inherited();
        Future<T> root = bindings == null && propagators == null ? future
                : new TaskContext<>(future, bindings, propagators);
        return new TaskCell<>(root, scheduler);
    }

    /** Registers and schedules a task from {@link #newTask}. */
    <T> void submit(TaskCell<T> task) {
        int owner = scheduler.currentOwner();
        task.id = scheduler.nextTaskId(owner);
        if (!registry.add(task, owner)) {
            task.forceCancel(); // never scheduled; close() may have seen it: settle it here
            throw closedException();
        }
        scheduler.schedule(task, false);
    }

    /**
     * Opens a {@link TaskScope} whose children run on this runtime; {@link TaskScope#open()}
     * calls this for the current runtime. Usable from any thread, e.g. to spawn from {@code main}
     * and {@code blockOn(scope.join())}.
     *
     * <pre>{@code
     * try (TaskScope<String> scope = rt.openScope(TaskScope.Policy.FAIL_FAST, null)) {
     *     scope.spawn(fetch(a));
     *     rt.blockOn(scope.join());
     * }
     * }</pre>
     *
     * @param <T> the children's value type
     * @param policy what a child's failure does to the others
     * @return a new scope; close it with try-with-resources
     * @param deadline how long the scope may run before its children are aborted and
     *     {@code join()} fails with {@link dev.jawait.DeadlineExceededException}; null for none
     * @throws IllegalStateException after {@link #close()}
     */
    public <T> TaskScope<T> openScope(TaskScope.Policy policy, Duration deadline) {
        Objects.requireNonNull(policy, "policy");
        ensureOpen();
        TaskCell<?> owner = scheduler.currentTask();
        StructuredScope<T> scope = new StructuredScope<>(this, policy, owner == null ? 0 : owner.id);
        if (deadline != null) {
            scope.armDeadline(deadline);
        }
        return scope;
    }

    /**
     * Runs {@code callable} on the elastic blocking pool (threads are created up to the
     * configured bound and retire when idle) and returns a future of its result.
     *
     * @param <T> the result type
     * @param callable the blocking code
     * @return a future of {@code callable}'s result, failing with what it threw
     * @throws IllegalStateException after {@link #close()}
     */
    public <T> TryFuture<T, Exception> spawnBlocking(Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        ensureOpen();
        BlockingJob<T> job = new BlockingJob<>(callable);
        if (!blocking.execute(job)) {
            throw closedException();
        }
        return job;
    }

    /**
     * Current number of blocking-pool threads (for monitoring and tests).
     *
     * @return the blocking pool's live thread count
     */
    public int blockingThreadCount() {
        return blocking.threadCount();
    }

    /**
     * Number of tasks spawned and not yet complete.
     *
     * @return the number of live tasks
     */
    public int liveTaskCount() {
        return registry.size();
    }

    /**
     * A snapshot of every live task: id, state, time since its last poll and the chain of
     * template locations it is suspended at. See {@link TaskDump} (and {@link AsyncRuntimeMXBean}
     * to ask from outside the process).
     *
     * @return a snapshot of the live tasks
     */
    public TaskDump taskDump() {
        return TaskDump.of(registry.snapshot(), List.copyOf(blockedOn));
    }

    /**
     * {@link #taskDump()} as indented text, for logs and consoles.
     *
     * <pre>{@code
     * 1 live task
     * task 3 idle, last polled 1204 ms ago
     *   Server.handle suspended at Server.java:31
     *     Server.readRequest suspended at Server.java:58
     *       TcpStream.read(...)
     * }</pre>
     *
     * @return the dump as text, one task per paragraph
     */
    public String dumpTasks() {
        return taskDump().toString();
    }

    /**
     * An immutable snapshot of this runtime's counters (cheap: sums per-worker values).
     *
     * @return the counters as they are now
     */
    public RuntimeMetrics metrics() {
        long[] depths = new long[2];
        scheduler.queueDepths(depths);
        long steals = 0;
        long parks = 0;
        if (scheduler instanceof MultiThreadScheduler) {
            MultiThreadScheduler mt = (MultiThreadScheduler) scheduler;
            steals = mt.steals();
            parks = mt.parks();
        }
        MetricsCounters c = scheduler.counters;
        long spawned = registry.addedCount();
        long ioRegistrations = 0;
        long ioEvents = 0;
        long timers = 0;
        if (driver instanceof IoDriver) {
            IoDriver io = (IoDriver) driver;
            ioRegistrations = io.openRegistrations();
            ioEvents = io.readinessEvents();
            timers = io.pendingTimers();
        }
        return new RuntimeMetrics(workerThreads, spawned, registry.completedCount(), registry.size(),
                scheduler.polls(), steals, parks, c.longPolls(), depths[0], depths[1],
                ioRegistrations, ioEvents, timers, blocking.threadCount());
    }

    /**
     * The MXBean's registered name, or {@code null} when JMX registration is off.
     *
     * @return the registered name, or {@code null}
     */
    public javax.management.ObjectName mxBeanName() {
        return jmx == null ? null : jmx.name();
    }

    /** Workers the stall monitor found stuck in one poll so far (0 on a current-thread runtime). */
    long stalls() {
        return scheduler instanceof MultiThreadScheduler mt ? mt.stalls() : 0;
    }

    long longPollNanos() {
        return longPollNanos;
    }

    PollClock pollClock() {
        return pollClock;
    }

    /** A poll of {@code task} ran {@code nanos}: report it (handler, JFR). Worker thread. */
    void longPoll(TaskCell<?> task, long nanos, String location) {
        scheduler.counters.longPoll();
        if (dev.jawait.runtime.events.JfrRecording.active()) {
            dev.jawait.runtime.events.LongPollEvent e = new dev.jawait.runtime.events.LongPollEvent();
            e.taskId = task.id;
            e.pollDuration = nanos;
            e.location = location;
            e.commit();
        }
        try {
            longPollHandler.accept(new LongPoll(task.id, java.time.Duration.ofNanos(nanos), location,
                    Thread.currentThread().getName()));
        } catch (Throwable handlerFailure) {
            LOG.log(System.Logger.Level.ERROR, "long-poll handler threw", handlerFailure);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw closedException();
        }
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("the jawait runtime is closed");
    }

    /** For {@link Coop}: the current-thread scheduler's budget holder, if we are its owner. */
    Coop.Budgeted currentThreadBudget() {
        return scheduler instanceof CurrentThreadScheduler
                ? ((CurrentThreadScheduler) scheduler).budgetIfOwner() : null;
    }

    UnobservedFailures unobservedFailures() {
        return unobserved;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    void reportUnhandled(Throwable failure) {
        try {
            unhandledFailureHandler.accept(failure);
        } catch (Throwable handlerFailure) {
            handlerFailure.addSuppressed(failure);
            LOG.log(System.Logger.Level.ERROR, "unhandled-failure handler threw", handlerFailure);
        }
    }

    /**
     * Shuts down: refuses new spawns, aborts every live task and gives them the shutdown
     * timeout to finish their cleanup, stops the workers and the blocking pool, closes the
     * driver. Idempotent. Must not be called from async code (it waits for the workers).
     */
    @Override
    public void close() {
        if (inAsyncContext() || RuntimeContext.isThreadOf(this)) {
            throw new IllegalStateException("an AsyncRuntime cannot be closed from one of its own "
                    + "threads; close it from the thread that created it");
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + shutdownTimeoutNanos;
        List<TaskCell<?>> live = registry.close();
        for (TaskCell<?> t : live) {
            t.abort();
        }
        if (scheduler instanceof MultiThreadScheduler) {
            MultiThreadScheduler mt = (MultiThreadScheduler) scheduler;
            while (registry.size() > 0 && System.nanoTime() < deadline) {
                LockSupportSleep.sleepMillis(1);
                for (TaskCell<?> t : registry.snapshot()) {
                    t.abort(); // a spawn that raced with close() (no-op for aborted ones)
                }
            }
            if (!mt.shutdownAndJoin(Math.max(0, deadline - System.nanoTime())
                    + TimeUnit.MILLISECONDS.toNanos(500))) {
                LOG.log(System.Logger.Level.WARNING,
                        "jawait worker threads still busy after shutdown timeout");
            }
        } else {
            try (RuntimeContext.Scope entered = RuntimeContext.enterRuntime(this)) {
                ((CurrentThreadScheduler) scheduler).drain(deadline); // the aborted tasks run here
            }
        }
        for (TaskCell<?> t : registry.snapshot()) {
            t.forceCancel();
        }
        for (Runnable dropped : blocking.shutdown(Math.max(0, deadline - System.nanoTime())
                + TimeUnit.MILLISECONDS.toNanos(500))) {
            ((BlockingJob<?>) dropped).reject(new RejectedExecutionException("runtime closed"));
        }
        unobserved.reportAll();
        if (jmx != null) {
            jmx.unregister();
        }
        driver.close();
        pollClock.stop();
    }

    @Override
    public String toString() {
        return "AsyncRuntime[" + (workerThreads == 0 ? "current-thread" : workerThreads + " workers")
                + ", " + registry.size() + " live tasks" + (closed.get() ? ", closed" : "") + "]";
    }

    /**
     * Builds an {@link AsyncRuntime}.
     *
     * <pre>{@code
     * AsyncRuntime rt = AsyncRuntime.builder()
     *         .workerThreads(2)
     *         .blockingThreads(64)
     *         .blockingKeepAlive(Duration.ofSeconds(5))
     *         .unhandledFailureHandler(e -> metrics.taskFailed(e))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private int workerThreads = Runtime.getRuntime().availableProcessors();
        private String threadNamePrefix = "jawait";
        private int blockingThreads = 512;
        private Duration blockingKeepAlive = Duration.ofSeconds(10);
        private Duration shutdownTimeout = Duration.ofSeconds(2);
        private boolean currentThread;
        private Consumer<Throwable> unhandledFailureHandler = failure -> LOG.log(
                System.Logger.Level.WARNING, "a jawait task failed and nobody awaited it", failure);
        private Duration longPollThreshold = Duration.ofMillis(100);
        private Consumer<LongPoll> longPollHandler =
                poll -> LOG.log(System.Logger.Level.WARNING, poll.message());
        private boolean jmx = Boolean.getBoolean("jawait.jmx");
        private boolean reactorThread = Boolean.getBoolean("jawait.reactorThread");
        private boolean startPaused;
        private final List<ContextPropagator<?>> propagators = new ArrayList<>();
        private Resolver resolver = Resolver.system();

        private Builder() {}

        /**
         * Number of worker threads of a multi-thread runtime (default: available processors).
         *
         * @param count the worker count, at least 1
         * @return this builder
         */
        public Builder workerThreads(int count) {
            if (count < 1 || count > 0x7FFF) {
                throw new IllegalArgumentException("workerThreads must be in 1..32767: " + count);
            }
            this.workerThreads = count;
            this.currentThread = false;
            return this;
        }

        /**
         * Prefix of thread names: {@code <prefix>-worker-1}, {@code <prefix>-blocking-1},
         * {@code <prefix>-clock} (the coarse clock that times polls) and, on a multi-thread
         * runtime, {@code <prefix>-monitor} (hands a stuck worker's tasks and the I/O driver to
         * the other workers: see "One slow task" in the README).
         *
         * @param prefix the start of each thread's name
         * @return this builder
         */
        public Builder threadNamePrefix(String prefix) {
            this.threadNamePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Most threads the blocking pool may run at once (default 512).
         *
         * @param max the blocking pool's thread limit, at least 1
         * @return this builder
         */
        public Builder blockingThreads(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("blockingThreads must be >= 1: " + max);
            }
            this.blockingThreads = max;
            return this;
        }

        /**
         * How long an idle blocking thread lingers before it retires (default 10 s).
         *
         * @param keepAlive how long an idle blocking thread waits for work
         * @return this builder
         */
        public Builder blockingKeepAlive(Duration keepAlive) {
            if (keepAlive.isNegative()) {
                throw new IllegalArgumentException("negative keep-alive: " + keepAlive);
            }
            this.blockingKeepAlive = keepAlive;
            return this;
        }

        /**
         * How long {@link AsyncRuntime#close()} lets aborted tasks clean up (default 2 s).
         *
         * @param timeout how long {@code close()} waits for aborted tasks
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("negative timeout: " + timeout);
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * Receives the failure of every task whose handle was not being awaited when it failed
         * (default: a WARNING through {@link System.Logger}). Called on the thread that ran the
         * task.
         *
         * @param handler called with each unobserved failure
         * @return this builder
         */
        public Builder unhandledFailureHandler(Consumer<Throwable> handler) {
            this.unhandledFailureHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * A task poll that runs at least this long (blocking code on a worker) is reported to
         * the {@link #longPollHandler} and as a JFR {@code dev.jawait.LongPoll} event (default
         * 100 ms; {@code null} turns reports off). Polls are timed with a coarse clock that
         * ticks every tenth of the threshold (at most every 10 ms; thresholds under 10 ms use the
         * precise clock), so a reported duration may exceed the real one by up to one tick.
         *
         * @param threshold the poll duration that counts as long, or {@code null}
         * @return this builder
         */
        public Builder longPollThreshold(Duration threshold) {
            if (threshold != null && (threshold.isNegative() || threshold.isZero())) {
                throw new IllegalArgumentException("long-poll threshold must be positive: " + threshold);
            }
            this.longPollThreshold = threshold;
            return this;
        }

        /**
         * Receives every long poll, on the worker thread right after the poll (default: a
         * WARNING through {@link System.Logger}: "task 7 blocked worker jawait-worker-1 for
         * 212 ms in Echo.handle suspended at Echo.java:42").
         *
         * @param handler called with each long poll
         * @return this builder
         */
        public Builder longPollHandler(Consumer<LongPoll> handler) {
            this.longPollHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Whether to register an {@link AsyncRuntimeMXBean} (default: the system property
         * {@code jawait.jmx}, false when unset).
         *
         * @param register {@code true} to register the MXBean at {@code build()}
         * @return this builder
         */
        public Builder jmx(boolean register) {
            this.jmx = register;
            return this;
        }

        /**
         * Whether a multi-thread runtime polls the selector and timers on a dedicated
         * {@code <prefix>-reactor} thread, as Netty's event loops or a classic reactor do, instead
         * of in whichever worker ran out of work, as Tokio does (default: the system property
         * {@code jawait.reactorThread}, false when unset). The default saves a thread hand-off
         * per I/O event: {@code bench/RESULTS.md} ("Where the selector is polled") has the
         * measured difference. Ignored by a current-thread runtime.
         *
         * <pre>{@code
         * AsyncRuntime rt = AsyncRuntime.builder().reactorThread(true).build();
         * }</pre>
         *
         * @param dedicated {@code true} for a reactor thread of its own
         * @return this builder
         */
        public Builder reactorThread(boolean dedicated) {
            this.reactorThread = dedicated;
            return this;
        }

        /**
         * Starts the runtime with its clock paused (default false), for tests: time moves only by
         * {@code Time.advance}, or jumps to the next timer whenever no task can run and no I/O is
         * ready, so an hour of {@code Time.sleep} takes no wall time and timers fire in deadline
         * order. {@code Time.resume()} lets it run again. Timers and {@code Time.now()} follow the
         * runtime's clock; long-poll detection and shutdown timeouts stay on real time.
         *
         * <pre>{@code
         * try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
         *     rt.blockOn(Time.sleep(Duration.ofHours(1)));   // returns at once
         * }
         * }</pre>
         *
         * @param paused {@code true} to start with the clock paused
         * @return this builder
         */
        public Builder startPaused(boolean paused) {
            this.startPaused = paused;
            return this;
        }

        /**
         * Adds a {@link ContextPropagator}: every task of the runtime then starts with the
         * context its spawner's thread had and runs each poll with its own context installed
         * (for SLF4J's MDC, {@code dev.jawait.slf4j.MdcPropagator} in {@code jawait-slf4j}).
         * Several propagators are installed in the order added and removed in reverse.
         *
         * <pre>{@code
         * AsyncRuntime rt = AsyncRuntime.builder().contextPropagator(new MdcPropagator()).build();
         * }</pre>
         *
         * @param propagator the context to carry from spawner to task and around each poll
         * @return this builder
         */
        public Builder contextPropagator(ContextPropagator<?> propagator) {
            this.propagators.add(Objects.requireNonNull(propagator, "propagator"));
            return this;
        }

        /**
         * How this runtime's tasks resolve host names ({@code TcpStream.connect(host, port)},
         * {@link Resolver#lookup}); default {@link Resolver#system()}, the JDK's resolver on the
         * blocking pool. Tests put a table or a slow resolver here; a DNS client would too.
         *
         * <pre>{@code
         * AsyncRuntime rt = AsyncRuntime.builder()
         *         .resolver(Resolver.blocking(host -> myHostsTable.lookup(host)))
         *         .build();
         * }</pre>
         *
         * @param resolver the resolver for host names
         * @return this builder
         */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Builds a current-thread runtime: no worker threads, tasks run inside blockOn.
         *
         * @return this builder
         */
        public Builder currentThread() {
            this.currentThread = true;
            return this;
        }

        /**
         * Builds a work-stealing runtime (the default).
         *
         * @return this builder
         */
        public Builder multiThread() {
            this.currentThread = false;
            return this;
        }

        /**
         * Creates the runtime and starts its worker threads.
         *
         * @return the new runtime; close it when done
         */
        public AsyncRuntime build() {
            return new AsyncRuntime(this);
        }
    }
}
