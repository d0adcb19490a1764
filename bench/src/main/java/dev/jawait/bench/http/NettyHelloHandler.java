package dev.jawait.bench.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Arrays;

/**
 * The Netty peers' per-connection HTTP hello handler (plain {@link NettyHelloServer} and, behind
 * an {@code SslHandler}, {@code bench.tls.NettyHttpsHelloServer}): accumulates bytes, answers each
 * complete request with {@link HelloProtocol#RESPONSE}, flushes once per read batch, closes after
 * a request that asks to.
 *
 * <pre>{@code
 * ch.pipeline().addLast(new NettyHelloHandler());
 * }</pre>
 */
public final class NettyHelloHandler extends ChannelInboundHandlerAdapter {
    private byte[] pending = new byte[4096];
    private int pendingLength;
    private boolean closeAfterFlush;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            int n = in.readableBytes();
            if (pendingLength + n > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + n));
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
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.flush();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // peer reset during load tests is normal
    }
}
