package io.envaudit.cli;

import io.envaudit.router.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code envaudit route} before it reaches Kafka: the routes file checked, usage errors with exit 2. */
class RouteCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new EnvauditCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        RouteCommand route = command.getSubcommands().get("route").getCommand();
        route.environment = environment;
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path routes(String... lines) throws Exception {
        return Files.writeString(dir.resolve("routes.yaml"), String.join("\n", lines) + "\n");
    }

    @Test
    void checkListsTheReceiversWithoutTheirSecrets() throws Exception {
        Path file = routes(
                "receivers:",
                "  - {name: ml-vision, type: slack, url_env: SLACK_URL}",
                "  - {name: pager, type: alertmanager, url: 'http://alertmanager:9093', group_window: 5s}",
                "route:",
                "  receiver: pager",
                "  routes:",
                "    - {match: {team: ml-vision}, receiver: ml-vision}");
        Run run = run(Map.of("SLACK_URL", "https://hooks.slack.com/services/T/B/SECRET"), "route", "--config", file.toString(), "--check");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(
                "  ml-vision: slack, URL from $SLACK_URL, messages grouped over 30000 ms, at most 30 per 60 s",
                "  pager: alertmanager, URL from the 'url' at " + file + ":3:44, messages grouped over 5000 ms",
                file + ": 2 receivers, no problems"), run.out().lines().toList());
        assertFalse(run.out().contains("SECRET"));
    }

    @Test
    void aBadRoutesFileIsAUsageErrorWithEveryProblemAndItsPlace() throws Exception {
        Path file = routes(
                "receivers:",
                "  - {name: chat, type: slack, url_env: NOT_SET}",
                "route:",
                "  receiver: nobody");
        Run run = run(Map.of(), "route", "--config", file.toString(), "--bootstrap-servers", "127.0.0.1:9");
        assertEquals(2, run.exitCode());
        assertEquals(List.of(
                "error: " + file + ":2:40: environment variable 'NOT_SET' ('url_env' of receiver 'chat') is not set",
                "error: " + file + ":4:13: unknown receiver 'nobody'; receivers: chat"), run.err().lines().toList());
    }

    @Test
    void aProxyVariableThatNamesNoUsableProxyIsAUsageErrorThatCheckFindsToo() throws Exception {
        Path file = routes(
                "receivers:",
                "  - {name: hook, type: webhook, url: 'https://hooks.example.org/envaudit'}",
                "route:",
                "  receiver: hook");
        Run run = run(Map.of("HTTP_PROXY", "http://ana:s3cret@proxy.example.org:3128"), "route", "--config", file.toString(), "--check");
        assertEquals(2, run.exitCode(), run.out());
        assertEquals(List.of("error: HTTP_PROXY carries credentials, which this router cannot send to a proxy; use a proxy that needs none"),
                run.err().lines().toList());
        assertFalse(run.err().contains("s3cret"));
    }

    @Test
    void checkNamesAReceiversCaFile() throws Exception {
        Path caFile = TestCertificates.unrelatedAuthority(dir, "corp-ca");
        Path file = routes(
                "receivers:",
                "  - {name: corp, type: mattermost, url_env: MM_URL, tls: {ca_file: corp-ca.pem}}",
                "route:",
                "  receiver: corp");
        Run run = run(Map.of("MM_URL", "https://mattermost.corp/hooks/SECRET"), "route", "--config", file.toString(), "--check");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(
                "  corp: mattermost, URL from $MM_URL, TLS trusting only the CAs of " + caFile + ", messages grouped over 30000 ms,"
                        + " at most 30 per 60 s",
                file + ": 1 receiver, no problems"), run.out().lines().toList());
    }

    @Test
    void aCaFileWithNoCertificateIsAUsageErrorBeforeKafka() throws Exception {
        Files.writeString(dir.resolve("corp-ca.pem"), "# paste the corporate CA here\n");
        Path file = routes(
                "receivers:",
                "  - {name: corp, type: webhook, url: 'https://hooks.corp/envaudit', tls: {ca_file: corp-ca.pem}}",
                "route:",
                "  receiver: corp");
        Run run = run(Map.of(), "route", "--config", file.toString(), "--bootstrap-servers", "127.0.0.1:9");
        assertEquals(2, run.exitCode());
        assertEquals(List.of("error: " + file + ":2:84: " + dir.resolve("corp-ca.pem") + " ('tls.ca_file' of receiver 'corp') holds"
                + " no certificate: a CA file is PEM, one or more -----BEGIN CERTIFICATE----- blocks"), run.err().lines().toList());
    }

    @Test
    void withoutKafkaToConnectToItSaysWhereToGiveIt() throws Exception {
        Path file = routes(
                "receivers:",
                "  - {name: hook, type: webhook, url: 'http://127.0.0.1:9/'}",
                "route:",
                "  receiver: hook");
        Run run = run(Map.of(), "route", "--config", file.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: no Kafka to connect to: give --bootstrap-servers"), run.err());
    }

    @Test
    void theRoutesFileIsRequired() {
        Run run = run(Map.of(), "route");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required option: '--config=FILE'"), run.err());
    }
}
