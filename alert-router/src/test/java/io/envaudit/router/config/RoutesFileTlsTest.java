package io.envaudit.router.config;

import io.envaudit.router.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A receiver's {@code tls: {ca_file: ...}}, read with the routes file: PEM certificates made by keytool,
 * relative to the routes file's folder; every mistake named with its place, the receiver and the file, at load.
 */
class RoutesFileTlsTest {
    @TempDir
    static Path certificates;

    /** Two CAs' certificates as {@code keytool -exportcert -rfc} writes them. */
    private static String firstCa;
    private static String secondCa;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        firstCa = Files.readString(TestCertificates.unrelatedAuthority(certificates, "first-ca"));
        secondCa = Files.readString(TestCertificates.unrelatedAuthority(certificates, "second-ca"));
    }

    private Path routes(String... receivers) throws Exception {
        List<String> lines = new ArrayList<>(List.of("receivers:"));
        lines.addAll(List.of(receivers));
        lines.addAll(List.of("route:", "  receiver: r1", ""));
        return Files.writeString(dir.resolve("routes.yaml"), String.join("\n", lines));
    }

    private void file(String name, String content) throws Exception {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), content);
    }

    private static List<String> problems(Path routes) {
        return assertThrows(RoutesFileException.class, () -> RoutesFile.load(routes, Map.of())).problems();
    }

    @Test
    void aCaFileRelativeToTheRoutesFileIsReadWithEveryCertificateOfABundle() throws Exception {
        // as openssl writes a bundle: a subject line before each certificate
        file("certs/corp-cas.pem", "subject=CN = first-ca\n" + firstCa + "\n# the CA of the new site\n" + secondCa);
        Path routes = routes("  - {name: r1, type: mattermost, url_env: MM_URL, tls: {ca_file: certs/corp-cas.pem}}");
        ReceiverConfig receiver = RoutesFile.load(routes, Map.of("MM_URL", "https://mattermost.corp/hooks/x")).receivers().get("r1");
        CaFile caFile = receiver.caFile().orElseThrow();
        assertEquals(dir.resolve("certs/corp-cas.pem"), caFile.path());
        assertEquals(List.of("CN=first-ca", "CN=second-ca"),
                caFile.certificates().stream().map(X509Certificate::getSubjectX500Principal).map(Object::toString).toList());
    }

    @Test
    void withoutTlsTheJvmsTrustStoreIsUsed() throws Exception {
        Path routes = routes("  - {name: r1, type: webhook, url: 'https://hooks.corp/envaudit'}");
        assertEquals(Optional.empty(), RoutesFile.load(routes, Map.of()).receivers().get("r1").caFile());
    }

    @Test
    void everyCaFileMistakeIsNamedWithItsPlaceTheReceiverAndTheFile() throws Exception {
        int caLines = (int) firstCa.lines().count();
        List<String> brokenSecond = new ArrayList<>(secondCa.lines().toList());
        brokenSecond.set(2, "not*base64!");
        file("ca.pem", firstCa);
        file("comments.pem", "# the corporate CA goes here\n");
        file("broken.pem", firstCa + String.join("\n", brokenSecond) + "\n");
        file("unended.pem", firstCa.replace("-----END CERTIFICATE-----", ""));
        file("with-key.pem", firstCa + "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n");
        Path routes = routes(
                "  - {name: r1, type: webhook, url: 'https://h.corp/', tls: {ca_file: missing.pem}}",
                "  - {name: r2, type: webhook, url: 'https://h.corp/', tls: {ca_file: comments.pem}}",
                "  - {name: r3, type: webhook, url: 'https://h.corp/', tls: {ca_file: broken.pem}}",
                "  - {name: r4, type: webhook, url: 'https://h.corp/', tls: {ca_file: unended.pem}}",
                "  - {name: r5, type: webhook, url: 'https://h.corp/', tls: {ca_file: with-key.pem}}",
                "  - {name: r6, type: alertmanager, url: 'http://am.corp:9093', tls: {ca_file: ca.pem}}",
                "  - {name: r7, type: webhook, url: 'https://h.corp/', tls: {}}",
                "  - {name: r8, type: webhook, url: 'https://h.corp/', tls: {ca_file: ca.pem, insecure_skip_verify: true}}");
        assertEquals(List.of(
                routes + ":2:70: cannot read " + dir.resolve("missing.pem") + " ('tls.ca_file' of receiver 'r1'): no such file",
                routes + ":3:70: " + dir.resolve("comments.pem") + " ('tls.ca_file' of receiver 'r2') holds no certificate:"
                        + " a CA file is PEM, one or more -----BEGIN CERTIFICATE----- blocks",
                routes + ":4:70: " + dir.resolve("broken.pem") + " ('tls.ca_file' of receiver 'r3'): certificate 2 (from line "
                        + (caLines + 1) + "): line " + (caLines + 3) + " is not base64",
                routes + ":5:70: " + dir.resolve("unended.pem") + " ('tls.ca_file' of receiver 'r4'): certificate 1 (from line 1)"
                        + " has no -----END CERTIFICATE----- line",
                routes + ":6:70: " + dir.resolve("with-key.pem") + " ('tls.ca_file' of receiver 'r5'): line " + (caLines + 1)
                        + ": -----BEGIN PRIVATE KEY----- is not a certificate; a CA file holds -----BEGIN CERTIFICATE----- blocks only",
                routes + ":7:64: 'tls' of receiver 'r6' would never be used: the URL from the 'url' at " + routes
                        + ":7:41 is http, not https",
                routes + ":8:60: 'tls' of receiver 'r7' needs 'ca_file', the PEM file of the CAs its certificate chains to",
                routes + ":9:78: unknown key 'insecure_skip_verify' in 'tls' of receiver 'r8'; allowed keys: ca_file"),
                problems(routes));
    }

    @Test
    void aBlockThatIsNoCertificateSaysWhichAndWhy() throws Exception {
        String notACertificate = Base64.getMimeEncoder().encodeToString("a key, a CSR, anything".getBytes());
        file("ca.pem", firstCa + "-----BEGIN CERTIFICATE-----\n" + notACertificate + "\n-----END CERTIFICATE-----\n");
        file("short.pem", "-----BEGIN CERTIFICATE-----\nQUJD\nR\n-----END CERTIFICATE-----\n");
        Path routes = routes(
                "  - {name: r1, type: webhook, url: 'https://h.corp/', tls: {ca_file: ca.pem}}",
                "  - {name: r2, type: webhook, url: 'https://h.corp/', tls: {ca_file: short.pem}}");
        List<String> problems = problems(routes);
        int caLines = (int) firstCa.lines().count();
        assertEquals(2, problems.size(), problems.toString());
        String prefix = routes + ":2:70: " + dir.resolve("ca.pem") + " ('tls.ca_file' of receiver 'r1'): certificate 2 (lines "
                + (caLines + 1) + "-" + (caLines + 3) + "): not an X.509 certificate: ";
        assertTrue(problems.get(0).startsWith(prefix), problems.get(0));
        String undecodable = routes + ":3:70: " + dir.resolve("short.pem") + " ('tls.ca_file' of receiver 'r2'): certificate 1"
                + " (lines 1-4): the base64 does not decode: ";
        assertTrue(problems.get(1).startsWith(undecodable), problems.get(1));
    }
}
