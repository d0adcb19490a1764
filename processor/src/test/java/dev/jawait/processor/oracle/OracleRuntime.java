package dev.jawait.processor.oracle;

import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.runtime.AsyncRuntime;

/**
 * The two runtime flavours the oracle runs companions on: current-thread, and multi-thread with
 * two workers (the machine has two cores; two workers make tasks migrate between threads).
 *
 * <pre>{@code
 * try (OracleRuntime rt = OracleRuntime.create(OracleRuntime.Flavor.MULTI_THREAD)) {
 *     Object value = rt.blockOn(LoopsAsync.shapeWhile());
 * }
 * }</pre>
 */
final class OracleRuntime implements AutoCloseable {

    /** Which scheduler runs the companion. */
    enum Flavor {
        CURRENT_THREAD, MULTI_THREAD
    }

    private final Flavor flavor;
    private final AsyncRuntime runtime;

    private OracleRuntime(Flavor flavor, AsyncRuntime runtime) {
        this.flavor = flavor;
        this.runtime = runtime;
    }

    /** A new runtime of the given flavour (multi-thread gets exactly two workers). */
    static OracleRuntime create(Flavor flavor) {
        AsyncRuntime rt = flavor == Flavor.CURRENT_THREAD
                ? AsyncRuntime.newCurrentThread()
                : AsyncRuntime.builder().threadNamePrefix("oracle").workerThreads(2).build();
        return new OracleRuntime(flavor, rt);
    }

    /** Runs {@code future} to completion on this runtime; its failure is thrown as is. */
    <T> T blockOn(Future<T> future) {
        return runtime.blockOn(future);
    }

    /** Spawns {@code future} as a task. */
    <T> JoinHandle<T> spawn(Future<T> future) {
        return runtime.spawn(future);
    }

    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public String toString() {
        return flavor == Flavor.CURRENT_THREAD ? "current-thread" : "multi-thread(2)";
    }
}
