package io.envaudit.router;

import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.router.config.RoutesFile;
import io.envaudit.router.delivery.RouterMetrics;
import io.envaudit.schemas.AlertNotification;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receivers on HTTPS with a certificate from a private CA (made by keytool): refused, as a configuration
 * error, by a JVM that does not trust the CA; reached by one started with a trust store holding it, as
 * docs/router.md says — directly, or through an HTTP proxy ({@code HTTPS_PROXY}, CONNECT) unless
 * {@code NO_PROXY} names the host; and reached by a receiver whose {@code tls.ca_file} holds the CA, with
 * no trust store, while one whose CA file holds another CA, or whose certificate names another host, is refused.
 */
class ReceiverTlsIT {
    @RegisterExtension
    @Order(1)
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final RouterFixtures fixtures = new RouterFixtures(kafka);

    @TempDir
    static Path dir;

    private static TestCertificates certificates;
    private static Path unrelatedCa;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.create(dir);
        unrelatedCa = TestCertificates.unrelatedAuthority(dir, "unrelated-ca");
    }

    @Test
    void aCertificateThisJvmDoesNotTrustIsAConfigurationErrorNamedWithoutTheSecret() throws Exception {
        RouterFixture fixture = fixtures.create("untrusted.");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (WebhookServer slack = WebhookServer.startHttps(certificates.receiverContext())) {
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 100ms",
                    "receivers:",
                    "  - {name: chat, type: slack, url_env: SLACK_URL, initial_backoff: 10ms, max_attempts: 5}",
                    "route:",
                    "  receiver: chat");
            Map<String, String> environment = Map.of("SLACK_URL", slack.url("/services/T0/B0/SECRET").toString());
            try (RunningRouter router = AlertRouter.start(kafka.clientConfig(), fixture.topics(), RoutesFile.load(routes, environment),
                    RouterSettings.defaults().withGroupId("untrusted").withEnvironment(Map.of()).withMeters(meters))) {
                fixture.publish(List.of(TestAlerts.open().build()));
                fixture.awaitAllCommitted("untrusted");
            }
            AlertNotification dead = fixture.deadLettersUntil(read -> !read.isEmpty()).get(0);
            assertTrue(dead.getReason().startsWith("receiver 'chat': TLS: the receiver's certificate is not accepted ("), dead.getReason());
            assertTrue(dead.getReason().contains("PKIX path building failed"), "the check that failed: " + dead.getReason());
            assertTrue(dead.getReason().contains("tls.ca_file") && dead.getReason().contains("javax.net.ssl.trustStore"),
                    "it says how to trust a private CA: " + dead.getReason());
            assertFalse(dead.getReason().contains("SECRET"), dead.getReason());
            assertFalse(dead.getReason().contains("/services/"), dead.getReason());
            assertEquals(1, meters.get(RouterMetrics.FAILED).tags("receiver", "chat", "outcome", "refused").counter().count());
            assertEquals(0, meters.get(RouterMetrics.RETRIED).tag("receiver", "chat").counter().count(),
                    "not retried: trying again cannot make the certificate trusted");
            assertEquals(List.of(), slack.requests(), "no request gets past the handshake");
        }
    }

    @Test
    void withTheCaInTheJvmsTrustStoreItPostsThroughTheProxyExceptToNoProxyHosts() throws Exception {
        RouterFixture fixture = fixtures.create("trusted.");
        try (WebhookServer receiver = WebhookServer.startHttps(certificates.receiverContext()); ConnectProxy proxy = ConnectProxy.start()) {
            // one server, two names: 127.0.0.1 goes through the proxy, localhost (in NO_PROXY) does not
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 100ms",
                    "receivers:",
                    "  - {name: proxied, type: webhook, url: '" + receiver.url("127.0.0.1", "/proxied") + "'}",
                    "  - {name: direct, type: webhook, url: '" + receiver.url("localhost", "/direct") + "'}",
                    "route:",
                    "  receiver: proxied",
                    "  routes:",
                    "    - {match: {rule: conda-depends}, receiver: proxied, continue: true}",
                    "    - {match: {rule: conda-depends}, receiver: direct}");
            Map<String, String> environment = Map.of("HTTPS_PROXY", proxy.address(), "NO_PROXY", "localhost");
            try (RouterJvm router = RouterJvm.start(kafka, "trusted.", routes, "trusted", environment,
                    certificates.trustStoreOptions())) {
                fixture.publish(List.of(TestAlerts.open().build()));
                fixture.awaitAllCommitted("trusted");
            }
            Set<String> paths = receiver.requests().stream().map(WebhookServer.Request::path).collect(Collectors.toSet());
            assertEquals(Set.of("/proxied", "/direct"), paths, "both delivered over verified TLS");
            assertEquals(2, receiver.requests().size());
            assertEquals(Set.of("127.0.0.1:" + receiver.port()), Set.copyOf(proxy.connects()),
                    "a tunnel to the receiver's host and port, and none to localhost, which NO_PROXY names");
        }
    }

    @Test
    void aReceiverWithACaFileTrustsItsCasAndNoOthers() throws Exception {
        RouterFixture fixture = fixtures.create("cafile.");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (WebhookServer receiver = WebhookServer.startHttps(certificates.receiverContext());
             WebhookServer misnamed = WebhookServer.startHttps(certificates.receiverContextNaming("elsewhere.invalid"))) {
            // the CA files are named relative to the routes file, which is in the same folder
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 100ms",
                    "receivers:",
                    "  - {name: corp, type: webhook, url: '" + receiver.url("/corp") + "', tls: {ca_file: ca.pem}}",
                    "  - {name: other-ca, type: webhook, url: '" + receiver.url("/other-ca") + "', tls: {ca_file: unrelated-ca.pem}}",
                    "  - {name: misnamed, type: webhook, url: '" + misnamed.url("/misnamed") + "', tls: {ca_file: ca.pem}}",
                    "route:",
                    "  receiver: corp",
                    "  routes:",
                    "    - {match: {rule: conda-depends}, receiver: corp, continue: true}",
                    "    - {match: {rule: conda-depends}, receiver: other-ca, continue: true}",
                    "    - {match: {rule: conda-depends}, receiver: misnamed}");
            try (RunningRouter router = AlertRouter.start(kafka.clientConfig(), fixture.topics(), RoutesFile.load(routes, Map.of()),
                    RouterSettings.defaults().withGroupId("cafile").withEnvironment(Map.of()).withMeters(meters))) {
                fixture.publish(List.of(TestAlerts.open().build()));
                fixture.awaitAllCommitted("cafile");
            }
            assertEquals(List.of("/corp"), receiver.requests().stream().map(WebhookServer.Request::path).toList(),
                    "the receiver whose CA file holds the CA is reached; the one whose file holds another CA is not");
            assertEquals(List.of(), misnamed.requests(), "a CA file does not stop the host name from being checked");
            assertEquals(1, meters.get(RouterMetrics.SENT).tag("receiver", "corp").counter().count());

            Map<String, String> reasons = fixture.deadLettersUntil(read -> read.size() >= 2).stream()
                    .collect(Collectors.toMap(AlertNotification::getReceiver, AlertNotification::getReason));
            assertEquals(Set.of("other-ca", "misnamed"), reasons.keySet());
            String otherCa = reasons.get("other-ca");
            assertTrue(otherCa.startsWith("receiver 'other-ca': TLS: the receiver's certificate is not accepted ("), otherCa);
            assertTrue(otherCa.contains("PKIX path building failed"), otherCa);
            assertTrue(otherCa.contains("it must chain to a CA of the receiver's tls.ca_file, " + unrelatedCa), otherCa);
            String wrongHost = reasons.get("misnamed");
            assertTrue(wrongHost.startsWith("receiver 'misnamed': TLS: the receiver's certificate is not accepted ("), wrongHost);
            assertTrue(wrongHost.contains("No subject alternative names matching IP address 127.0.0.1"), wrongHost);
            for (String refused : List.of("other-ca", "misnamed")) {
                assertEquals(1, meters.get(RouterMetrics.FAILED).tags("receiver", refused, "outcome", "refused").counter().count(), refused);
                assertEquals(0, meters.get(RouterMetrics.RETRIED).tag("receiver", refused).counter().count(),
                        refused + ": not retried, as with the JVM's trust store");
            }
        }
    }

    @Test
    void aCaFileIsTrustedThroughAConnectProxyToo() throws Exception {
        RouterFixture fixture = fixtures.create("cafile-proxied.");
        try (WebhookServer receiver = WebhookServer.startHttps(certificates.receiverContext()); ConnectProxy proxy = ConnectProxy.start()) {
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 100ms",
                    "receivers:",
                    "  - name: corp",
                    "    type: webhook",
                    "    url: '" + receiver.url("/corp") + "'",
                    "    tls:",
                    "      ca_file: " + certificates.caPem(),
                    "route:",
                    "  receiver: corp");
            RouterSettings settings = RouterSettings.defaults().withGroupId("cafile-proxied")
                    .withEnvironment(Map.of("HTTPS_PROXY", proxy.address()));
            try (RunningRouter router = AlertRouter.start(kafka.clientConfig(), fixture.topics(), RoutesFile.load(routes, Map.of()),
                    settings)) {
                fixture.publish(List.of(TestAlerts.open().build()));
                fixture.awaitAllCommitted("cafile-proxied");
            }
            assertEquals(List.of("/corp"), receiver.requests().stream().map(WebhookServer.Request::path).toList());
            assertEquals(Set.of("127.0.0.1:" + receiver.port()), Set.copyOf(proxy.connects()),
                    "TLS to the receiver ran in the proxy's tunnel, verified against the CA file");
        }
    }
}
