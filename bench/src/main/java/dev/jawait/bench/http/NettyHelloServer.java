package dev.jawait.bench.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
 * pipelining, one write+flush per read batch.
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
                        ch.pipeline().addLast(new HelloHandler());
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

    /** Per-connection: accumulates bytes, answers each complete request, flushes once per batch. */
    private static final class HelloHandler extends ChannelInboundHandlerAdapter {
        private byte[] pending = new byte[4096];
        private int pendingLength;
        private boolean closeAfterFlush;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                int n = in.readableBytes();
                if (pendingLength + n > pending.length) {
                    pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + n));
                }
                in.readBytes(pending, pendingLength, n);
                pendingLength += n;
            } finally {
                in.release();
            }
            int start = 0;
            int answered = 0;
            int end;
            while (!closeAfterFlush && (end = HelloProtocol.requestEnd(pending, start, pendingLength)) > 0) {
                closeAfterFlush = HelloProtocol.wantsClose(pending, start, end);
                start = end;
                answered++;
            }
            System.arraycopy(pending, start, pending, 0, pendingLength - start);
            pendingLength -= start;
            if (answered > 0) {
                ByteBuf out = ctx.alloc().ioBuffer(answered * HelloProtocol.RESPONSE.length);
                for (int i = 0; i < answered; i++) {
                    out.writeBytes(HelloProtocol.RESPONSE);
                }
                ctx.write(out);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (closeAfterFlush) {
                ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.flush();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // peer reset during load tests is normal
        }
    }
}
