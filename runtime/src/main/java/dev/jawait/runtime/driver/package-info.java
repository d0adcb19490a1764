/**
 * The reactor behind jawait's runtime: an NIO {@link java.nio.channels.Selector} for socket
 * readiness and a hierarchical timing wheel for timers, both behind the
 * {@link dev.jawait.runtime.Driver} park/unpark SPI (Tokio's driver, on the JDK).
 *
 * <p>Most code never uses this package directly: {@code dev.jawait.net} and
 * {@code dev.jawait.time} do. It is public for hand-written leaf futures over other channels:
 *
 * <pre>{@code
 * final class PipeRead implements TryFuture<Integer, IOException> {
 *     private final Pipe.SourceChannel source;      // configureBlocking(false)
 *     private final ByteBuffer buf;
 *     private Registration registration;
 *
 *     public Poll<Integer> poll(Context cx) {
 *         try {
 *             int n = source.read(buf);               // try first
 *             if (n != 0) return Poll.ready(n);
 *             if (registration == null) registration = IoDriver.current().register(source);
 *             registration.arm(SelectionKey.OP_READ, cx.waker());
 *             return Poll.pending();                  // woken when readable
 *         } catch (IOException e) {
 *             throw Failures.sneaky(e);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>{@link dev.jawait.runtime.driver.IoDriver#current()} picks the driver of the runtime running
 * the calling thread, or a process-wide fallback driver (thread {@code jawait-io-fallback}) off
 * any runtime; {@link dev.jawait.runtime.driver.IoDriver#enter()} lets other executors and tests
 * make their own driver current.
 */
package dev.jawait.runtime.driver;
