package dev.jawait.samples.miniredis;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.DriverClock;
import dev.jawait.runtime.driver.IoDriver;
import java.util.function.LongSupplier;

/**
 * Unix time in milliseconds (what {@code EXPIREAT} and {@code TTL} speak) that moves with the
 * runtime's clock: the wall time at start plus the runtime time elapsed since. On a runtime whose
 * time is paused for a test, keys expire when the test advances time — {@code SET k v PX 86400000}
 * then {@code Time.advance} by a day — without waiting a day.
 *
 * <pre>{@code
 * ServerState state = new ServerState(new RuntimeWallClock(runtime), 6379);
 * }</pre>
 */
final class RuntimeWallClock implements LongSupplier {
    private final DriverClock clock;
    private final long originMillis;
    private final long originNanos;

    RuntimeWallClock(AsyncRuntime runtime) {
        this.clock = runtime.driver() instanceof IoDriver io ? io.clock() : null;
        this.originMillis = System.currentTimeMillis();
        this.originNanos = clock == null ? 0 : clock.now();
    }

    @Override
    public long getAsLong() {
        if (clock == null) { // a runtime with a driver of another kind: the system's wall clock
            return System.currentTimeMillis();
        }
        return originMillis + Math.floorDiv(clock.now() - originNanos, 1_000_000L);
    }
}
