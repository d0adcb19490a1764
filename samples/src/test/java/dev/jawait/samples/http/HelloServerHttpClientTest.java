package dev.jawait.samples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK's own HTTP client against the hello server: plain requests, keep-alive (one
 * connection for many requests, with bodies in between), bodies with {@code Content-Length},
 * chunked and behind {@code Expect: 100-continue}, and the HTTP/2 upgrade offer a default
 * client makes (declined: the answer is HTTP/1.1).
 */
@Timeout(60)
class HelloServerHttpClientTest {
    private HelloServerFixture f;
    private URI uri;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        f = new HelloServerFixture();
        uri = URI.create("http://127.0.0.1:" + f.server.address().getPort() + "/hello?x=1");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, BodyHandlers.ofString());
    }

    @Test
    void getAndHead() throws Exception {
        HttpResponse<String> get = send(request().GET().build());
        assertEquals(200, get.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, get.version());
        assertEquals("Hello, World!", get.body());
        assertEquals(Optional.of("text/plain"), get.headers().firstValue("content-type"));
        HttpResponse<String> head = send(request().method("HEAD", BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(Optional.of("13"), head.headers().firstValue("content-length"));
    }

    @Test
    void manyRequestsWithBodiesBetweenShareOneConnection() throws Exception {
        int tasksBefore = f.runtime.liveTaskCount();
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = i % 5 == 4
                    ? send(request().POST(BodyPublishers.ofString("x".repeat(10_000))).build())
                    : send(request().GET().build());
            assertEquals(i % 5 == 4 ? 405 : 200, r.statusCode());
        }
        // One connection task besides the accept loop: the client reused its connection every time.
        assertEquals(tasksBefore + 1, f.runtime.liveTaskCount());
        assertEquals(10 * 10_000, f.server.bodyBytesSkipped());
    }

    @Test
    void aLargeBodyWithContentLengthIsReadPast() throws Exception {
        byte[] body = new byte[8 * 1024 * 1024];
        HttpResponse<String> r = send(request().POST(BodyPublishers.ofByteArray(body)).build());
        assertEquals(405, r.statusCode());
        assertEquals(List.of("GET, HEAD"), r.headers().allValues("allow"));
        assertEquals(body.length, f.server.bodyBytesSkipped());
        assertEquals(200, send(request().GET().build()).statusCode());
    }

    @Test
    void aChunkedBodyIsReadPast() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        // An input stream of unknown length: the client sends it chunked.
        HttpResponse<String> r = send(request().POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
        assertEquals(405, r.statusCode());
        assertTrue(f.server.bodyBytesSkipped() > body.length, f.server.bodyBytesSkipped() + " bytes skipped"); // with the framing
        assertEquals(200, send(request().GET().build()).statusCode());
    }

    @Test
    void expectContinueGetsItsGoAhead() throws Exception {
        HttpResponse<String> r = send(request().expectContinue(true).PUT(BodyPublishers.ofString("some content")).build());
        assertEquals(405, r.statusCode());
        assertEquals("some content".length(), f.server.bodyBytesSkipped());
        assertEquals(200, send(request().GET().build()).statusCode());
    }

    @Test
    void theHttp2UpgradeOfferIsDeclined() throws Exception {
        HttpClient defaultClient = HttpClient.newHttpClient(); // HTTP/2 preferred: offers "Upgrade: h2c"
        HttpResponse<String> r = defaultClient.send(request().GET().build(), BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
        assertEquals("Hello, World!", r.body());
    }
}
