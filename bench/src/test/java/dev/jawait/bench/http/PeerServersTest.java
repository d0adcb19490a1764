package dev.jawait.bench.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.bench.support.VirtualThreads;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The peers (and the jawait minimal server) answer with the sample's exact bytes, pipelined, split requests, and close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerServersTest {
    private static final ServerArgs EPHEMERAL = new ServerArgs("127.0.0.1", 0, 1);

    @Test
    void nettyServerAnswersLikeTheSample() throws Exception {
        try (NettyHelloServer server = NettyHelloServer.start(EPHEMERAL)) {
            assertNull(ResponseCheck.check("127.0.0.1", server.port()));
            assertSplitRequestAnswered(server.port());
        }
    }

    @Test
    void jawaitMinimalServerAnswersLikeTheSample() throws Exception {
        try (JawaitHelloServer server = JawaitHelloServer.start(EPHEMERAL)) {
            assertNull(ResponseCheck.check("127.0.0.1", server.port()));
            assertSplitRequestAnswered(server.port());
        }
    }

    @Test
    void virtualThreadServerAnswersLikeTheSample() throws Exception {
        assumeTrue(VirtualThreads.available(), "virtual threads need JDK 21+");
        try (VirtualThreadHelloServer server = VirtualThreadHelloServer.start(EPHEMERAL)) {
            assertNull(ResponseCheck.check("127.0.0.1", server.port()));
            assertSplitRequestAnswered(server.port());
        }
    }

    private static void assertSplitRequestAnswered(int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(20_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] req = HelloProtocol.SAMPLE_REQUEST;
            out.write(req, 0, req.length - 3);   // headers cut inside the terminator
            out.flush();
            Thread.sleep(50);
            out.write(req, req.length - 3, 3);
            assertArrayEquals(HelloProtocol.RESPONSE, in.readNBytes(HelloProtocol.RESPONSE.length));
        }
    }
}
