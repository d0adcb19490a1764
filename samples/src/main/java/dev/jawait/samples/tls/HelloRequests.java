package dev.jawait.samples.tls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The HTTP side of {@link HttpsHelloServer}, kept apart from the I/O: takes the bytes one read
 * delivered, answers every complete request head in them with "Hello, World!", and keeps only
 * an incomplete head (usually nothing) until the next read. HTTP/1.1 keep-alive and pipelining;
 * {@code Connection: close}, HTTP/1.0, methods other than GET/HEAD (405) and heads over 16 KiB
 * (431) end the connection after their answer. Request bodies are not supported.
 *
 * <pre>{@code
 * HelloRequests requests = new HelloRequests();
 * ByteBuffer replies = requests.answer(bytesRead);   // null: nothing complete yet
 * if (!requests.open()) ... close after writing the replies
 * }</pre>
 */
final class HelloRequests {
    static final String BODY = "Hello, World!";
    static final int MAX_HEAD = 16 * 1024;

    private String partial = ""; // an incomplete head, Latin-1
    private boolean open = true;

    /** False once a request asked to close (after its answer). */
    boolean open() {
        return open;
    }

    /** Answers the complete heads in {@code in} (and before it); null when there is nothing to send. */
    ByteBuffer answer(ByteBuffer in) {
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        String text = partial + new String(bytes, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int end;
        while (open && (end = text.indexOf("\r\n\r\n")) >= 0) {
            respond(text.substring(0, end), out);
            text = text.substring(end + 4);
        }
        if (open && text.length() > MAX_HEAD) {
            reply(out, "431 Request Header Fields Too Large", "", true);
        }
        partial = open ? text : "";
        return out.size() == 0 ? null : ByteBuffer.wrap(out.toByteArray());
    }

    private void respond(String head, ByteArrayOutputStream out) {
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        boolean http11 = requestLine.length == 3 && requestLine[2].equals("HTTP/1.1");
        boolean close = !http11;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("connection:")) {
                close = line.contains("close") || (!http11 && !line.contains("keep-alive"));
            }
        }
        String method = requestLine[0];
        if (!method.equals("GET") && !method.equals("HEAD")) {
            reply(out, "405 Method Not Allowed", "", true);
        } else {
            reply(out, "200 OK", method.equals("HEAD") ? null : BODY, close);
        }
    }

    /** {@code body} null: HEAD (the length of the hello, no body). */
    private void reply(ByteArrayOutputStream out, String status, String body, boolean close) {
        String response = "HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + (body == null ? BODY.length() : body.length()) + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n" + (body == null ? "" : body);
        out.writeBytes(response.getBytes(StandardCharsets.ISO_8859_1));
        if (close) {
            open = false;
        }
    }
}
