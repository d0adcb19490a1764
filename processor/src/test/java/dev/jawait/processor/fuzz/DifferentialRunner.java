package dev.jawait.processor.fuzz;

import dev.jawait.Future;
import dev.jawait.processor.oracle.Log;
import dev.jawait.processor.oracle.Outcome;
import dev.jawait.processor.oracle.Src;
import dev.jawait.processor.oracle.SrcMode;
import dev.jawait.runtime.AsyncRuntime;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a compiled program both ways and compares: the template called directly (each
 * {@code await} blocks, the oracle) against its companion's future on a current-thread runtime
 * ({@code blockOn} polls it) and as a task on a two-worker runtime. Compared per run: the result
 * (value and class, or exception class and message with causes and suppressed), the {@link Log}
 * (every side effect and every source's completion, in order), the receiver's fields and the
 * batch's static fields. Sources are pending before they complete, woken inline, from another
 * thread or by a timer (see {@link Src}), so every await really suspends; one run per program
 * also fails a source chosen at random.
 *
 * <pre>{@code
 * try (DifferentialRunner runner = new DifferentialRunner()) {
 *     Optional<String> difference = runner.check(loader, "Batch0", program, new Random(1));
 * }
 * }</pre>
 */
final class DifferentialRunner implements AutoCloseable {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(10);

    private AsyncRuntime currentThread = AsyncRuntime.newCurrentThread();
    private AsyncRuntime multiThread = newMultiThread();
    private ExecutorService runner = newRunner();
    private int runs;

    /** How many template and companion runs this runner made. */
    int runs() {
        return runs;
    }

    /**
     * Runs {@code program} of class {@code fuzz.<batch>} under each mode of {@code plan} and
     * returns a description of the first difference, if any.
     */
    Optional<String> check(ClassLoader loader, String batch, Program program, ModePlan plan) throws Exception {
        Class<?> owner = loader.loadClass("fuzz." + batch);
        Class<?> companionClass = loader.loadClass("fuzz." + batch + "Async");
        Method direct = owner.getDeclaredMethod(program.name());
        direct.setAccessible(true);
        Method companion = program.isStatic()
                ? companionClass.getDeclaredMethod(program.name())
                : companionClass.getDeclaredMethod(program.name(), owner);
        companion.setAccessible(true);
        Method reset = owner.getMethod("resetStatics");
        Method statics = owner.getMethod("statics");

        String first = bounded(() -> runDirect(owner, direct, reset, statics, SrcMode.pending(1)), "direct PENDING(1)");
        int sources = Src.created();
        for (Mode mode : plan.modes(sources)) {
            String expected = mode.srcMode.equals(SrcMode.pending(1))
                    ? first
                    : bounded(() -> runDirect(owner, direct, reset, statics, mode.srcMode), "direct " + mode.srcMode.label());
            String actual = bounded(() -> runCompanion(owner, companion, reset, statics, mode), "companion " + mode);
            if (!expected.equals(actual)) {
                return Optional.of("under " + mode + ":\n--- expected (template run directly):\n" + expected
                        + "--- actual (companion future):\n" + actual);
            }
        }
        return Optional.empty();
    }

    private String runDirect(Class<?> owner, Method direct, Method reset, Method statics, SrcMode mode) throws Exception {
        runs++;
        reset.invoke(null);
        Src.reset(mode);
        Log.reset();
        Object receiver = Modifier.isStatic(direct.getModifiers()) ? null : receiver(owner);
        Outcome outcome;
        try {
            outcome = Outcome.returned(direct.invoke(receiver), Log.snapshot(), receiver);
        } catch (InvocationTargetException e) {
            outcome = Outcome.threw(e.getCause(), Log.snapshot(), receiver);
        }
        return outcome.render() + "statics: " + statics.invoke(null) + "\n";
    }

    private String runCompanion(Class<?> owner, Method companion, Method reset, Method statics, Mode mode) throws Exception {
        runs++;
        reset.invoke(null);
        Src.reset(mode.srcMode);
        Log.reset();
        Object receiver = companion.getParameterCount() == 0 ? null : receiver(owner);
        Future<?> future;
        try {
            future = (Future<?>) (receiver == null ? companion.invoke(null) : companion.invoke(null, receiver));
        } catch (InvocationTargetException e) {
            return "threw while creating the future (futures must be lazy): " + e.getCause() + "\n";
        }
        Outcome outcome;
        try {
            Object value = mode.multiThread ? multiThread.blockOn(multiThread.spawn(future)) : currentThread.blockOn(future);
            outcome = Outcome.returned(value, log(), receiver);
        } catch (Throwable t) {
            outcome = Outcome.threw(t, log(), receiver);
        }
        return outcome.render() + "statics: " + statics.invoke(null) + "\n";
    }

    /** The log, plus a marker if a source was cancelled: nothing is cancelled in these runs. */
    private static List<String> log() {
        List<String> log = new ArrayList<>(Log.snapshot());
        if (!Src.cancelled().isEmpty()) log.add("!cancel() called on sources " + Src.cancelled());
        return log;
    }

    /** A fresh receiver for an instance template. */
    private static Object receiver(Class<?> owner) throws ReflectiveOperationException {
        Constructor<?> constructor = owner.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    private <T> T bounded(Callable<T> work, String what) throws Exception {
        java.util.concurrent.Future<T> result = runner.submit(work);
        try {
            return result.get(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
        } catch (TimeoutException e) {
            result.cancel(true);
            replaceWedged();
            throw new AssertionError(what + " did not finish within " + RUN_LIMIT.toSeconds() + " s; log so far: " + Log.snapshot());
        }
    }

    /** After a hang the runtimes and the runner thread may be stuck: start fresh ones, close the old ones aside. */
    private void replaceWedged() {
        ExecutorService oldRunner = runner;
        AsyncRuntime oldCurrent = currentThread;
        AsyncRuntime oldMulti = multiThread;
        runner = newRunner();
        currentThread = AsyncRuntime.newCurrentThread();
        multiThread = newMultiThread();
        oldRunner.shutdownNow();
        Thread closer = new Thread(() -> {
            oldCurrent.close();
            oldMulti.close();
        }, "fuzz-runtime-closer");
        closer.setDaemon(true);
        closer.start();
    }

    @Override
    public void close() {
        runner.shutdownNow();
        currentThread.close();
        multiThread.close();
        Src.shutdown();
    }

    private static AsyncRuntime newMultiThread() {
        return AsyncRuntime.builder().threadNamePrefix("fuzz").workerThreads(2).build();
    }

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-runner");
            t.setDaemon(true);
            return t;
        });
    }

    /** One comparison: how the sources behave, and which runtime runs the companion. */
    record Mode(SrcMode srcMode, boolean multiThread) {
        @Override
        public String toString() {
            return srcMode.label() + " on " + (multiThread ? "multi-thread(2)" : "current-thread");
        }
    }

    /** The modes to compare a program under, given how many sources its first run created. */
    interface ModePlan {
        List<Mode> modes(int sources);

        /**
         * The CI plan: ready, pending once (current thread) and twice (two workers), and a
         * failure at one source picked with {@code random} — each await suspends in all but the first.
         */
        static ModePlan sampled(java.util.Random random) {
            return sources -> {
                List<Mode> modes = new ArrayList<>(List.of(
                        new Mode(SrcMode.ready(), false),
                        new Mode(SrcMode.pending(1), false),
                        new Mode(SrcMode.pending(2), true)));
                if (sources > 0) {
                    int k = 1 + random.nextInt(sources);
                    modes.add(new Mode(SrcMode.failAt(k, k % 2), random.nextBoolean()));
                }
                return modes;
            };
        }

        /** For shrinking: every source failing in turn (up to 12), both runtimes. */
        static ModePlan exhaustive() {
            return sources -> {
                List<Mode> modes = new ArrayList<>(List.of(
                        new Mode(SrcMode.ready(), false),
                        new Mode(SrcMode.pending(1), false),
                        new Mode(SrcMode.pending(2), true)));
                for (int k = 1; k <= Math.min(sources, 12); k++) modes.add(new Mode(SrcMode.failAt(k, k % 2), k % 2 == 0));
                return modes;
            };
        }
    }
}
