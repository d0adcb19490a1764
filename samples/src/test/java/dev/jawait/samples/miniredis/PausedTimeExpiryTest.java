package dev.jawait.samples.miniredis;

import static dev.jawait.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jawait.Async;
import dev.jawait.net.TcpStream;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.time.Time;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * mini-redis on a runtime whose time is paused: a key set to live a day expires when the test
 * advances the runtime's clock by a day and a millisecond, without waiting a day. The client is a
 * task on the same runtime, so the runtime is never idle (and paused time never jumps on its own)
 * between the commands.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PausedTimeExpiryTest {
    @Test
    void aKeyWithADayToLiveExpiresWhenTheClockIsAdvancedADay() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build();
                MiniRedis server = MiniRedis.start(rt, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            List<String> replies = rt.blockOn(rt.spawn(PausedTimeExpiryTestAsync.setAdvanceGet(server.address())));
            assertEquals(List.of("+OK\r\n", "$1\r\nv\r\n", ":86400\r\n", "$1\r\nv\r\n", "$-1\r\n"), replies);
        }
    }

    @Async
    static List<String> setAdvanceGet(InetSocketAddress address) throws IOException {
        List<String> replies = new ArrayList<>();
        TcpStream socket = await(TcpStream.connect(address));
        try {
            replies.add(await(PausedTimeExpiryTestAsync.call(socket, 5, "SET", "k", "v", "PX", "86400000")));
            replies.add(await(PausedTimeExpiryTestAsync.call(socket, 7, "GET", "k")));
            replies.add(await(PausedTimeExpiryTestAsync.call(socket, 8, "TTL", "k")));
            await(Time.advance(Duration.ofDays(1).minusMillis(1)));
            replies.add(await(PausedTimeExpiryTestAsync.call(socket, 7, "GET", "k")));
            await(Time.advance(Duration.ofMillis(2)));
            replies.add(await(PausedTimeExpiryTestAsync.call(socket, 5, "GET", "k")));
        } finally {
            socket.close();
        }
        return replies;
    }

    /** Sends one command and reads a reply of exactly {@code replyBytes} bytes. */
    @Async
    static String call(TcpStream socket, int replyBytes, String... args) throws IOException {
        StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            command.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        await(socket.writeAll(ByteBuffer.wrap(command.toString().getBytes(StandardCharsets.US_ASCII))));
        ByteBuffer reply = ByteBuffer.allocate(replyBytes);
        await(socket.readExact(reply));
        return new String(reply.array(), StandardCharsets.US_ASCII);
    }
}
