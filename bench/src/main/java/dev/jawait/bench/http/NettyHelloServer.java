package dev.jawait.bench.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/**
 * The Netty 4 (NIO transport) peer of the jawait HTTP hello sample: same bytes, keep-alive,
 * pipelining, one write+flush per read batch
 * ({@link NettyHelloHandler}, shared with the HTTPS peer {@code bench.tls.NettyHttpsHelloServer}).
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.http.NettyHelloServer --port 8081
 * }</pre>
 */
public final class NettyHelloServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;

    private NettyHelloServer(ServerArgs args) throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(args.threads(), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new NettyHelloHandler());
                    }
                });
        serverChannel = bootstrap.bind(new InetSocketAddress(args.bind(), args.port())).sync().channel();
    }

    /** Starts a server; {@link #port()} tells where it listens. */
    public static NettyHelloServer start(ServerArgs args) throws InterruptedException {
        return new NettyHelloServer(args);
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static void main(String[] args) throws Exception {
        NettyHelloServer server = start(ServerArgs.parse(args));
        System.out.println("netty hello server listening on 127.0.0.1:" + server.port());
        server.serverChannel.closeFuture().sync();
    }
}
