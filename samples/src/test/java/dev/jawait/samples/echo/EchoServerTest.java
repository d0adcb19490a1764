package dev.jawait.samples.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EchoServerTest {

    @Test
    void echoesEveryByteToManyConcurrentClients() throws Exception {
        List<Throwable> failures = TestRuntimes.failureList();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                EchoServer server = EchoServer.start(runtime,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress address = server.address();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 50; c++) {
                int seed = c;
                done.add(clients.submit(() -> {
                    Random random = new Random(seed);
                    byte[] payload = new byte[1 + random.nextInt(300_000)];
                    random.nextBytes(payload);
                    try (Socket s = new Socket()) {
                        s.connect(address, 5000);
                        s.setSoTimeout(20_000);
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        Thread writer = new Thread(() -> { // write and read at once: no deadlock on full buffers
                            try {
                                out.write(payload);
                                s.shutdownOutput();
                            } catch (Exception e) {
                                throw new RuntimeException(e);
                            }
                        });
                        writer.start();
                        byte[] echoed = in.readAllBytes(); // ends when the server closes after our EOF
                        writer.join();
                        assertArrayEquals(payload, echoed);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(List.of(), failures);
    }
}
