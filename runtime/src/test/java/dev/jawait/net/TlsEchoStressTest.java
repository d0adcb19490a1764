package dev.jawait.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jawait.Future;
import dev.jawait.Futures;
import dev.jawait.JoinHandle;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.FdLeakCheck;
import dev.jawait.runtime.driver.Fds;
import dev.jawait.runtime.driver.IoDriver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,000 concurrent TLS 1.3 connections on a two-worker runtime echo 64 MiB in all, written in
 * random pieces; the SHA-256 of every payload must equal both what the server received and
 * what came back to the client.
 *
 * <p>Scale with {@code -Djawait.tls.connections=N} and {@code -Djawait.tls.mebibytes=M}.
 */
@ExtendWith(FdLeakCheck.class)
class TlsEchoStressTest {
    private static final int CONNECTIONS = Integer.getInteger("jawait.tls.connections", 1_000);
    private static final long TOTAL = Long.getLong("jawait.tls.mebibytes", 64) << 20;

    @BeforeAll
    static void setUp() {
        IoDriver.current();
        Fds.warmUp();
        TlsTestCerts.localhost();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aThousandConcurrentTls13ConnectionsEchoSixtyFourMebibytes() throws Exception {
        byte[][] payloads = payloads(CONNECTIONS, TOTAL, 2026);
        TlsTestCerts certs = TlsTestCerts.localhost();
        TlsConfig serverConfig = TlsConfig.builder(certs.serverContext()).protocols("TLSv1.3").build();
        TlsConfig clientConfig = TlsConfig.builder(certs.clientContext()).protocols("TLSv1.3").build();
        long start = System.nanoTime();
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2).build();
                TcpListener listener = TcpListener.bind(TlsTesting.ANY_LOCAL, 4096)) {
            List<JoinHandle<byte[]>> serverSides = Collections.synchronizedList(new ArrayList<>());
            JoinHandle<Integer> server = runtime.spawn(
                    new TlsEchoFutures.Server(listener, serverConfig, CONNECTIONS, null, serverSides::add));
            List<Future<byte[]>> clients = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                clients.add(runtime.spawn(new TlsEchoFutures.Client(listener.localAddress(), clientConfig, payloads[i], i)));
            }
            List<byte[]> echoed = runtime.blockOn(Futures.joinAll(clients));
            assertEquals(CONNECTIONS, runtime.blockOn(server));
            List<byte[]> received = runtime.blockOn(Futures.joinAll(new ArrayList<>(serverSides)));

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                byte[] sha = TlsTesting.sha256(payloads[i]);
                assertArrayEquals(sha, echoed.get(i), "echo of connection " + i);
                expected.add(HexFormat.of().formatHex(sha));
            }
            // The server does not know which client a connection is: compare as multisets.
            List<String> serverSaw = new ArrayList<>();
            for (byte[] sha : received) {
                serverSaw.add(HexFormat.of().formatHex(sha));
            }
            Collections.sort(expected);
            Collections.sort(serverSaw);
            assertEquals(expected, serverSaw, "what the server received, per connection");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("tls echo: %d TLS 1.3 connections, %.1f MiB each way in %.1f s (handshakes included)%n",
                CONNECTIONS, TOTAL / 1048576.0, seconds);
    }

    /** Sizes from 1 byte to ~1 MiB (log-uniform), scaled to add up to {@code total}. */
    private static byte[][] payloads(int count, long total, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] weights = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = Math.exp(random.nextDouble() * Math.log(1 << 20));
            sum += weights[i];
        }
        byte[][] payloads = new byte[count][];
        long assigned = 0;
        for (int i = 0; i < count; i++) {
            int size = i == count - 1 ? (int) (total - assigned)
                    : (int) Math.max(1, Math.round(weights[i] / sum * total));
            payloads[i] = TlsTesting.random(size, seed + i);
            assigned += size;
        }
        return payloads;
    }
}
