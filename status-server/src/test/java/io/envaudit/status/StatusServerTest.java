package io.envaudit.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoints over real HTTP on loopback, answering from state that the test changes between requests. */
class StatusServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Probe.Answer> health = new AtomicReference<>(Probe.Answer.yes("RUNNING"));
    private final AtomicReference<Probe.Answer> ready = new AtomicReference<>(Probe.Answer.no("REBALANCING, not ready"));
    private final AtomicInteger scrapes = new AtomicInteger();
    private StatusServer server;

    @BeforeEach
    void start() throws Exception {
        server = StatusServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> "# TYPE scrapes counter\nscrapes_total " + scrapes.incrementAndGet() + "\n", health::get, ready::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreReadAtEachScrapeInPrometheusTextFormat() throws Exception {
        HttpResponse<String> first = send("GET", "/metrics");
        assertEquals(200, first.statusCode());
        assertEquals(StatusServer.METRICS_CONTENT_TYPE, first.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("# TYPE scrapes counter\nscrapes_total 1\n", first.body());
        assertEquals("# TYPE scrapes counter\nscrapes_total 2\n", send("GET", "/metrics").body());
    }

    @Test
    void healthAndReadinessFollowTheProbesAtEachRequest() throws Exception {
        assertEquals(200, send("GET", "/health").statusCode());
        HttpResponse<String> notReady = send("GET", "/ready");
        assertEquals(503, notReady.statusCode());
        assertEquals("REBALANCING, not ready\n", notReady.body());

        ready.set(Probe.Answer.yes("ready"));
        assertEquals(200, send("GET", "/ready").statusCode());
        health.set(Probe.Answer.no("ERROR"));
        HttpResponse<String> dead = send("GET", "/health");
        assertEquals(503, dead.statusCode());
        assertEquals("ERROR\n", dead.body());
    }

    @Test
    void headAnswersWithoutABodyAndOtherMethodsAndPathsAreRefused() throws Exception {
        HttpResponse<String> head = send("HEAD", "/ready");
        assertEquals(503, head.statusCode());
        assertEquals("", head.body());
        HttpResponse<String> post = send("POST", "/metrics");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        assertEquals(0, scrapes.get(), "neither HEAD on /ready nor POST scraped");
        assertEquals(404, send("GET", "/metricsx").statusCode(), "paths are matched whole, not by prefix");
        assertEquals(404, send("GET", "/").statusCode());
    }

    @Test
    void aProbeThatFailsIsAnErrorAnswerNotADroppedConnection() throws Exception {
        health.set(null);
        HttpResponse<String> failed = send("GET", "/health");
        assertEquals(500, failed.statusCode());
        assertTrue(failed.body().startsWith("/health failed: java.lang.NullPointerException"), failed.body());
    }
}
