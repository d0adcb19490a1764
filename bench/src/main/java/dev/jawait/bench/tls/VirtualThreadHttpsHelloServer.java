package dev.jawait.bench.tls;

import dev.jawait.bench.http.HelloConnection;
import dev.jawait.bench.http.VirtualThreadHelloServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The virtual-thread peer of the jawait HTTPS hello sample (JDK 21+): the JDK's
 * {@code SSLServerSocket} with {@link TlsBenchKeys}' key store, one virtual thread per
 * connection, blocking reads and writes, and the plain peer's {@link HelloConnection} (same
 * response bytes, keep-alive, pipelining, one write per read batch): the plain
 * {@link VirtualThreadHelloServer} over a TLS listener, each connection's handshake first.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.tls.VirtualThreadHttpsHelloServer \
 *     --port 8446 --keystore server.p12 --storepass changeit
 * }</pre>
 */
public final class VirtualThreadHttpsHelloServer {
    private VirtualThreadHttpsHelloServer() {}

    /** Starts a server; {@link VirtualThreadHelloServer#port()} tells where it listens. */
    public static VirtualThreadHelloServer start(TlsServerArgs args) throws Exception {
        ServerSocket listener = TlsBenchKeys.serverContext(args.keyStore(), args.storePassword())
                .getServerSocketFactory().createServerSocket(args.port(), 4096, InetAddress.getByName("127.0.0.1"));
        return VirtualThreadHelloServer.over(listener, socket -> {
            socket.setSoTimeout(10_000); // as jawait's sample: a handshake may take 10 s at most
            ((SSLSocket) socket).startHandshake();
            socket.setSoTimeout(0);
        });
    }

    public static void main(String[] args) throws Exception {
        VirtualThreadHelloServer server = start(TlsServerArgs.parse(args));
        System.out.println("virtual-thread https hello server listening on 127.0.0.1:" + server.port());
        server.join();
    }
}
