package io.envaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.router.AlertRouter;
import io.envaudit.router.RouterFixture;
import io.envaudit.router.RouterFixtures;
import io.envaudit.router.RouterSettings;
import io.envaudit.router.RunningRouter;
import io.envaudit.router.TestAlerts;
import io.envaudit.router.WebhookServer;
import io.envaudit.router.WebhookServer.Reply;
import io.envaudit.router.config.RoutesFile;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.wire.SchemaRegistryTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code envaudit dlq list --alerts} and {@code dlq replay --alerts}, run in-process as a user runs them,
 * on the dead letters a real router writes on the test broker when its receivers (real HTTP servers on
 * loopback) refuse: listed readably, then posted again to the receivers, the same payload with the same id.
 */
class DlqAlertsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "routed.";
    private static final String DLQ = PREFIX + "alerts.dlq";

    @RegisterExtension
    @Order(1)
    static final KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    @Order(2)
    static final RouterFixtures fixtures = new RouterFixtures(kafka);

    @TempDir
    static Path dir;

    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** {@code envaudit dlq ...} on the test broker under the test's prefix, with {@code environment} as its variables. */
    private static Run envaudit(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", PREFIX));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine envaudit = new CommandLine(new EnvauditCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        DlqReplayCommand replay = envaudit.getSubcommands().get("dlq").getSubcommands().get("replay").getCommand();
        replay.environment = environment;
        int code = envaudit.execute(command.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static String position(AlertNotification notification, List<JsonNode> listed) {
        JsonNode letter = listed.stream().filter(l -> l.get("notification_id").asText().equals(notification.getId())).findFirst().orElseThrow();
        return letter.get("partition").asInt() + "/" + letter.get("offset").asLong();
    }

    @Test
    void theRoutersDeadLettersAreListedAndPostedAgainToTheirReceivers() throws Exception {
        RouterFixture fixture = fixtures.create(PREFIX);
        try (WebhookServer hook = WebhookServer.start(); WebhookServer chat = WebhookServer.start()) {
            Path routes = RouterFixture.routesFile(dir,
                    "group_window: 100ms",
                    "receivers:",
                    "  - {name: hook, type: webhook, url: '" + hook.url("/hook") + "'}",
                    "  - {name: chat, type: slack, url_env: CHAT_URL}",
                    "route:",
                    "  receiver: hook",
                    "  routes:",
                    "    - {match: {team: ml-vision}, receiver: chat, continue: true}",
                    "    - {match: {team: ml-vision}, receiver: hook}");
            Map<String, String> environment = Map.of("CHAT_URL", chat.url("/services/T0/B0/SECRET").toString());
            hook.script(Reply.status(404, "no such hook"));
            chat.script(Reply.status(404, "no_service"));
            try (RunningRouter router = AlertRouter.start(kafka.clientConfig(), fixture.topics(), RoutesFile.load(routes, environment),
                    RouterSettings.defaults().withGroupId("refused").withEnvironment(Map.of()))) {
                fixture.publish(List.of(TestAlerts.open().build()));
                fixture.awaitAllCommitted("refused");
            }
            List<AlertNotification> dead = fixture.deadLettersUntil(read -> read.size() >= 2);
            AlertNotification toChat = dead.stream().filter(n -> n.getReceiver().equals("chat")).findFirst().orElseThrow();
            AlertNotification toHook = dead.stream().filter(n -> n.getReceiver().equals("hook")).findFirst().orElseThrow();

            // as JSON: each with what it covers, why, and the payload as it would have been posted
            Run json = envaudit(Map.of(), "dlq", "list", "--alerts", "--format", "json");
            assertEquals(0, json.exitCode(), json.err());
            List<JsonNode> listed = new ArrayList<>();
            for (String line : json.lines()) {
                listed.add(JSON.readTree(line));
            }
            assertEquals(2, listed.size(), json.out());
            JsonNode chatLetter = listed.stream().filter(l -> l.get("receiver").asText().equals("chat")).findFirst().orElseThrow();
            assertEquals(DLQ, chatLetter.get("topic").asText());
            assertEquals(toChat.getId(), chatLetter.get("notification_id").asText());
            assertEquals("refused", chatLetter.get("router").asText());
            assertEquals("conda-depends", chatLetter.get("rule").asText());
            assertEquals(1, chatLetter.get("alert_count").asInt());
            assertEquals(1, chatLetter.get("alerts").size());
            assertEquals(chat.requests().get(0).body(), chatLetter.get("payload").asText());
            assertEquals("receiver 'chat': HTTP 404 'no_service': the receiver refused the message; check its URL, token and payload type",
                    chatLetter.get("reason").asText());

            // as text: two lines each, then a count; the webhook URL, a secret, nowhere
            Run text = envaudit(Map.of(), "dlq", "list", "--alerts");
            assertEquals(0, text.exitCode(), text.err());
            assertEquals(5, text.lines().size(), text.out());
            String chatHeader = DLQ + "/" + position(toChat, listed) + "  ";
            String chatLine = text.lines().stream().filter(l -> l.startsWith(chatHeader)).findFirst().orElseThrow();
            assertTrue(chatLine.matches(Pattern.quote(chatHeader) + "\\S+Z  receiver chat  rule conda-depends  1 alert  notification "
                    + toChat.getId()), chatLine);
            assertEquals("    " + toChat.getReason(), text.lines().get(text.lines().indexOf(chatLine) + 1));
            assertEquals("2 dead letters in " + DLQ, text.lines().get(4));
            assertFalse(text.out().contains("SECRET"), text.out());
            Run onlyChat = envaudit(Map.of(), "dlq", "list", "--alerts", "--receiver", "chat");
            assertEquals(List.of(chatLine, "    " + toChat.getReason(), "1 dead letter in " + DLQ + " for receiver chat"), onlyChat.lines());

            // a dry run posts nothing
            Run dry = envaudit(environment, "dlq", "replay", "--alerts", "--config", routes.toString(), "--receiver", "hook", "--dry-run");
            assertEquals(0, dry.exitCode(), dry.err());
            assertEquals(List.of("would post " + DLQ + "/" + position(toHook, listed) + " to receiver hook  rule conda-depends, 1 alert",
                    "1 dead letter would be posted; nothing sent (--dry-run)"), dry.lines());
            assertEquals(1, hook.requests().size());

            // a receiver that refuses again: said, and exit 1
            hook.script(Reply.status(500, "still broken"));
            Run refusedAgain = envaudit(environment, "dlq", "replay", "--alerts", "--config", routes.toString(),
                    "--offset", position(toHook, listed));
            assertEquals(1, refusedAgain.exitCode(), refusedAgain.out() + refusedAgain.err());
            assertEquals(List.of("not posted " + DLQ + "/" + position(toHook, listed) + " to receiver hook: HTTP 500 'still broken'",
                    "0 of 1 dead letter posted, 1 not: run it again for those, once their receiver takes them"), refusedAgain.lines());

            // posted again, both: the very payloads that were refused, with their ids
            Run replayed = envaudit(environment, "dlq", "replay", "--alerts", "--config", routes.toString(), "--all");
            assertEquals(0, replayed.exitCode(), replayed.out() + replayed.err());
            assertTrue(replayed.lines().contains("posted " + DLQ + "/" + position(toChat, listed) + " to receiver chat: delivered (HTTP 200)"),
                    replayed.out());
            assertEquals("posted 2 dead letters", replayed.lines().get(2));
            List<WebhookServer.Request> toChatAgain = chat.requests();
            assertEquals(2, toChatAgain.size());
            assertEquals(toChatAgain.get(0).body(), toChatAgain.get(1).body());
            assertEquals("/services/T0/B0/SECRET", toChatAgain.get(1).path(), "the URL from the variable the routes file names");
            assertEquals(toChat.getId(), toChatAgain.get(1).header("Idempotency-Key"));
            assertEquals(3, hook.requests().size());
            assertEquals(hook.requests().get(0).body(), hook.requests().get(2).body());

            // a receiver the routes file no longer defines: named, and nothing posted
            Path withoutChat = RouterFixture.routesFile(dir,
                    "receivers:",
                    "  - {name: hook, type: webhook, url: '" + hook.url("/hook") + "'}",
                    "route:",
                    "  receiver: hook");
            Run gone = envaudit(Map.of(), "dlq", "replay", "--alerts", "--config", withoutChat.toString(), "--all");
            assertEquals(2, gone.exitCode(), gone.out());
            assertEquals("error: the dead letter at " + DLQ + "/" + position(toChat, listed) + " is for receiver 'chat', which "
                    + withoutChat + " does not define" + System.lineSeparator(), gone.err());
            assertEquals(3, hook.requests().size(), "nothing was posted");
        }
    }
}
