package io.envaudit.router.delivery;

import io.envaudit.router.ResettingServer;
import io.envaudit.router.WebhookServer;
import io.envaudit.router.WebhookServer.Reply;
import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.config.RoutesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each answer of a real HTTP server comes to: delivered, worth retrying, or a configuration error. */
class ReceiverClientTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path dir;

    /** A webhook receiver whose URL (with its secret path) comes from a variable. */
    private ReceiverClient client(URI url) throws Exception {
        return client(url, "10s");
    }

    /** One that times out after {@code timeout}: short only where the test waits for it to. */
    private ReceiverClient client(URI url, String timeout) throws Exception {
        Path file = Files.writeString(dir.resolve("routes.yaml"), String.join("\n",
                "receivers:",
                "  - name: hook",
                "    type: webhook",
                "    url_env: HOOK_URL",
                "    token_env: HOOK_TOKEN",
                "    timeout: " + timeout,
                "route:",
                "  receiver: hook", ""));
        RoutesConfig routes = RoutesFile.load(file, Map.of("HOOK_URL", url.toString(), "HOOK_TOKEN", "SECRET-TOKEN"));
        ReceiverConfig receiver = routes.receivers().get("hook");
        return new ReceiverClient(receiver, HTTP, "envaudit-router/test");
    }

    @Test
    void a2xxIsDeliveredAndTheRequestCarriesTheJsonTheKeyAndTheToken() throws Exception {
        try (WebhookServer server = WebhookServer.start()) {
            server.script(Reply.status(202, ""));
            PostResult result = client(server.url("/hooks/SECRET-PATH")).post("{\"a\":1}", "notification-1");
            assertEquals(new PostResult.Delivered(202), result);
            WebhookServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals("/hooks/SECRET-PATH", request.path());
            assertEquals("{\"a\":1}", request.body());
            assertEquals("application/json", request.header("Content-Type"));
            assertEquals("notification-1", request.header("Idempotency-Key"));
            assertEquals("Bearer SECRET-TOKEN", request.header("Authorization"));
        }
    }

    @Test
    void a429IsRetriedAfterWhatRetryAfterSays() throws Exception {
        try (WebhookServer server = WebhookServer.start()) {
            server.script(Reply.rateLimited(7));
            PostResult.Retry retry = assertInstanceOf(PostResult.Retry.class, client(server.url("/h")).post("{}", "n"));
            assertEquals(Optional.of(Duration.ofSeconds(7)), retry.retryAfter());
            assertEquals("HTTP 429 'rate_limited' (rate limited)", retry.reason());
        }
    }

    @Test
    void serverErrorsAreRetriedAndTheirBodyQuotedWithoutSecrets() throws Exception {
        try (WebhookServer server = WebhookServer.start()) {
            URI url = server.url("/hooks/SECRET-PATH");
            server.script(Reply.status(503, "upstream " + url + " is down; token SECRET-TOKEN"));
            PostResult.Retry retry = assertInstanceOf(PostResult.Retry.class, client(url).post("{}", "n"));
            assertEquals(Optional.empty(), retry.retryAfter());
            assertEquals("HTTP 503 'upstream <hidden> is down; token <hidden>'", retry.reason());
        }
    }

    @Test
    void otherClientErrorsAndRedirectsAreConfigurationErrors() throws Exception {
        try (WebhookServer server = WebhookServer.start()) {
            server.script(Reply.status(404, "no_service"), Reply.status(301, ""));
            ReceiverClient client = client(server.url("/h"));
            PostResult.Rejected notFound = assertInstanceOf(PostResult.Rejected.class, client.post("{}", "n"));
            assertEquals("HTTP 404 'no_service': the receiver refused the message; check its URL, token and payload type",
                    notFound.reason());
            PostResult.Rejected moved = assertInstanceOf(PostResult.Rejected.class, client.post("{}", "n"));
            assertTrue(moved.reason().startsWith("HTTP 301: the receiver's URL redirects"), moved.reason());
        }
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetried() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (WebhookServer server = WebhookServer.start()) {
            server.script(Reply.hang(release));
            PostResult.Retry retry = assertInstanceOf(PostResult.Retry.class, client(server.url("/h"), "300ms").post("{}", "n"));
            assertEquals("no answer within 300 ms", retry.reason());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aResetConnectionIsRetriedAndTheReasonHidesTheUrl() throws Exception {
        try (ResettingServer server = ResettingServer.start()) {
            URI url = server.url("/hooks/SECRET-PATH");
            PostResult.Retry retry = assertInstanceOf(PostResult.Retry.class, client(url).post("{}", "n"));
            assertTrue(retry.reason().startsWith("the connection failed: "), retry.reason());
            assertFalse(retry.reason().contains("SECRET"), retry.reason());
            assertEquals(1, server.connections());
        }
    }

    @Test
    void nobodyListeningIsRetried() throws Exception {
        URI closed;
        try (WebhookServer server = WebhookServer.start()) {
            closed = server.url("/h");
        }
        assertInstanceOf(PostResult.Retry.class, client(closed).post("{}", "n"));
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), ReceiverClient.parseRetryAfter(" 120 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), ReceiverClient.parseRetryAfter("Mon, 30 Nov 2026 12:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), ReceiverClient.parseRetryAfter("Mon, 30 Nov 2026 11:00:00 GMT", now));
        assertEquals(Optional.empty(), ReceiverClient.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), ReceiverClient.parseRetryAfter("-5", now));
    }
}
