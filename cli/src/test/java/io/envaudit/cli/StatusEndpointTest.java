package io.envaudit.cli;

import io.envaudit.status.Probe;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The process's /metrics, /health and /ready over real HTTP: bound before anything starts, the parts' answers once served. */
class StatusEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(StatusEndpoint status, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + status.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void untilTheAuditorIsServedTheProbesSayStartingAndTheRegistryIsScraped() throws Exception {
        try (StatusEndpoint status = StatusEndpoint.bind(new InetSocketAddress("127.0.0.1", 0))) {
            status.meters().counter("envaudit_test_early").increment();
            HttpResponse<String> health = get(status, "/health");
            assertEquals(503, health.statusCode());
            assertTrue(health.body().contains("starting"), health.body());
            assertEquals(503, get(status, "/ready").statusCode());
            HttpResponse<String> metrics = get(status, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("envaudit_test_early_total 1.0"), metrics.body());
        }
    }

    @Test
    void onceServedEveryPartAnswersByName() throws Exception {
        try (StatusEndpoint status = StatusEndpoint.bind(new InetSocketAddress("127.0.0.1", 0))) {
            status.add("router", () -> Probe.Answer.yes("running"), () -> Probe.Answer.no("joining its group"));
            status.serve(() -> "served_by_the_auditor 1\n", () -> Probe.Answer.yes("RUNNING"), () -> Probe.Answer.yes("ready"));
            HttpResponse<String> health = get(status, "/health");
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("auditor: RUNNING; router: running"), health.body());
            HttpResponse<String> ready = get(status, "/ready");
            assertEquals(503, ready.statusCode(), "the router is not ready yet");
            assertTrue(ready.body().contains("auditor: ready; router: joining its group"), ready.body());
            assertEquals("served_by_the_auditor 1\n", get(status, "/metrics").body());
            assertThrows(IllegalStateException.class, () -> status.add("late", () -> Probe.Answer.yes(""), () -> Probe.Answer.yes("")));
        }
    }

    @Test
    void anAddressInUseIsRefusedNamingIt() throws Exception {
        try (StatusEndpoint first = StatusEndpoint.bind(new InetSocketAddress("127.0.0.1", 0))) {
            IOException refused = assertThrows(IOException.class,
                    () -> StatusEndpoint.bind(new InetSocketAddress("127.0.0.1", first.port())));
            assertTrue(refused.getMessage().startsWith("cannot serve metrics on 127.0.0.1:" + first.port() + ": "), refused.getMessage());
        }
    }
}
