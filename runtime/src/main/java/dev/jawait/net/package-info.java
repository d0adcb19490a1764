/**
 * TCP, UDP and Unix domain sockets whose operations are futures, TLS over them, and host-name
 * lookups that never block a worker, in the style of {@code tokio::net}.
 *
 * <p>This module provides the networking types a jawait program awaits on:
 *
 * <ul>
 *   <li>{@link dev.jawait.net.TcpListener} — binds (immediately, a plain method) and
 *       {@linkplain dev.jawait.net.TcpListener#accept() accepts} connections;
 *   <li>{@link dev.jawait.net.TcpStream} — connects (to an address, or to a host name and port),
 *       {@code read}s (-1 at end of stream), {@code write}s, {@code writeAll}s,
 *       {@code readExact}s, half-closes with {@code shutdownOutput};
 *   <li>{@link dev.jawait.net.UdpSocket} — sends and receives datagrams;
 *   <li>{@link dev.jawait.net.UnixListener} and {@link dev.jawait.net.UnixStream} — the same
 *       surface as the TCP pair over a socket file (local daemons, the Docker socket, sidecars);
 *   <li>{@link dev.jawait.net.Resolver} — host name to addresses, on the blocking pool by default,
 *       replaceable per runtime; {@link dev.jawait.net.TcpConnector} — how a host's several
 *       addresses are tried (RFC 8305 "Happy Eyeballs");
 *   <li>{@link dev.jawait.net.TlsStream} — TLS over a {@code TcpStream} on the JDK's
 *       {@code SSLEngine}: {@code TlsStream.client}/{@code server} complete after the handshake,
 *       then the same operations, plus {@code session()}; {@link dev.jawait.net.TlsConfig} sets
 *       ALPN, protocol versions and anything else {@code SSLParameters} offers.
 * </ul>
 *
 * <pre>{@code
 * @Async
 * static void serve(TcpListener listener) throws IOException {
 *     while (true) {
 *         TcpStream socket = await(listener.accept());
 *         Task.spawn(EchoAsync.handle(socket));      // one task per connection
 *     }
 * }
 *
 * @Async
 * static long handle(TcpStream socket) throws IOException {
 *     try (socket) {
 *         ByteBuffer buf = ByteBuffer.allocate(8192);
 *         long total = 0;
 *         int n;
 *         while ((n = await(socket.read(buf.clear()))) >= 0) {
 *             await(socket.writeAll(buf.flip()));
 *             total += n;
 *         }
 *         return total;
 *     }
 * }
 * }</pre>
 *
 * <h2>How the operations work</h2>
 * Every operation is a {@code TryFuture<…, IOException>} over a non-blocking NIO channel. Polling
 * it first tries the system call: when data (or buffer space, or a pending connection) is there,
 * it completes on that first poll without touching the reactor. Only when the call would block
 * does the socket register interest with the {@linkplain dev.jawait.runtime.driver.IoDriver
 * driver} of the runtime polling it (once per socket, kept for good) and return pending; the
 * task is woken when the selector reports the socket ready.
 *
 * <h2>Readiness: idle connections without a buffer</h2>
 * {@code read(buf)} must hold {@code buf} while it waits, so a server that awaits {@code read}
 * pays a buffer per idle connection (as a blocked virtual thread does). Like Tokio,
 * {@link dev.jawait.net.TcpStream} also offers {@code readable()} / {@code tryRead} (and
 * {@code writable()} / {@code tryWrite}): wait for readiness holding nothing, then read
 * without waiting into a buffer borrowed for that moment (one per worker thread), and give it
 * back before the next {@code await}. Readiness is cached per direction: ready until a read
 * would block (or comes up short, which saves the would-block read system call), then taken
 * from the selector; awaiting it allocates nothing. The HTTP sample holds about 1 KB of heap per
 * idle connection this way (socket, key, task and a few small objects), where a 16 KB buffer
 * used to be.
 *
 * <pre>{@code
 * while (true) {
 *     await(socket.readable());
 *     ByteBuffer buf = PER_THREAD.get().clear();
 *     int n = socket.tryRead(buf);
 *     if (n < 0) break;
 *     if (n > 0) answer(buf.flip(), socket);   // no await while buf is borrowed
 * }
 * }</pre>
 *
 * <p>Ready answers spend the task's cooperative budget ({@link dev.jawait.runtime.Coop}), so a
 * connection whose peer never stops sending yields its worker now and then.
 *
 * <h2>Cancellation and closing</h2>
 * These futures are leaves: {@code cancel()} drops the waiting task's waker and interest and
 * returns {@code false}; partial progress stays visible in the {@code ByteBuffer}'s position.
 * {@code close()} never throws; it wakes pending operations, which fail with
 * {@link dev.jawait.runtime.driver.SocketClosedException} ({@code "socket closed"}), and releases
 * the descriptor promptly. While waiting, an operation names itself and its endpoint in task
 * dumps ({@code read on /127.0.0.1:6379}, {@code accept on /127.0.0.1:8080}). A connection reset
 * by the peer fails the pending (or next) operation with the JDK's {@link java.io.IOException};
 * connecting where nobody listens fails with {@link java.net.ConnectException}.
 *
 * <p>One read and one write may be pending on a stream at a time (typically a reader task and a
 * writer task).
 *
 * <h2>Host names</h2>
 * {@code TcpStream.connect(SocketAddress)} wants an address already resolved; an unresolved
 * {@link java.net.InetSocketAddress} fails clearly. To connect by name, use
 * {@code TcpStream.connect("db.internal", 5432)}: the name goes to the runtime's
 * {@link dev.jawait.net.Resolver} (the JDK's, on the blocking pool, unless
 * {@code AsyncRuntime.builder().resolver(...)} installed another), and the addresses found are
 * tried in RFC 8305 order, the next one starting 250 ms into an unanswered attempt. An unknown name
 * fails with {@link java.net.UnknownHostException} naming it.
 *
 * <pre>{@code
 * try (TcpStream db = await(TcpStream.connect("localhost", 5432))) { ... }
 * List<InetAddress> all = await(Resolver.lookup("example.com"));
 * }</pre>
 */
package dev.jawait.net;
