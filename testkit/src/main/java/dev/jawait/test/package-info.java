/**
 * Testing async code with JUnit 5: {@link dev.jawait.test.AsyncTest} gives each test a fresh
 * runtime with paused time (an hour of timers takes no wall time, and a current-thread run is
 * deterministic) and fails a hung test with the dump of every live task; {@link
 * dev.jawait.test.BothModes} runs an {@code @Async} method as its state machine and as the
 * blocking template and fails on any difference.
 *
 * <pre>{@code
 * class SessionTest {
 *     @AsyncTest
 *     void expiresAfterAnIdleHour(AsyncRuntime rt) {
 *         Session s = rt.blockOn(SessionsAsync.open("alice"));
 *         rt.blockOn(SessionsAsync.idle(s, Duration.ofMinutes(61)));   // no wall time passes
 *         assertTrue(s.isExpired());
 *     }
 *
 *     @Test
 *     void loginMeansTheSameBothWays() throws Throwable {
 *         BothModes.assertSameOutcome(log -> SessionsAsync.login(log, "alice"),
 *                 log -> Sessions.login(log, "alice"));
 *     }
 * }
 * }</pre>
 *
 * <p>Add it with test scope: {@code dev.jawait:jawait-test}.
 */
package dev.jawait.test;
