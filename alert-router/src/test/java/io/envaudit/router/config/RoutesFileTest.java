package io.envaudit.router.config;

import io.envaudit.router.TestAlerts;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes files read from YAML: the tree routes as Alertmanager's would, and every mistake is named with its place. */
class RoutesFileTest {
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "ML_VISION_SLACK", "https://hooks.slack.com/services/T00/B00/SECRET-SLACK",
            "AUDIT_HOOK", "https://audit.example.com/envaudit",
            "AUDIT_TOKEN", "SECRET-TOKEN");

    static Path resource(String name) {
        try {
            return Path.of(RoutesFileTest.class.getResource("/routes/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RoutesConfig tree() throws RoutesFileException {
        return RoutesFile.load(resource("tree.yaml"), ENVIRONMENT);
    }

    private static List<String> receivers(RoutesConfig routes, ConflictAlert alert) {
        return routes.receiversFor(alert).stream().map(ReceiverConfig::name).toList();
    }

    @Test
    void anAlertGoesToTheFirstMatchingRouteAndDownToItsDeepestMatchingChild() throws Exception {
        RoutesConfig routes = tree();
        assertEquals(List.of("ml-vision-slack"), receivers(routes, TestAlerts.open().build()));
        assertEquals(List.of("ml-vision-pager"), receivers(routes, TestAlerts.open().setSeverity(Severity.CRITICAL).build()),
                "the child route takes it, and only the child");
    }

    @Test
    void continueLetsTheNextSiblingsTakeItToo() throws Exception {
        RoutesConfig routes = tree();
        assertEquals(List.of("audit", "ml-vision-slack"), receivers(routes, TestAlerts.open().setRuleId("numpy-abi").build()));
        ConflictAlert elsewhere = TestAlerts.withLabel(TestAlerts.open().setRuleId("protobuf-4-tf"), "team", "nlp").build();
        assertEquals(List.of("audit"), receivers(routes, elsewhere),
                "a route that matched, even with continue, keeps the alert from the default receiver");
    }

    @Test
    void globsAndRegularExpressionsMatchWholeValues() throws Exception {
        RoutesConfig routes = tree();
        ConflictAlert.Builder gpu = TestAlerts.withLabel(TestAlerts.open().setHostname("gpu-07"), "team", "nlp");
        assertEquals(List.of("gpu-teams"), receivers(routes, gpu.build()));
        assertEquals(List.of("platform"), receivers(routes, gpu.setPrefix("/opt/conda/envs/torch2").build()));
        assertEquals(List.of("platform"), receivers(routes, gpu.setPrefix("/opt/conda/envs/tf210-old").build()),
                "the expression must match the whole environment, not a part");
        assertEquals(List.of("platform"), receivers(routes, gpu.setPrefix("/opt/conda/envs/tf210").setHostname("cpu-gpu-07").build()));
    }

    @Test
    void theAlertsFactsHideHostLabelsOfTheSameName() throws Exception {
        ConflictAlert alert = TestAlerts.withLabel(TestAlerts.open(), "severity", "critical").build();
        assertEquals(List.of("ml-vision-slack"), receivers(tree(), alert), "the alert is an error, whatever the host says");
    }

    @Test
    void receiversGetTheirSettingsAndTheDefaults() throws Exception {
        RoutesConfig routes = tree();
        ReceiverConfig slack = routes.receivers().get("ml-vision-slack");
        assertEquals(ReceiverType.SLACK, slack.type());
        assertEquals(Duration.ofSeconds(10), slack.groupWindow(), "the file's group_window");
        assertEquals(Optional.of(new RateLimit(30, Duration.ofMinutes(1))), slack.rateLimit(), "chat receivers are limited by default");
        assertEquals("https://hooks.slack.com/services/T00/B00/SECRET-SLACK", slack.postUri().toString());
        ReceiverConfig teams = routes.receivers().get("gpu-teams");
        assertEquals(Duration.ofMinutes(1), teams.groupWindow());
        assertEquals("https://example.webhook.office.com/workflows/SECRET-TEAMS-PATH", teams.url().reveal(),
                "read from the file beside the routes file, without its newline");
        ReceiverConfig audit = routes.receivers().get("audit");
        assertEquals("SECRET-TOKEN", audit.bearerToken().orElseThrow().reveal());
        assertEquals(50, audit.batchSize());
        assertEquals(Optional.empty(), audit.rateLimit());
        assertEquals("http://127.0.0.1:9/api/v2/alerts", routes.receivers().get("ml-vision-pager").postUri().toString());
    }

    @Test
    void secretsPrintAsWhereTheyCameFrom() throws Exception {
        RoutesConfig routes = tree();
        assertEquals("$ML_VISION_SLACK", routes.receivers().get("ml-vision-slack").url().toString());
        assertEquals("$AUDIT_TOKEN", routes.receivers().get("audit").bearerToken().orElseThrow().toString());
        assertEquals("refused by <hidden>", routes.receivers().get("ml-vision-slack")
                .redact("refused by https://hooks.slack.com/services/T00/B00/SECRET-SLACK"));
        assertEquals("POST <hidden> failed", routes.receivers().get("ml-vision-slack").redact("POST /services/T00/B00/SECRET-SLACK failed"),
                "the path alone is the credential too");
    }

    @Test
    void everyProblemIsReportedWithItsPlace() {
        Path file = resource("problems.yaml");
        RoutesFileException e = assertThrows(RoutesFileException.class, () -> RoutesFile.load(file, Map.of()));
        assertEquals(List.of(
                file + ":4:5: the URL of a slack webhook is its credential: give it with 'url_env' (a variable) or 'url_file' (a file),"
                        + " not in the routes file (receiver 'chat')",
                file + ":7:14: environment variable 'UNSET_VARIABLE' ('url_env' of receiver 'hook') is not set",
                file + ":8:17: 'rate_limit' must be messages per second, minute or hour, such as 1/s, 30/m or 500/h, found '10/day'",
                file + ":9:11: duplicate receiver 'hook', first defined at " + file + ":5:11",
                file + ":13:11: unknown receiver type 'pagerduty' (receiver 'pager'); expected slack, mattermost, rocketchat, teams,"
                        + " webhook, alertmanager",
                file + ":17:5: 'list_limit' does not apply to an alertmanager receiver (receiver 'am')",
                file + ":18:19: 'group_window' must be a duration such as 500ms, 30s, 5m or 1h, found 'soon'",
                file + ":21:13: unknown receiver 'platform'; receivers: chat, hook, pager, am",
                file + ":22:3: the root route takes every alert: 'match' belongs on the routes below it",
                file + ":26:19: unknown severity 'serious' (expected info, warning, error, critical)",
                file + ":29:15: invalid regular expression 'numpy-(' for 'rule': Unclosed group at the end",
                file + ":31:7: a route below the root needs at least one of match, match_re, match_glob, min_severity"
                        + " (a route matching everything is what the route above it already is)",
                file + ":33:16: unknown state 'closed' (expected open, waived, resolved)",
                file + ":34:7: unknown key 'continu' in a route; allowed keys: receiver, match, match_re, match_glob, min_severity,"
                        + " continue, routes"), e.problems());
        assertFalse(e.getMessage().contains("SECRET"), "no secret is quoted: " + e.getMessage());
    }

    @Test
    void aVariableThatHoldsNoUrlIsNamedButNotQuoted() {
        Path file = resource("not-a-url.yaml");
        RoutesFileException e = assertThrows(RoutesFileException.class,
                () -> RoutesFile.load(file, Map.of("MM_HOOK", "SECRET-not-a-url")));
        assertEquals(List.of(file + ":4:14: the URL from $MM_HOOK (receiver 'chat') is not an absolute http or https URL"), e.problems());
    }

    @Test
    void anUnclosedBracketIsReportedWhereItOpens(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("routes.yaml"), "receivers:\n  - name: a\n    type: [webhook\nroute: x\n");
        RoutesFileException e = assertThrows(RoutesFileException.class, () -> RoutesFile.load(file, Map.of()));
        assertEquals(List.of(file + ":3:11: invalid YAML: the '[' is not closed (at line 4, column 6: expected ',' or ']', but got :)"),
                e.problems());
    }

    @Test
    void aMissingFileOrSecretFileIsNamed(@TempDir Path dir) throws Exception {
        RoutesFileException missing = assertThrows(RoutesFileException.class, () -> RoutesFile.load(dir.resolve("none.yaml"), Map.of()));
        assertTrue(missing.getMessage().startsWith(dir.resolve("none.yaml") + ": cannot read the routes file"), missing.getMessage());

        Path file = Files.writeString(dir.resolve("routes.yaml"),
                "receivers:\n  - name: t\n    type: teams\n    url_file: secrets/teams\nroute:\n  receiver: t\n");
        RoutesFileException e = assertThrows(RoutesFileException.class, () -> RoutesFile.load(file, Map.of()));
        assertEquals(List.of(file + ":4:15: cannot read " + dir.resolve("secrets/teams") + " ('url_file' of receiver 't'):"
                + " no such file"), e.problems());
    }

    @Test
    void anEmptyFileSaysWhatItNeeds(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("routes.yaml"), "# nothing yet\n");
        RoutesFileException e = assertThrows(RoutesFileException.class, () -> RoutesFile.load(file, Map.of()));
        assertEquals(List.of(file + ":1:1: the routes file is empty: it needs 'receivers' and 'route'"), e.problems());
    }
}
