package dev.jawait.processor.oracle;

import java.util.EnumMap;
import java.util.Map;

/**
 * One runtime per flavour, shared by every shape of a test class (creating a multi-thread
 * runtime per run would dominate the suite's time). A runtime that may be stuck after a
 * timed-out run is closed in the background and replaced.
 *
 * <pre>{@code
 * try (RuntimePool pool = new RuntimePool()) {
 *     Object v = pool.get(OracleRuntime.Flavor.CURRENT_THREAD).blockOn(future);
 * }
 * }</pre>
 */
final class RuntimePool implements AutoCloseable {
    private final Map<OracleRuntime.Flavor, OracleRuntime> runtimes = new EnumMap<>(OracleRuntime.Flavor.class);

    synchronized OracleRuntime get(OracleRuntime.Flavor flavor) {
        return runtimes.computeIfAbsent(flavor, OracleRuntime::create);
    }

    /** Drops a runtime that may be wedged; closing it must not block the tests. */
    synchronized void discard(OracleRuntime.Flavor flavor) {
        OracleRuntime stale = runtimes.remove(flavor);
        if (stale != null) {
            Thread closer = new Thread(() -> {
                try {
                    stale.close();
                } catch (RuntimeException ignored) {
                    // A wedged runtime may refuse to close; it is abandoned either way.
                }
            }, "oracle-runtime-closer");
            closer.setDaemon(true);
            closer.start();
        }
    }

    @Override
    public synchronized void close() {
        for (OracleRuntime rt : runtimes.values()) rt.close();
        runtimes.clear();
    }
}
