package dev.jawait.samples.miniredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.args.ClientAttributeOption;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * Jedis, a real Java Redis client from Maven Central, drives every command mini-redis supports
 * through its own API (and its connection handshake, pub/sub listener and error handling). The
 * same script runs against mini-redis and, where one can be had ({@link RealRedis}), against a
 * real redis-server: on each server every result must be the expected one, and the two servers'
 * results are compared step by step (TTLs within a second; the few answers that legitimately
 * differ — INFO, CLIENT ID, COMMAND COUNT and DOCS, CONFIG GET port — are checked for their form
 * only). So the expected values themselves are checked against Redis wherever it is installed.
 */
@Timeout(120)
class JedisTest {
    private static final List<Throwable> failures = TestRuntimes.failureList();
    private static AsyncRuntime runtime;
    private static MiniRedis miniRedis;

    @BeforeAll
    static void start() throws Exception {
        runtime = TestRuntimes.twoWorkers(failures);
        miniRedis = MiniRedis.start(runtime, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stop() {
        miniRedis.close();
        runtime.close();
        assertEquals(List.of(), failures, "no task failed unhandled");
    }

    @Test
    void everyCommandThroughJedisGivesTheExpectedResults() throws Exception {
        Script script = run(miniRedis.address());
        assertTrue(script.steps.size() > 100, "steps: " + script.steps.size());
    }

    @Test
    void jedisGetsTheSameResultsFromMiniRedisAsFromARealRedis() throws Exception {
        try (RealRedis redis = RealRedis.startOrSkip()) {
            Script real = run(redis.address());
            Script mini = run(miniRedis.address());
            assertEquals(real.names(), mini.names());
            for (int i = 0; i < real.steps.size(); i++) {
                Step r = real.steps.get(i);
                Step m = mini.steps.get(i);
                if (r.tolerance() < 0) {
                    continue; // differs by nature (INFO, CLIENT ID, ...): its form was checked on both
                }
                if (r.tolerance() > 0) {
                    long difference = Math.abs((Long) r.value() - (Long) m.value());
                    long allowed = Math.max(r.tolerance(), m.tolerance()); // each with its own run's stalls
                    assertTrue(difference <= allowed, r.name() + ": redis " + r.value() + ", mini-redis " + m.value());
                } else {
                    assertEquals(r.value(), m.value(), r.name());
                }
            }
        }
    }

    /** One observed result: compared exactly (tolerance 0), within a tolerance, or not at all (-1). */
    record Step(String name, Object value, long tolerance) {}

    /** The results of one run of the script, each checked as it was observed. */
    static final class Script {
        final List<Step> steps = new ArrayList<>();

        void equal(String name, Object actual, Object expected) {
            assertEquals(expected, actual, name);
            steps.add(new Step(name, actual, 0));
        }

        /** When the command that set the TTL the next {@link #near} reads was sent. */
        private long markedAt = System.nanoTime();

        /** Starts the clock for the TTL read that follows: the command that sets the TTL is next. */
        void mark() {
            markedAt = System.nanoTime();
        }

        /**
         * A TTL read, {@code expected} within {@code tolerance} plus the time since {@link #mark()}
         * (in whole {@code unit}s): a loaded machine may stall the round trips between the
         * command that set the TTL and this read for a second or more.
         */
        void near(String name, long actual, long expected, long tolerance, TimeUnit unit) {
            long stalled = unit.convert(System.nanoTime() - markedAt, TimeUnit.NANOSECONDS);
            long allowed = tolerance + stalled;
            assertTrue(Math.abs(actual - expected) <= allowed, name + ": " + actual + ", expected about " + expected
                    + " (within " + allowed + " " + unit + ")");
            steps.add(new Step(name, actual, allowed));
        }

        <T> void form(String name, T actual, Predicate<T> ok) {
            assertTrue(ok.test(actual), name + ": " + actual);
            steps.add(new Step(name, null, -1));
        }

        List<String> names() {
            return steps.stream().map(Step::name).toList();
        }
    }

    private static Jedis connect(InetSocketAddress address) {
        return new Jedis(new HostAndPort(address.getHostString(), address.getPort()),
                DefaultJedisClientConfig.builder().timeoutMillis(10_000).build());
    }

    private static Script run(InetSocketAddress address) throws Exception {
        Script s = new Script();
        try (Jedis j = connect(address)) {
            s.equal("FLUSHALL", j.flushAll(), "OK");
            connectionCommands(j, s);
            strings(j, s);
            set(j, s);
            counters(j, s);
            keyspace(j, s);
            expiry(j, s);
            errors(j, s);
        }
        pubSub(address, s);
        quit(address, s);
        try (Jedis j = connect(address)) {
            s.equal("FLUSHDB", j.flushDB(), "OK");
            s.equal("DBSIZE after FLUSHDB", j.dbSize(), 0L);
        }
        return s;
    }

    private static void connectionCommands(Jedis j, Script s) {
        s.equal("PING", j.ping(), "PONG");
        s.equal("PING message", j.ping("hello"), "hello");
        s.equal("ECHO", j.echo("echo me"), "echo me");
        s.equal("ECHO binary", Arrays.toString(j.echo(new byte[] {0, (byte) 0xff, '\r', '\n'})), "[0, -1, 13, 10]");
        s.equal("SELECT 0", j.select(0), "OK");
        JedisDataException e = assertThrows(JedisDataException.class, () -> j.select(16)); // Redis has 0..15, mini-redis 0
        s.equal("SELECT 16", e.getMessage(), "ERR DB index is out of range");
        s.equal("CLIENT SETNAME", j.clientSetname("jedis-test"), "OK");
        s.equal("CLIENT GETNAME", j.clientGetname(), "jedis-test");
        s.form("CLIENT ID", j.clientId(), id -> id > 0);
        String setInfo; // Redis 7.2 added it; Debian's 7.0 does not know it yet
        try {
            setInfo = j.clientSetInfo(ClientAttributeOption.LIB_NAME, "jawait-test");
        } catch (JedisDataException unknownIn70) {
            setInfo = unknownIn70.getMessage();
        }
        s.form("CLIENT SETINFO", setInfo,
                r -> r.equals("OK") || r.equals("ERR unknown subcommand 'SETINFO'. Try CLIENT HELP."));
        s.form("INFO", j.info(), info -> info.contains("redis_version:") && info.contains("connected_clients:"));
        s.form("COMMAND COUNT", j.commandCount(), n -> n > 30);
        s.form("COMMAND DOCS", j.commandDocs("get"), docs -> docs.isEmpty() || docs.containsKey("get"));
        s.form("COMMAND LIST", j.commandList(), names -> names.isEmpty() || names.contains("get"));
        s.equal("CONFIG RESETSTAT", j.configResetStat(), "OK");
        s.equal("CONFIG GET save", j.configGet("save"), Map.of("save", ""));
        s.equal("CONFIG GET appendonly", j.configGet("appendonly"), Map.of("appendonly", "no"));
        s.equal("CONFIG GET unknown", j.configGet("no-such-parameter"), Map.of());
        s.form("CONFIG GET port", j.configGet("port"), m -> Integer.parseInt(m.get("port")) > 0);
    }

    private static void strings(Jedis j, Script s) {
        s.equal("SET", j.set("s:k", "v1"), "OK");
        s.equal("GET", j.get("s:k"), "v1");
        s.equal("GET missing", j.get("s:missing"), null);
        s.equal("STRLEN", j.strlen("s:k"), 2L);
        s.equal("STRLEN missing", j.strlen("s:missing"), 0L);
        s.equal("SETNX existing", j.setnx("s:k", "v2"), 0L);
        s.equal("SETNX new", j.setnx("s:new", "v2"), 1L);
        s.equal("MSET", j.mset("s:a", "1", "s:b", "2", "s:c", "3"), "OK");
        s.equal("MGET", j.mget("s:a", "s:missing", "s:c"), Arrays.asList("1", null, "3"));
        byte[] binary = {0, 1, 2, (byte) 0x80, (byte) 0xff, '\r', '\n', '$', '*'};
        s.equal("SET binary", j.set("s:bin".getBytes(StandardCharsets.UTF_8), binary), "OK");
        s.equal("GET binary", Arrays.toString(j.get("s:bin".getBytes(StandardCharsets.UTF_8))), Arrays.toString(binary));
        String big = "x".repeat(2 << 20);
        s.equal("SET 2 MB", j.set("s:big", big), "OK");
        s.equal("GET 2 MB", j.get("s:big").equals(big), true);
        s.equal("STRLEN 2 MB", j.strlen("s:big"), (long) big.length());
    }

    private static void set(Jedis j, Script s) {
        s.equal("SET NX", j.set("o:k", "v", SetParams.setParams().nx()), "OK");
        s.equal("SET NX on existing", j.set("o:k", "v", SetParams.setParams().nx()), null);
        s.equal("SET XX", j.set("o:k", "w", SetParams.setParams().xx()), "OK");
        s.equal("SET XX on missing", j.set("o:missing", "w", SetParams.setParams().xx()), null);
        s.mark();
        s.equal("SET EX", j.set("o:k", "w", SetParams.setParams().ex(100)), "OK");
        s.near("TTL after SET EX", j.ttl("o:k"), 100, 1, TimeUnit.SECONDS);
        s.equal("SET KEEPTTL", j.set("o:k", "x", SetParams.setParams().keepTtl()), "OK");
        s.near("TTL after KEEPTTL", j.ttl("o:k"), 100, 1, TimeUnit.SECONDS);
        s.mark();
        s.equal("SET PX", j.set("o:k", "y", SetParams.setParams().px(200_000)), "OK");
        s.near("PTTL after SET PX", j.pttl("o:k"), 200_000, 1000, TimeUnit.MILLISECONDS);
        s.mark();
        long nowSeconds = System.currentTimeMillis() / 1000;
        s.equal("SET EXAT", j.set("o:k", "z", SetParams.setParams().exAt(nowSeconds + 300)), "OK");
        s.near("TTL after SET EXAT", j.ttl("o:k"), 300, 2, TimeUnit.SECONDS);
        s.equal("SET PXAT", j.set("o:k", "z", SetParams.setParams().pxAt((nowSeconds + 400) * 1000)), "OK");
        s.near("TTL after SET PXAT", j.ttl("o:k"), 400, 2, TimeUnit.SECONDS);
        s.equal("SET clears the TTL", j.set("o:k", "plain"), "OK");
        s.equal("TTL after plain SET", j.ttl("o:k"), -1L);
        s.equal("SET GET", j.setGet("o:k", "new"), "plain");
        s.equal("SET GET missing", j.setGet("o:missing", "first"), null);
        s.equal("SET NX GET existing", j.setGet("o:k", "ignored", SetParams.setParams().nx()), "new");
        s.equal("GET after NX GET", j.get("o:k"), "new");
        s.mark();
        s.equal("SET XX GET EX", j.setGet("o:k", "newer", SetParams.setParams().xx().ex(50)), "new");
        s.near("TTL after XX GET EX", j.ttl("o:k"), 50, 1, TimeUnit.SECONDS);
        s.equal("SET PXAT past", j.set("o:past", "v", SetParams.setParams().pxAt(1)), "OK");
        s.equal("GET expired at once", j.get("o:past"), null);
        JedisDataException e = assertThrows(JedisDataException.class,
                () -> j.set("o:k", "v", SetParams.setParams().ex(0)));
        s.equal("SET EX 0", e.getMessage(), "ERR invalid expire time in 'set' command");
    }

    private static void counters(Jedis j, Script s) {
        s.equal("INCR new", j.incr("c:n"), 1L);
        s.equal("INCRBY", j.incrBy("c:n", 41), 42L);
        s.equal("DECR", j.decr("c:n"), 41L);
        s.equal("DECRBY", j.decrBy("c:n", 50), -9L);
        s.equal("GET counter", j.get("c:n"), "-9");
        j.set("c:max", Long.toString(Long.MAX_VALUE));
        JedisDataException e = assertThrows(JedisDataException.class, () -> j.incr("c:max"));
        s.equal("INCR overflow", e.getMessage(), "ERR increment or decrement would overflow");
        j.set("c:text", "abc");
        e = assertThrows(JedisDataException.class, () -> j.incrBy("c:text", 2));
        s.equal("INCRBY not an integer", e.getMessage(), "ERR value is not an integer or out of range");
        e = assertThrows(JedisDataException.class, () -> j.decrBy("c:n", Long.MIN_VALUE));
        s.equal("DECRBY LONG_MIN", e.getMessage(), "ERR decrement would overflow");
    }

    private static void keyspace(Jedis j, Script s) {
        s.equal("MSET users", j.mset("user:1", "a", "user:2", "b", "item:1", "c"), "OK");
        s.equal("KEYS user:*", new TreeSet<>(j.keys("user:*")), new TreeSet<>(Set.of("user:1", "user:2")));
        s.equal("KEYS glob class", new TreeSet<>(j.keys("[iu]*:1")), new TreeSet<>(Set.of("user:1", "item:1")));
        s.equal("KEYS pathological", j.keys("a*".repeat(20) + "b"), Set.of());
        s.equal("EXISTS", j.exists("user:1", "user:1", "user:9"), 2L);
        s.equal("EXISTS one", j.exists("user:2"), true);
        s.equal("TYPE string", j.type("user:1"), "string");
        s.equal("TYPE none", j.type("user:9"), "none");
        s.equal("DEL", j.del("user:1", "user:2", "user:9"), 2L);
        s.equal("EXISTS after DEL", j.exists("user:1"), false);
        s.equal("DBSIZE", j.dbSize(), (long) j.keys("*").size());
    }

    private static void expiry(Jedis j, Script s) {
        j.set("e:k", "v");
        s.equal("TTL no expiry", j.ttl("e:k"), -1L);
        s.equal("TTL missing", j.ttl("e:missing"), -2L);
        s.equal("PTTL missing", j.pttl("e:missing"), -2L);
        s.equal("EXPIRE XX without TTL", j.expire("e:k", 100, ExpiryOption.XX), 0L);
        s.equal("EXPIRE GT without TTL", j.expire("e:k", 100, ExpiryOption.GT), 0L);
        s.equal("EXPIRE NX", j.expire("e:k", 100, ExpiryOption.NX), 1L);
        s.equal("EXPIRE NX again", j.expire("e:k", 100, ExpiryOption.NX), 0L);
        s.mark();
        s.equal("EXPIRE GT longer", j.expire("e:k", 200, ExpiryOption.GT), 1L);
        s.equal("EXPIRE LT longer", j.expire("e:k", 300, ExpiryOption.LT), 0L);
        s.near("TTL after EXPIRE", j.ttl("e:k"), 200, 1, TimeUnit.SECONDS);
        s.mark();
        s.equal("EXPIRE GT XX", j.sendCommand(Protocol.Command.EXPIRE, "e:k", "250", "GT", "XX"), 1L);
        s.near("TTL after GT XX", j.ttl("e:k"), 250, 1, TimeUnit.SECONDS);
        s.mark();
        s.equal("PEXPIRE", j.pexpire("e:k", 150_000), 1L);
        s.near("PTTL after PEXPIRE", j.pttl("e:k"), 150_000, 1000, TimeUnit.MILLISECONDS);
        s.equal("PEXPIRE LT", j.pexpire("e:k", 100_000, ExpiryOption.LT), 1L);
        s.mark();
        long nowSeconds = System.currentTimeMillis() / 1000;
        s.equal("EXPIREAT", j.expireAt("e:k", nowSeconds + 500), 1L);
        s.near("TTL after EXPIREAT", j.ttl("e:k"), 500, 2, TimeUnit.SECONDS);
        s.equal("PEXPIREAT GT", j.pexpireAt("e:k", (nowSeconds + 600) * 1000, ExpiryOption.GT), 1L);
        s.near("TTL after PEXPIREAT", j.ttl("e:k"), 600, 2, TimeUnit.SECONDS);
        s.equal("PERSIST", j.persist("e:k"), 1L);
        s.equal("PERSIST again", j.persist("e:k"), 0L);
        s.equal("TTL after PERSIST", j.ttl("e:k"), -1L);
        s.equal("EXPIRE missing", j.expire("e:missing", 10), 0L);
        JedisDataException e = assertThrows(JedisDataException.class,
                () -> j.sendCommand(Protocol.Command.EXPIRE, "e:k", "-9223372036854776"));
        s.equal("EXPIRE overflow", e.getMessage(), "ERR invalid expire time in 'expire' command");
        s.equal("GET after the overflow", j.get("e:k"), "v");
        e = assertThrows(JedisDataException.class,
                () -> j.sendCommand(Protocol.Command.EXPIRE, "e:k", "100", "GT", "LT"));
        s.equal("EXPIRE GT LT", e.getMessage(), "ERR GT and LT options at the same time are not compatible");
        e = assertThrows(JedisDataException.class,
                () -> j.sendCommand(Protocol.Command.EXPIRE, "e:k", "100", "NX", "XX"));
        s.equal("EXPIRE NX XX", e.getMessage(), "ERR NX and XX, GT or LT options at the same time are not compatible");
        s.equal("EXPIRE negative deletes", j.expire("e:k", -1), 1L);
        s.equal("EXISTS after negative EXPIRE", j.exists("e:k"), false);
        j.set("e:short", "v", SetParams.setParams().px(50));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (j.exists("e:short") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        s.equal("a key expires", j.get("e:short"), null);
    }

    private static void errors(Jedis j, Script s) {
        JedisDataException e = assertThrows(JedisDataException.class,
                () -> j.sendCommand(() -> "NOSUCHCOMMAND".getBytes(StandardCharsets.US_ASCII), "a"));
        s.equal("unknown command", e.getMessage(), "ERR unknown command 'NOSUCHCOMMAND', with args beginning with: 'a' ");
        e = assertThrows(JedisDataException.class, () -> j.sendCommand(Protocol.Command.GET));
        s.equal("wrong arity", e.getMessage(), "ERR wrong number of arguments for 'get' command");
        e = assertThrows(JedisDataException.class, () -> j.sendCommand(Protocol.Command.SET, "k", "v", "BOGUS"));
        s.equal("syntax error", e.getMessage(), "ERR syntax error");
        s.equal("still connected", j.ping(), "PONG");
    }

    /** SUBSCRIBE, PUBLISH, PING and UNSUBSCRIBE through Jedis' listener, which runs on its own thread. */
    private static void pubSub(InetSocketAddress address, Script s) throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                events.add("subscribe " + channel + " " + count);
            }

            @Override
            public void onMessage(String channel, String message) {
                events.add("message " + channel + " " + message);
            }

            @Override
            public void onPong(String message) {
                events.add("pong [" + message + "]");
            }

            @Override
            public void onUnsubscribe(String channel, int count) {
                events.add("unsubscribe " + channel + " " + count);
            }
        };
        try (Jedis subscriber = connect(address); Jedis publisher = connect(address)) {
            Thread listening = new Thread(() -> subscriber.subscribe(listener, "news", "sport"), "jedis-subscriber");
            listening.start();
            s.equal("subscribed news", next(events), "subscribe news 1");
            s.equal("subscribed sport", next(events), "subscribe sport 2");
            s.equal("PUBLISH", publisher.publish("news", "hello"), 1L);
            s.equal("PUBLISH to nobody", publisher.publish("weather", "rain"), 0L);
            s.equal("message", next(events), "message news hello");
            listener.ping();
            s.equal("PING while subscribed", next(events), "pong []");
            listener.unsubscribe("news");
            s.equal("unsubscribed news", next(events), "unsubscribe news 1");
            s.equal("PUBLISH after UNSUBSCRIBE", publisher.publish("news", "gone"), 0L);
            s.equal("PUBLISH sport", publisher.publish("sport", "goal"), 1L);
            s.equal("message sport", next(events), "message sport goal");
            listener.unsubscribe();
            s.equal("unsubscribed sport", next(events), "unsubscribe sport 0");
            listening.join(10_000);
            s.equal("listener returned", listening.isAlive(), false);
            s.equal("PING after pub/sub", subscriber.ping(), "PONG");
        }
    }

    private static String next(BlockingQueue<String> events) throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        return e == null ? "(nothing within 10 s)" : e;
    }

    /** QUIT answers OK, then the server closes the connection. */
    private static void quit(InetSocketAddress address, Script s) {
        try (Jedis j = connect(address)) {
            Object ok = j.sendCommand(() -> "QUIT".getBytes(StandardCharsets.US_ASCII)); // Jedis 5+ has no quit()
            s.equal("QUIT", new String((byte[]) ok, StandardCharsets.US_ASCII), "OK");
            assertThrows(JedisConnectionException.class, j::ping, "closed after QUIT");
        }
    }
}
