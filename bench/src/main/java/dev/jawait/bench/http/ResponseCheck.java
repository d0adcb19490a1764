package dev.jawait.bench.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Verifies that a server answers exactly like the jawait HTTP sample before it is measured:
 * three pipelined keep-alive requests in one write must give exactly three copies of
 * {@link HelloProtocol#RESPONSE}, and a {@code Connection: close} request must get one more
 * (optionally announcing {@code Connection: close}) and end the stream.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.jawait.bench.http.ResponseCheck 127.0.0.1 8080   # exit 0 = same bytes
 * }</pre>
 */
public final class ResponseCheck {
    /** Also accepted as the last reply: the same response announcing the close (valid HTTP, not on the measured path). */
    static final byte[] CLOSE_RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"
            + "Connection: close\r\n\r\nHello, World!").getBytes(StandardCharsets.US_ASCII);

    private ResponseCheck() {}

    /** Runs both checks; returns a description of the first mismatch, or null when all match. */
    public static String check(String host, int port) throws IOException {
        byte[] three = new byte[HelloProtocol.SAMPLE_REQUEST.length * 3];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(HelloProtocol.SAMPLE_REQUEST, 0, three, i * HelloProtocol.SAMPLE_REQUEST.length,
                    HelloProtocol.SAMPLE_REQUEST.length);
        }
        byte[] expected = new byte[HelloProtocol.RESPONSE.length * 3];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(HelloProtocol.RESPONSE, 0, expected, i * HelloProtocol.RESPONSE.length,
                    HelloProtocol.RESPONSE.length);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(three);
            byte[] got = s.getInputStream().readNBytes(expected.length);
            if (!Arrays.equals(got, expected)) {
                return "pipelined responses differ: got \"" + printable(got) + "\"";
            }
            byte[] close = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(close);
            byte[] rest = readToEnd(s.getInputStream());
            if (!Arrays.equals(rest, HelloProtocol.RESPONSE) && !Arrays.equals(rest, CLOSE_RESPONSE)) {
                return "Connection: close reply differs or stream not closed: got \"" + printable(rest) + "\"";
            }
            if (Arrays.equals(rest, CLOSE_RESPONSE)) {
                System.out.println("note: " + host + ":" + port + " adds a Connection: close header to its last reply");
            }
        }
        return null;
    }

    public static void main(String[] args) throws IOException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
        String mismatch = check(host, port);
        if (mismatch != null) {
            System.err.println("MISMATCH " + host + ":" + port + ": " + mismatch);
            System.exit(1);
        }
        System.out.println("OK " + host + ":" + port + " answers the jawait sample's exact bytes");
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            if (out.size() > 64 * 1024) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static String printable(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
    }
}
