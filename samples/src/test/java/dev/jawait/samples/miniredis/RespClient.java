package dev.jawait.samples.miniredis;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP2 client for tests: replies decode to String (simple and bulk strings),
 * {@link Error}, Long, {@code null} and {@code List<Object>}.
 */
final class RespClient implements AutoCloseable {
    /** An error reply. */
    record Error(String message) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** The bytes of the reply being read, while {@link #readRaw} records them. */
    private ByteArrayOutputStream capture;

    RespClient(InetSocketAddress address) throws IOException {
        this(address, 0);
    }

    /**
     * A client whose socket receive buffer is {@code receiveBuffer} bytes (0: the system's), set
     * before connecting so the TCP window is small: a client that stops reading then stops the
     * server's writes soon.
     */
    RespClient(InetSocketAddress address, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] encode(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes(ISO_8859_1).length).append("\r\n").append(a).append("\r\n");
        }
        return b.toString().getBytes(ISO_8859_1);
    }

    /** Sends one command and reads its reply. */
    Object call(String... args) throws IOException {
        send(args);
        return read();
    }

    void send(String... args) throws IOException {
        out.write(encode(args));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends one command and returns its reply exactly as sent (ISO-8859-1), for byte-for-byte comparisons. */
    String callRaw(String... args) throws IOException {
        send(args);
        return readRaw();
    }

    /** Reads one reply and returns its bytes as they came (ISO-8859-1). */
    String readRaw() throws IOException {
        capture = new ByteArrayOutputStream();
        try {
            read();
            return capture.toString(ISO_8859_1);
        } finally {
            capture = null;
        }
    }

    /** Reads one reply. */
    Object read() throws IOException {
        int type = next();
        if (type < 0) {
            throw new EOFException("connection closed by server");
        }
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new Error(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] b = in.readNBytes(n + 2);
                if (b.length < n + 2) {
                    throw new EOFException("connection closed by server in a bulk reply");
                }
                if (capture != null) {
                    capture.writeBytes(b);
                }
                return new String(b, 0, n, ISO_8859_1);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("bad reply type " + (char) type + line);
        }
    }

    /** True when the server closed the connection (reads end of stream). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = next()) != '\r') {
            if (c < 0) {
                throw new EOFException();
            }
            b.write(c);
        }
        next(); // '\n'
        return b.toString(ISO_8859_1);
    }

    /** One byte of a reply (recorded when {@link #readRaw} asks), -1 at end of stream. */
    private int next() throws IOException {
        int c = in.read();
        if (c >= 0 && capture != null) {
            capture.write(c);
        }
        return c;
    }

    /** Closes with a TCP reset (SO_LINGER 0), as a client that leaves with unread replies does. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
