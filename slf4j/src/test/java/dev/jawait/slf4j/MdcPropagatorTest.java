package dev.jawait.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.ContextPropagator;
import dev.jawait.sync.Channel;
import dev.jawait.sync.ChannelClosedException;
import dev.jawait.sync.Oneshot;
import dev.jawait.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Issue 20's MDC case: 10,000 concurrent requests on a two-worker runtime, each putting its own
 * id in the MDC, then logging five lines between random sleeps, yields and hops through a
 * channel to a relay task and back: 50,000 lines, each with its own request's id; and between
 * polls a worker's MDC is always empty.
 */
@Timeout(120)
class MdcPropagatorTest {
    private static final int REQUESTS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger("dev.jawait.slf4j.requests");

    private final CapturingAppender appender = new CapturingAppender();

    @BeforeEach
    void capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(context);
        appender.start();
        ch.qos.logback.classic.Logger logger = context.getLogger("dev.jawait.slf4j.requests");
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.setAdditive(false); // keep the 50,000 lines off the console
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger("dev.jawait.slf4j.requests").detachAppender(appender);
        appender.stop();
    }

    /** The MdcPropagator, checking what a worker's MDC holds when a poll begins. */
    private static final class CheckingPropagator implements ContextPropagator<Map<String, String>> {
        private final MdcPropagator mdc = new MdcPropagator();
        private final ThreadLocal<boolean[]> inPoll = ThreadLocal.withInitial(() -> new boolean[1]);
        final AtomicInteger polls = new AtomicInteger();
        final AtomicInteger dirtyWorkers = new AtomicInteger();

        @Override
        public Map<String, String> capture() {
            return mdc.capture();
        }

        @Override
        public Map<String, String> swap(Map<String, String> context) {
            boolean[] in = inPoll.get();
            Map<String, String> previous = mdc.swap(context);
            if (!in[0]) { // entering a poll: previous is what the worker held between polls
                polls.incrementAndGet();
                if (previous != null) {
                    dirtyWorkers.incrementAndGet();
                }
            }
            in[0] = !in[0];
            return previous;
        }
    }

    /** A hop: send a oneshot to the relay task, which answers it from its own task. */
    private record Hop(Oneshot<String> reply) {}

    @Test
    void everyLineCarriesItsOwnRequestsIdAndWorkersStayClean() {
        CheckingPropagator propagator = new CheckingPropagator();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).contextPropagator(propagator).build()) {
            Channel<Hop> relayQueue = Channel.unbounded();
            JoinHandle<Integer> relay = rt.spawn(relay(relayQueue, 0));
            List<JoinHandle<Void>> requests = new ArrayList<>(REQUESTS);
            SplittableRandom seeds = new SplittableRandom(20);
            for (int id = 0; id < REQUESTS; id++) {
                requests.add(rt.spawn(request(id, seeds.split(), relayQueue)));
            }
            for (JoinHandle<Void> r : requests) {
                rt.blockOn(r);
            }
            relayQueue.sender().close();
            assertTrue(rt.blockOn(relay) > 0, "the relay carried hops");

            Map<String, Integer> linesPerRequest = new HashMap<>();
            int requestLines = 0;
            for (CapturingAppender.Line line : appender.lines) {
                if (!line.message().startsWith("request ")) {
                    assertEquals(null, line.mdc().get("requestId"), "the relay has no request id: " + line);
                    continue;
                }
                requestLines++;
                String id = line.message().substring("request ".length(), line.message().indexOf(' ', 8));
                assertEquals(id, line.mdc().get("requestId"), "a foreign id: " + line);
                linesPerRequest.merge(id, 1, Integer::sum);
            }
            assertEquals(REQUESTS * 5, requestLines);
            assertEquals(REQUESTS, linesPerRequest.size());
            assertTrue(linesPerRequest.values().stream().allMatch(n -> n == 5));
            assertEquals(0, propagator.dirtyWorkers.get(), "a worker's MDC was not empty between polls");
            assertTrue(propagator.polls.get() > REQUESTS * 5, "requests really suspended: " + propagator.polls.get());
        }
        assertEquals(null, MDC.getCopyOfContextMap(), "main's MDC untouched");
    }

    /** Puts its id in the MDC, then five log lines, each after a random await. */
    private static Future<Void> request(int id, SplittableRandom random, Channel<Hop> relay) {
        Future<Void> chain = Future.ready(null).map(v -> {
            MDC.put("requestId", Integer.toString(id));
            return null;
        });
        for (int step = 1; step <= 5; step++) {
            int kind = random.nextInt(3);
            int sleepMillis = random.nextInt(3);
            int n = step;
            chain = chain.flatMap(v -> randomAwait(kind, sleepMillis, relay)).map(v -> {
                LOG.info("request {} step {}", id, n);
                return null;
            });
        }
        return chain;
    }

    private static Future<?> randomAwait(int kind, int sleepMillis, Channel<Hop> relay) {
        switch (kind) {
            case 0:
                return Time.sleep(Duration.ofMillis(sleepMillis));
            case 1:
                return Task.yieldNow();
            default:
                Oneshot<String> reply = Oneshot.channel();
                return relay.sender().send(new Hop(reply)).flatMap(v -> reply.receiver().recv());
        }
    }

    /** Answers every hop from its own task (logging without a request id); counts them. */
    private static Future<Integer> relay(Channel<Hop> queue, int answered) {
        return new Future<>() {
            private int count = answered;
            private Future<Optional<Hop>> recv;

            @Override
            public Poll<Integer> poll(Context cx) {
                for (;;) {
                    if (recv == null) {
                        recv = queue.receiver().recv();
                    }
                    Poll<Optional<Hop>> p = recv.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    recv = null;
                    if (p.value().isEmpty()) {
                        return Poll.ready(count);
                    }
                    if (count % 1000 == 0) {
                        LOG.info("relay answered {}", count);
                    }
                    try {
                        p.value().get().reply().sender().send("pong");
                    } catch (ChannelClosedException e) {
                        throw new IllegalStateException(e);
                    }
                    count++;
                }
            }
        };
    }
}
