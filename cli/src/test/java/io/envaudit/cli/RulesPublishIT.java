package io.envaudit.cli;

import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.RuleFile;
import io.envaudit.engine.rules.RuleFileLoader;
import io.envaudit.kafka.embedded.EmbeddedKafka;
import io.envaudit.kafka.embedded.EmbeddedKafkaConfig;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.streams.rules.PublishedRules;
import io.envaudit.streams.rules.RulePublication;
import io.envaudit.streams.rules.RuleRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rules publish}, {@code rules delete} and {@code rules list} in-process on the real broker, each
 * test on topics of its own prefix: what is sent (read back, and end offsets that do not move when
 * nothing should be sent), what is refused, and the default pack upgrading what an older pack left.
 */
class RulesPublishIT {
    private static final Set<String> CHECKS = Set.copyOf(BuiltInChecks.ids());

    @TempDir
    static Path root;

    private static EmbeddedKafka kafka;
    private static Map<String, Object> client;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.under(root));
        client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static CommandResult envaudit(String prefix, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", prefix));
        return CommandResult.inProcess(new EnvauditCommand(), all.toArray(String[]::new));
    }

    /** The topics, as {@code envaudit run} creates them. */
    private static ClusterTopics provision(String prefix) {
        return ClusterTopics.provision(client, prefix, 1, Optional.empty());
    }

    private static long endOffset(String prefix) throws Exception {
        TopicPartition rules = new TopicPartition(prefix + "rules", 0);
        try (Admin admin = Admin.create(client)) {
            return admin.listOffsets(Map.of(rules, OffsetSpec.latest())).all().get().get(rules).offset();
        }
    }

    private static Path file(String name, String text) throws Exception {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String rule(String id, String severity) {
        return """
                  - id: %s
                    description: NumPy 1 only.
                    source: https://numpy.org
                    severity: %s
                    require: [numpy<2]
                """.formatted(id, severity);
    }

    private static final String WAIVER = """
            waivers:
              - id: legacy
                rule: numpy-pin
                reason: Old image.
                owner: alice@example.org
                expires: 2099-01-31
            """;

    @Test
    void publishingSendsOnlyWhatChangedAndListShowsTheTopic() throws Exception {
        try (ClusterTopics cluster = provision("again.")) {
            Path rules = file("again/rules.yaml", "rules:\n" + rule("numpy-pin", "error") + WAIVER);
            CommandResult first = envaudit("again.", "rules", "publish", rules.toString());
            assertEquals(0, first.exitCode(), first.out() + first.err());
            assertEquals(List.of("added     numpy-pin", "added     legacy", "again.rules: 2 added"), first.lines());
            long end = endOffset("again.");

            CommandResult second = envaudit("again.", "rules", "publish", rules.toString());
            assertEquals(List.of("unchanged numpy-pin", "unchanged legacy", "again.rules: 2 unchanged"), second.lines());
            assertEquals(end, endOffset("again."), "nothing sent");

            Files.writeString(rules, "rules:\n" + rule("numpy-pin", "warning") + WAIVER);
            CommandResult third = envaudit("again.", "rules", "publish", rules.toString());
            assertEquals(List.of("updated   numpy-pin", "unchanged legacy", "again.rules: 1 updated, 1 unchanged"), third.lines());
            assertEquals(end + 1, endOffset("again."), "the one changed entry sent");

            CommandResult list = envaudit("again.", "rules", "list");
            assertEquals(0, list.exitCode(), list.err());
            List<String> lines = list.lines();
            assertEquals(3, lines.size(), list.out());
            assertEquals(List.of("ID", "KIND", "SEVERITY", "ORIGIN", "PUBLISHED", "SOURCE"), List.of(lines.get(0).split(" +")));
            List<String> legacy = List.of(lines.get(1).split(" +"));
            assertEquals(List.of("legacy", "waiver", "-", "user"), legacy.subList(0, 4), "sorted by id");
            assertEquals(rules.toString(), legacy.get(5));
            List<String> numpy = List.of(lines.get(2).split(" +"));
            assertEquals(List.of("numpy-pin", "rule", "warning", "user"), numpy.subList(0, 4));
            Instant published = Instant.parse(numpy.get(4));
            assertEquals(cluster.publishedRules().get("numpy-pin").orElseThrow().getPublishedAt().getEpochSecond(), published.getEpochSecond());
            assertEquals(lines.get(0).indexOf("KIND"), lines.get(2).indexOf("rule"), "columns line up");

            CommandResult yaml = envaudit("again.", "rules", "list", "--yaml", "numpy-pin");
            assertEquals(rule("numpy-pin", "warning").replace("\n    ", "\n").substring(4), yaml.out(), "as written, from column 1");
            CommandResult unknown = envaudit("again.", "rules", "list", "--yaml", "pandas-pin");
            assertEquals(1, unknown.exitCode());
            assertEquals("error: again.rules holds no readable entry 'pandas-pin'\n", unknown.err());
        }
    }

    @Test
    void filesWithAnErrorPublishNothing() throws Exception {
        try (ClusterTopics cluster = provision("linted.")) {
            Path good = file("linted/a-good.yaml", "rules:\n" + rule("pandas-pin", "error"));
            Path bad = file("linted/b-bad.yaml", "rules:\n" + rule("numpy-pin", "serious"));
            long end = endOffset("linted.");

            CommandResult run = envaudit("linted.", "rules", "publish", good.getParent().toString());
            assertEquals(1, run.exitCode());
            assertEquals(List.of(bad + ":5:15: error: unknown severity 'serious' (expected info, warning, error or critical)",
                    "1 error in 1 file"), run.lines(), "the problems as 'rules lint' prints them");
            assertEquals("error: nothing published: the files have errors\n", run.err());
            assertEquals(end, endOffset("linted."), "not even the good file's rule");
            assertEquals(Map.of(), cluster.publishedRules().entries());
        }
    }

    @Test
    void anEntryCannotTakeTheIdOfAnEntryOfTheOtherKind() throws Exception {
        try (ClusterTopics cluster = provision("kinds.")) {
            assertEquals(0, envaudit("kinds.", "rules", "publish", file("kinds/rule.yaml", "rules:\n" + rule("legacy", "error")).toString()).exitCode());
            long end = endOffset("kinds.");
            Path waiver = file("kinds/waiver.yaml", "rules:\n" + rule("numpy-pin", "error") + WAIVER);

            CommandResult run = envaudit("kinds.", "rules", "publish", waiver.toString());
            assertEquals(1, run.exitCode());
            assertEquals(List.of("refused   legacy: kinds.rules holds a rule under this id, which a waiver cannot replace; "
                    + "delete it first, or choose another id"), run.lines());
            assertEquals("error: nothing published (1 refused)\n", run.err());
            assertEquals(end, endOffset("kinds."), "not even numpy-pin");
        }
    }

    @Test
    void deletingAnIdTheTopicDoesNotHoldDeletesNothingUnlessForced() throws Exception {
        try (ClusterTopics cluster = provision("deleting.")) {
            assertEquals(0, envaudit("deleting.", "rules", "publish", file("deleting/rules.yaml", "rules:\n" + rule("numpy-pin", "error")).toString()).exitCode());
            long end = endOffset("deleting.");

            CommandResult refused = envaudit("deleting.", "rules", "delete", "numpy-pin", "pandas-pin");
            assertEquals(1, refused.exitCode());
            assertEquals(List.of("absent    pandas-pin: not on deleting.rules"), refused.lines());
            assertEquals("error: nothing deleted: deleting.rules does not hold 1 of the ids (--force deletes the others)\n", refused.err());
            assertEquals(end, endOffset("deleting."));

            CommandResult forced = envaudit("deleting.", "rules", "delete", "--force", "numpy-pin", "pandas-pin");
            assertEquals(0, forced.exitCode(), forced.err());
            assertEquals(List.of("deleted   numpy-pin", "absent    pandas-pin: not on deleting.rules", "deleting.rules: 1 deleted, 1 absent"),
                    forced.lines());
            assertEquals(Map.of(), cluster.publishedRules().entries());
        }
    }

    @Test
    void theRulesCommandsNeedTheAuditorsTopics() {
        CommandResult run = envaudit("nowhere.", "rules", "list");
        assertEquals(1, run.exitCode());
        assertEquals("error: topic nowhere.schemas does not exist: start the auditor once (envaudit run), which creates "
                + "envaudit's topics, or check --topic-prefix\n", run.err());
    }

    /** Records of rule-file text, as a pack of the given origin (or a user) would have published them. */
    private static List<CompatibilityRule> records(String origin, String rules) {
        LoadedRules loaded = RuleFileLoader.load(List.of(new RuleFile("older.yaml", "rules:\n" + rules)), origin, CHECKS, null);
        return RuleRecords.of(loaded, origin, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void theDefaultPackUpgradesWhatAnOlderPackLeftAndKeepsAUsersEdit() throws Exception {
        List<CompatibilityRule> pack = RuleRecords.ofDefaultPack(CHECKS, Instant.now());
        String changed = pack.get(0).getId();
        String edited = pack.get(1).getId();
        String same = pack.get(2).getId();
        String olderPack = "builtin:default@" + (DefaultRulePack.VERSION - 1);
        List<CompatibilityRule> older = new ArrayList<>(records(olderPack, rule(changed, "info") + rule("retired-by-the-pack", "error")));
        older.addAll(records("user", rule(edited, "critical")));
        older.add(CompatibilityRule.newBuilder(pack.get(2)).setOrigin(olderPack).build());
        try (ClusterTopics cluster = provision("upgrade.")) {
            cluster.publish(RulePublication.ofEntries(cluster.publishedRules(), older));

            CommandResult upgrade = envaudit("upgrade.", "rules", "publish", "--default-pack");
            assertEquals(0, upgrade.exitCode(), upgrade.out() + upgrade.err());
            List<String> lines = upgrade.lines();
            assertEquals("updated   " + changed + " (was " + olderPack + ")", lines.get(0));
            assertEquals("kept      user-edited rule " + edited + " (origin user); the pack's version is not published", lines.get(1));
            assertEquals("unchanged " + same, lines.get(2));
            assertEquals("deleted   retired-by-the-pack", lines.get(lines.size() - 2));
            assertEquals("upgrade.rules: " + (pack.size() - 3) + " added, 1 updated, 1 unchanged, 1 deleted, 1 kept", lines.get(lines.size() - 1));

            PublishedRules upgraded = cluster.publishedRules();
            assertEquals(pack.size(), upgraded.entries().size());
            assertEquals(pack.get(0).getYaml(), upgraded.get(changed).orElseThrow().getYaml());
            assertEquals(DefaultRulePack.ORIGIN, upgraded.get(changed).orElseThrow().getOrigin());
            assertEquals("user", upgraded.get(edited).orElseThrow().getOrigin());
            assertTrue(upgraded.get(edited).orElseThrow().getYaml().contains("severity: critical"), "the user's edit stands");
            assertEquals(olderPack, upgraded.get(same).orElseThrow().getOrigin(), "not sent again");
            assertTrue(upgraded.get("retired-by-the-pack").isEmpty());

            long end = endOffset("upgrade.");
            CommandResult again = envaudit("upgrade.", "rules", "publish", "--default-pack");
            assertEquals("upgrade.rules: " + (pack.size() - 1) + " unchanged, 1 kept", again.lines().get(again.lines().size() - 1));
            assertEquals(end, endOffset("upgrade."), "an upgraded topic gets nothing more");

            CommandResult deleted = envaudit("upgrade.", "rules", "delete", changed);
            assertEquals(List.of("deleted   " + changed, "note: " + changed + " is a rule of the default pack, which the next "
                    + "'envaudit up' or 'rules publish --default-pack' adds back; to silence it for good, waive it",
                    "upgrade.rules: 1 deleted"), deleted.lines());
            CommandResult back = envaudit("upgrade.", "rules", "publish", "--default-pack");
            assertEquals("added     " + changed, back.lines().get(0));
        }
    }
}
