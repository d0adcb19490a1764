package dev.jawait.bench.tls;

import dev.jawait.bench.http.NettyHelloHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Netty peer of the jawait HTTPS hello sample ({@code HelloServer --tls}): Netty 4 NIO with an
 * {@code SslHandler} on the JDK's {@code SSLEngine} ({@link SslProvider#JDK}, the provider jawait
 * uses), the key store of {@link TlsBenchKeys}, then the plain peer's {@link NettyHelloHandler}:
 * same response bytes, keep-alive, pipelining, one flush per read batch.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.tls.NettyHttpsHelloServer \
 *     --port 8445 --keystore server.p12 --storepass changeit
 * }</pre>
 */
public final class NettyHttpsHelloServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;

    private NettyHttpsHelloServer(TlsServerArgs args) throws Exception {
        // The JDK's own cipher suite order, as the jawait and virtual-thread servers have it (Netty's
        // default list puts TLS_AES_128_GCM_SHA256 first, the JDK TLS_AES_256_GCM_SHA384).
        List<String> jdkCipherOrder = List.of(TlsBenchKeys.serverContext(args.keyStore(), args.storePassword())
                .getDefaultSSLParameters().getCipherSuites());
        SslContext ssl = SslContextBuilder.forServer(TlsBenchKeys.keyManagers(args.keyStore(), args.storePassword()))
                .sslProvider(SslProvider.JDK)
                .ciphers(jdkCipherOrder)
                .build();
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(args.threads(), NioIoHandler.newFactory());
        serverChannel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new NettyHelloHandler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", args.port())).sync().channel();
    }

    /** Starts a server; {@link #port()} tells where it listens. */
    public static NettyHttpsHelloServer start(TlsServerArgs args) throws Exception {
        return new NettyHttpsHelloServer(args);
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static void main(String[] args) throws Exception {
        NettyHttpsHelloServer server = start(TlsServerArgs.parse(args));
        System.out.println("netty https hello server listening on 127.0.0.1:" + server.port());
        server.serverChannel.closeFuture().sync();
    }
}
