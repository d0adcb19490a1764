/**
 * Utilities for tracking time, in the style of {@code tokio::time}.
 *
 * <p>This module provides:
 *
 * <ul>
 *   <li>{@link dev.jawait.time.Time#sleep Time.sleep} — a future that completes after a
 *       duration ({@link dev.jawait.time.Sleep});
 *   <li>{@link dev.jawait.time.Time#timeout Time.timeout} — runs a future with a deadline,
 *       cancelling it and failing with {@link java.util.concurrent.TimeoutException} on expiry;
 *   <li>{@link dev.jawait.time.Time#interval Time.interval} — an
 *       {@link dev.jawait.time.Interval} whose {@code tick()} completes once per period, with a
 *       {@link dev.jawait.time.MissedTickBehavior} for ticks taken late (default
 *       {@code SKIP}).
 * </ul>
 *
 * <pre>{@code
 * @Async
 * static String fetchWithDeadline(TcpStream socket, ByteBuffer buf) throws IOException {
 *     try {
 *         int n = await(Time.timeout(Duration.ofSeconds(2), socket.read(buf)));
 *         return "read " + n;
 *     } catch (TimeoutException e) {
 *         return "peer too slow";                   // the read was cancelled
 *     }
 * }
 *
 * @Async
 * static void heartbeat(Interval every) {
 *     while (true) {
 *         await(every.tick());                     // first tick immediate, then each period
 *         System.out.println("alive");
 *     }
 * }
 * }</pre>
 *
 * <h2>Resolution and guarantees</h2>
 * Timers live in the runtime driver's hierarchical timing wheel with a 1 ms tick. A timer never
 * completes before its deadline and normally completes within a tick of it; on a loaded machine
 * add the time the OS takes to wake the parked worker. Deadlines are taken from
 * the runtime's clock ({@link dev.jawait.time.Time#now()}, normally {@link System#nanoTime()}) when the
 * future is created (not when first polled). A sleep that is
 * already due when polled never touches the wheel; cancelling a pending one removes it from the
 * wheel at once.
 *
 * <h2>Paused time, for tests</h2>
 * {@link dev.jawait.time.Time#pause()} (or {@code AsyncRuntime.builder().startPaused(true)})
 * freezes the runtime's clock: {@link dev.jawait.time.Time#advance} moves it, and whenever no task
 * can run and no I/O is ready it jumps to the next timer, so timeouts, retries and intervals are
 * tested without waiting and fire in deadline order.
 *
 * <pre>{@code
 * try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
 *     rt.blockOn(Time.sleep(Duration.ofHours(1)));   // returns at once
 * }
 * }</pre>
 */
package dev.jawait.time;
