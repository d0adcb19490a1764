package dev.jawait.samples.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import dev.jawait.slf4j.MdcPropagator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * {@code HelloServer --mdc}: the server answers as without it, and each exchange's debug line
 * carries, in the MDC (logback's, a real one), the request id made from its own connection's
 * task-local — two connections served in turns on two workers never see each other's.
 */
@Timeout(60)
class HelloServerRequestContextTest {

    @Test
    void eachExchangeLogsItsOwnConnectionsRequestId() throws Exception {
        List<Throwable> failures = TestRuntimes.failureList();
        Logger logger = (Logger) LoggerFactory.getLogger(HelloServer.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent e) {
                e.prepareForDeferredProcessing(); // takes the MDC now, on the logging thread
                super.append(e);
            }
        };
        events.start();
        logger.addAppender(events);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // the debug lines go to the list only, not to the console too
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2)
                        .contextPropagator(new MdcPropagator()).unhandledFailureHandler(failures::add).build();
                HelloServer server = HelloServer.startWithRequestContext(runtime,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
                Socket a = connect(server);
                Socket b = connect(server)) {
            for (int i = 0; i < 5; i++) {
                for (Socket s : List.of(a, b)) {
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(ISO_8859_1));
                    assertEquals(HelloServerTest.HELLO,
                            new String(s.getInputStream().readNBytes(HelloServerTest.HELLO.length()), ISO_8859_1));
                }
            }
        } finally {
            logger.detachAppender(events);
            logger.setLevel(level);
            logger.setAdditive(true);
        }
        assertEquals(List.of(), failures);
        // requestId = <connection>-<exchange>, the exchange number being the line's argument.
        Map<String, List<Long>> exchangesByConnection = new TreeMap<>();
        for (ILoggingEvent e : new ArrayList<>(events.list)) {
            String id = e.getMDCPropertyMap().get("requestId");
            long n = (Long) e.getArgumentArray()[0];
            assertTrue(id != null && id.matches("c\\d+-" + n), "requestId " + id + " on exchange " + n);
            exchangesByConnection.computeIfAbsent(id.substring(0, id.indexOf('-')), k -> new ArrayList<>()).add(n);
        }
        assertEquals(2, exchangesByConnection.size(), exchangesByConnection.toString());
        for (List<Long> ns : exchangesByConnection.values()) {
            assertTrue(ns.size() >= 5, ns.toString()); // one per request, more if a wake-up was spurious
            for (int i = 0; i < ns.size(); i++) {
                assertEquals(i + 1, ns.get(i), "exchanges of one connection, in order: " + ns);
            }
        }
    }

    private static Socket connect(HelloServer server) throws Exception {
        Socket s = new Socket();
        s.connect(server.address(), 5000);
        s.setSoTimeout(10_000);
        return s;
    }
}
