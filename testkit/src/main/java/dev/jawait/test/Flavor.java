package dev.jawait.test;

/**
 * Which kind of runtime an {@link AsyncTest} runs on.
 *
 * <pre>{@code
 * @AsyncTest(flavor = Flavor.MULTI_THREAD, workers = 2)
 * void underContention(AsyncRuntime rt) { ... }
 * }</pre>
 */
public enum Flavor {
    /**
     * Everything runs on the test's thread inside {@code blockOn} (the default): with paused time
     * the same test polls its tasks in the same order every run.
     */
    CURRENT_THREAD,
    /** A work-stealing runtime with {@link AsyncTest#workers()} worker threads. */
    MULTI_THREAD
}
