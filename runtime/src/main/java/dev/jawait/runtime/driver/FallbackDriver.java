package dev.jawait.runtime.driver;

/**
 * The process-wide driver used outside any runtime — for an {@code @Async} template run directly
 * with blocking {@code await}. Started on first use; its daemon thread {@code jawait-io-fallback}
 * parks in it forever, so sockets and timers created off-runtime still get woken.
 *
 * <pre>{@code
 * IoDriver driver = FallbackDriver.get();   // lazily started, never closed
 * }</pre>
 */
final class FallbackDriver {
    private FallbackDriver() {}

    static IoDriver get() {
        return Holder.DRIVER;
    }

    /** Lazy, thread-safe start through class initialisation. */
    private static final class Holder {
        static final IoDriver DRIVER = start();

        private static IoDriver start() {
            IoDriver driver = IoDriver.create();
            driver.markFallback();
            Thread thread = new Thread(() -> {
                while (!driver.isClosed()) {
                    Thread.interrupted(); // an interrupt would make select return at once, forever
                    driver.park(Long.MAX_VALUE);
                }
            }, "jawait-io-fallback");
            thread.setDaemon(true);
            thread.start();
            return driver;
        }
    }
}
