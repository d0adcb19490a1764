package dev.jawait.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test that gets a fresh {@code AsyncRuntime} of its own — current-thread with its clock
 * paused unless told otherwise — as a parameter, closed after the test. If the test runs past
 * {@link #timeoutMillis()}, it is interrupted and fails with the runtime's task dump: every live
 * task and the {@code await} line it waits at.
 *
 * <pre>{@code
 * class RetryTest {
 *     @AsyncTest
 *     void givesUpAfterThreeAttempts(AsyncRuntime rt) {
 *         // an hour of back-off sleeps takes no wall time: the paused clock jumps to each timer
 *         Result r = rt.blockOn(ClientAsync.fetchWithRetry(flakyServer, Duration.ofMinutes(20)));
 *         assertEquals(3, r.attempts());
 *     }
 * }
 * }</pre>
 *
 * <p>Paused time makes a current-thread run deterministic: the same test polls its tasks in the
 * same order every time. Real sockets, other threads ({@code spawnBlocking}, a multi-thread
 * runtime) and the wall clock ({@code System.nanoTime()} instead of {@code Time.now()}) are what
 * can break that.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(AsyncTestExtension.class)
public @interface AsyncTest {
    /**
     * The kind of runtime (default: current-thread).
     *
     * @return the runtime flavour the test runs on
     */
    Flavor flavor() default Flavor.CURRENT_THREAD;

    /**
     * Worker threads of a {@link Flavor#MULTI_THREAD} runtime.
     *
     * @return the number of worker threads
     */
    int workers() default 2;

    /**
     * Whether the runtime's clock starts paused (default true).
     *
     * @return {@code true} to start with paused time
     */
    boolean startPaused() default true;

    /**
     * Wall-clock time after which the test fails with the task dump (default 10 s).
     *
     * @return the test's wall-clock limit in milliseconds
     */
    long timeoutMillis() default 10_000;
}
