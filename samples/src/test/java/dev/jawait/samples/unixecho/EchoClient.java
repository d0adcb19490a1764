package dev.jawait.samples.unixecho;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.net.UnixStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A client of the Unix echo server written with jawait itself: one task writes the payload and
 * half-closes while the other reads the echo back, so neither side's buffers have to hold it all.
 *
 * <pre>{@code
 * byte[] echoed = runtime.blockOn(EchoClientAsync.roundTrip(path, payload));
 * }</pre>
 */
final class EchoClient {
    private EchoClient() {}

    @Async
    static byte[] roundTrip(Path path, byte[] payload) throws IOException {
        try (UnixStream socket = await(UnixStream.connect(path))) {
            JoinHandle<Void> writer = Task.spawn(EchoClientAsync.sendAll(socket, payload));
            ByteBuffer echoed = ByteBuffer.allocate(payload.length);
            await(socket.readExact(echoed));
            if (await(socket.read(ByteBuffer.allocate(1))) != -1) {
                throw new IOException("the server echoed more than was sent");
            }
            await(writer);
            return echoed.array();
        }
    }

    /**
     * Writes in 256 KiB slices: the JDK copies a heap buffer's whole remainder into a temporary
     * direct buffer on every write call, so one writeAll of 64 MiB would copy far more than it
     * sends (the socket takes a few hundred KiB per call).
     */
    @Async
    static void sendAll(UnixStream socket, byte[] payload) throws IOException {
        for (int offset = 0; offset < payload.length; offset += SLICE) {
            await(socket.writeAll(ByteBuffer.wrap(payload, offset, Math.min(SLICE, payload.length - offset))));
        }
        socket.shutdownOutput();
    }

    private static final int SLICE = 256 * 1024;
}
