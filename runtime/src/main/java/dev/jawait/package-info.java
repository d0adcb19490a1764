/**
 * jawait: async/await for Java, compiled at build time, on a Tokio-style runtime.
 *
 * <p>This package is what async code is written against. Mark a method
 * {@link dev.jawait.Async &#64;Async} and write {@link dev.jawait.Await#await await(...)} where it must wait; the
 * annotation processor generates a companion {@code XAsync} whose methods return the method as a
 * poll-based {@link dev.jawait.Future} state machine. {@link dev.jawait.Task} spawns futures as
 * concurrent tasks and returns {@link dev.jawait.JoinHandle}s; {@link dev.jawait.Futures} joins
 * and selects within one task and bridges to {@code CompletionStage}. Structured concurrency:
 * {@link dev.jawait.TaskScope} keeps child tasks inside the code that awaits it,
 * {@link dev.jawait.CancellationToken} stops work from anywhere, {@link dev.jawait.TaskLocal}
 * binds a value for a task and the tasks it spawns. The runtime that polls it all lives in
 * {@link dev.jawait.runtime}.
 *
 * <pre>{@code
 * public class Fetch {
 *     @Async
 *     static int both(Future<Integer> a, Future<Integer> b) {
 *         var pair = await(Futures.join(a, b));       // concurrently
 *         JoinHandle<Integer> h = Task.spawn(FetchAsync.one(pair.first()));
 *         return pair.second() + await(h);
 *     }
 * }
 *
 * try (AsyncRuntime rt = AsyncRuntime.newMultiThread()) {
 *     int n = rt.blockOn(FetchAsync.both(x, y));
 * }
 * }</pre>
 *
 * <p>Everything here follows Rust's poll model: futures are lazy, a pending future arranges for
 * its {@link dev.jawait.Waker} to be called, and cancellation follows the protocol described on
 * {@link dev.jawait.Future#cancel()}.
 */
package dev.jawait;
