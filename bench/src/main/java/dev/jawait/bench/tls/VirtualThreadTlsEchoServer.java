package dev.jawait.bench.tls;

import dev.jawait.bench.support.VirtualThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The peer of {@link JawaitTlsEchoServer} (JDK 21+): the JDK's {@code SSLServerSocket}, one
 * virtual thread per connection, blocking reads into a 16 KiB buffer and writes of what was read.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.tls.VirtualThreadTlsEchoServer \
 *     --port 8444 --keystore server.p12 --storepass changeit
 * }</pre>
 */
public final class VirtualThreadTlsEchoServer {
    private VirtualThreadTlsEchoServer() {}

    public static void main(String[] args) throws Exception {
        TlsServerArgs a = TlsServerArgs.parse(args);
        ThreadFactory virtual = VirtualThreads.factory();
        try (SSLServerSocket listener = (SSLServerSocket) TlsBenchKeys.serverContext(a.keyStore(), a.storePassword())
                .getServerSocketFactory().createServerSocket(a.port(), 4096, InetAddress.getByName("127.0.0.1"))) {
            System.out.println("virtual-thread TLS echo server listening on 127.0.0.1:" + listener.getLocalPort());
            while (true) {
                Socket socket = listener.accept();
                virtual.newThread(() -> serve((SSLSocket) socket)).start();
            }
        }
    }

    private static void serve(SSLSocket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            socket.setSoTimeout(0);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // a load client that leaves without close_notify: normal here
        }
    }
}
