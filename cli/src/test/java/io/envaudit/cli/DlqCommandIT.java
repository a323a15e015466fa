package io.envaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.RuleFile;
import io.envaudit.engine.rules.RuleFileLoader;
import io.envaudit.kafka.embedded.EmbeddedKafka;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.kafka.embedded.EmbeddedKafkaConfig;
import io.envaudit.streams.app.StreamingAuditor;
import io.envaudit.streams.audit.AuditCounters;
import io.envaudit.streams.audit.AuditSettings;
import io.envaudit.streams.dlq.DeadLetter;
import io.envaudit.streams.dlq.DeadLetterReader;
import io.envaudit.streams.dlq.DeadLetterReplayer;
import io.envaudit.streams.rules.RuleRecords;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.TopicProvisioner;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code envaudit dlq list} and {@code replay}, run in-process as a user runs them, against the real
 * auditor on an embedded broker: the dead letters are the ones the auditor writes for records it cannot read.
 */
class DlqCommandIT {
    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final byte[] NOT_UTF8_KEY = {(byte) 0xFF, (byte) 0xFE, 0x41};

    @TempDir
    static Path root;

    private static EmbeddedKafka kafka;
    private static SchemaRegistryTopic registry;
    private static EnvauditTopics topics;
    private static KafkaStreams auditor;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.under(root));
        Map<String, Object> client = client();
        try (Admin admin = Admin.create(client)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            provisioner.ensure(SchemaRegistryTopic.declaration(SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX)));
            registry = SchemaRegistryTopic.connect(client, SchemaRegistryTopic.topicName(EnvauditTopics.DEFAULT_PREFIX),
                    SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT);
            topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, registry);
            provisioner.ensure(topics.all(), 4, Optional.empty());
            // a deployment with nothing dead-lettered yet, and a topic to replay into
            provisioner.ensure(new EnvauditTopics("quiet.", registry).all(), 1, Optional.empty());
            admin.createTopics(List.of(new NewTopic("scratch", 1, (short) 1))).all().get();
        }
        auditor = StreamingAuditor.create(topics, AuditSettings.DEFAULTS, StreamingAuditor.config("envaudit-dlq-it", root.resolve("streams"),
                topics, AuditCounters.NONE, Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100)));
        auditor.start();
    }

    @AfterAll
    static void stop() {
        auditor.close(Duration.ofSeconds(30));
        registry.close();
        kafka.close();
    }

    private static Map<String, Object> client() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    }

    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run envaudit(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(2, List.of("--bootstrap-servers", kafka.bootstrapServers()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EnvauditCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(command.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static RecordMetadata produce(String topic, byte[] key, byte[] value, Instant timestamp, RecordHeaders headers) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value, headers)).get();
        }
    }

    /** {@code dlq list --format json}, run again until it shows {@code count} dead letters (or a minute has passed). */
    private static List<JsonNode> listedUntil(int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Run run = envaudit("dlq", "list", "--format", "json");
            assertEquals(0, run.exitCode(), run.err());
            List<JsonNode> letters = new ArrayList<>();
            for (String line : run.lines()) {
                letters.add(new ObjectMapper().readTree(line));
            }
            if (letters.size() >= count || System.nanoTime() > deadline) {
                return letters;
            }
            Thread.sleep(200);
        }
    }

    private static String position(JsonNode letter) {
        return letter.get("partition").asInt() + "/" + letter.get("offset").asLong();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static List<String> headerNames(Iterable<Header> headers) {
        List<String> names = new ArrayList<>();
        headers.forEach(header -> names.add(header.key()));
        return names;
    }

    @Test
    void deadLettersOfTheAuditorAreListedFilteredAndReplayed() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RecordHeaders agent = new RecordHeaders();
        agent.add("agent", "ws-a".getBytes(StandardCharsets.UTF_8));
        byte[] jsonSnapshot = "{\"environment\": {\"id\": \"tf210\"}}".getBytes(StandardCharsets.UTF_8);
        RecordMetadata a = produce(topics.snapshots().name(), "host-a//opt/conda/envs/tf210".getBytes(StandardCharsets.UTF_8),
                jsonSnapshot, now.minus(2, ChronoUnit.HOURS), agent);
        produce(topics.snapshots().name(), NOT_UTF8_KEY, new byte[] {(byte) 0xC3, 0x01, 0}, now.minus(1, ChronoUnit.HOURS), new RecordHeaders());
        RecordMetadata rule = produce(topics.rules().name(), "numpy-floor".getBytes(StandardCharsets.UTF_8),
                "id: numpy-floor".getBytes(StandardCharsets.UTF_8), now, new RecordHeaders());

        // as JSON: one object per line, in the order the auditor met them per partition (one dead-letter partition)
        List<JsonNode> listed = listedUntil(3);
        assertEquals(3, listed.size(), listed.toString());
        JsonNode first = listed.stream().filter(l -> "host-a//opt/conda/envs/tf210".equals(l.get("key").asText())).findFirst().orElseThrow();
        assertEquals(topics.deadLetters().name(), first.get("topic").asText());
        assertEquals(topics.snapshots().name(), first.get("source_topic").asText());
        assertEquals(a.partition(), first.get("source_partition").asInt());
        assertEquals(a.offset(), first.get("source_offset").asLong());
        assertEquals(now.minus(2, ChronoUnit.HOURS).toString(), first.get("timestamp").asText(), "the source record's time");
        assertEquals("io.envaudit.wire.UndecodableRecordException", first.get("exception").asText());
        assertTrue(first.get("message").asText().startsWith("BAD_HEADER: "), first.toString());
        listed.forEach(letter -> assertEquals("BAD_HEADER", letter.get("reason").asText(), "none of them is Avro: " + letter));
        assertEquals(jsonSnapshot.length, first.get("value_bytes").asInt());
        JsonNode unreadableKey = listed.stream().filter(l -> l.get("key").isNull()).findFirst().orElseThrow();
        assertEquals(HexFormat.of().formatHex(NOT_UTF8_KEY), unreadableKey.get("key_hex").asText());
        assertTrue(unreadableKey.get("message").asText().startsWith("BAD_HEADER: "), "10 bytes are needed for a header");
        JsonNode badRule = listed.stream().filter(l -> l.get("source_topic").asText().equals(topics.rules().name())).findFirst().orElseThrow();
        assertEquals(rule.offset(), badRule.get("source_offset").asLong());

        // as text: two lines each, then a count
        Run text = envaudit("dlq", "list");
        assertEquals(0, text.exitCode(), text.err());
        assertEquals(7, text.lines().size(), text.out());
        assertTrue(text.out().contains(topics.deadLetters().name() + "/" + position(first) + "  " + now.minus(2, ChronoUnit.HOURS)
                + "  reason BAD_HEADER  from "
                + topics.snapshots().name() + "/" + a.partition() + "/" + a.offset() + "  key host-a//opt/conda/envs/tf210  value "
                + jsonSnapshot.length + " bytes"), text.out());
        assertTrue(text.out().contains("key hex:fffe41"), text.out());
        assertEquals("3 dead letters in " + topics.deadLetters().name(), text.lines().get(6));

        Run rules = envaudit("dlq", "list", "--source-topic", topics.rules().name());
        assertEquals(3, rules.lines().size(), rules.out());
        assertTrue(rules.lines().get(0).contains("key numpy-floor"), rules.out());
        Run limited = envaudit("dlq", "list", "--limit", "1");
        assertEquals(List.of(text.lines().get(0), text.lines().get(1), "1 dead letter in " + topics.deadLetters().name() + " (stopped at --limit 1)"),
                limited.lines());
        Instant since = now.minus(90, ChronoUnit.MINUTES);
        Run recent = envaudit("dlq", "list", "--since", since.toString());
        assertEquals("2 dead letters in " + topics.deadLetters().name() + " since " + since, recent.lines().get(4), recent.out());
        assertFalse(recent.out().contains("host-a"), recent.out());

        // a dry run says where the record would go and sends nothing
        Run dry = envaudit("dlq", "replay", "--offset", position(first), "--to", "scratch", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.err());
        assertEquals(List.of("would replay " + topics.deadLetters().name() + "/" + position(first)
                + " to scratch (partitioned by key)  key host-a//opt/conda/envs/tf210",
                "1 dead letter would be replayed; nothing sent (--dry-run)"), dry.lines());
        assertEquals(0, readAll("scratch").size());

        // replayed elsewhere: the original key, value and headers, and where it was replayed from
        Run toScratch = envaudit("dlq", "replay", "--offset", position(first), "--to", "scratch");
        assertEquals(0, toScratch.exitCode(), toScratch.err());
        assertEquals(List.of("replayed " + topics.deadLetters().name() + "/" + position(first) + " to scratch/0/0", "replayed 1 dead letter"),
                toScratch.lines());
        ConsumerRecord<byte[], byte[]> replayed = readAll("scratch").get(0);
        assertArrayEquals("host-a//opt/conda/envs/tf210".getBytes(StandardCharsets.UTF_8), replayed.key());
        assertArrayEquals(jsonSnapshot, replayed.value());
        assertEquals(List.of("agent", DeadLetterReplayer.REPLAYED_FROM_HEADER), headerNames(replayed.headers()));
        assertEquals(topics.deadLetters().name() + "/" + position(first),
                new String(replayed.headers().lastHeader(DeadLetterReplayer.REPLAYED_FROM_HEADER).value(), StandardCharsets.UTF_8));

        // replayed to where it came from: the auditor still cannot read it, and dead-letters the replay
        Run back = envaudit("dlq", "replay", "--source-topic", topics.rules().name());
        assertEquals(0, back.exitCode(), back.err());
        String replayedRule = back.lines().get(0);
        assertTrue(replayedRule.startsWith("replayed " + topics.deadLetters().name() + "/" + position(badRule) + " to "
                + topics.rules().name() + "/0/"), back.out());
        long replayOffset = Long.parseLong(replayedRule.substring(replayedRule.lastIndexOf('/') + 1));
        assertEquals(4, listedUntil(4).size());
        try (DeadLetterReader<DeadLetter> reader = DeadLetterReader.of(client(), topics.deadLetters(), Duration.ofSeconds(30))) {
            List<DeadLetter> again = new ArrayList<>();
            reader.forEach(Optional.empty(), letter -> !letter.cameFrom(topics.rules().name()) || again.add(letter));
            assertEquals(2, again.size());
            assertEquals(replayOffset, again.get(1).source().orElseThrow().offset());
            assertEquals(List.of(DeadLetterReplayer.REPLAYED_FROM_HEADER), headerNames(again.get(1).originalHeaders()),
                    "the replay's own headers are kept when it is dead-lettered again");
        }

        // a rule that decodes but does not load is dead-lettered while processed, with its own reason
        try (KafkaProducer<String, CompatibilityRule> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), topics.rules().keySerde().serializer(),
                topics.rules().valueSerde().serializer())) {
            CompatibilityRule broken = CompatibilityRule.newBuilder(loadableRule(now)).setYaml("id: org.numpy-floor\nseverity: eror\n").build();
            producer.send(new ProducerRecord<>(topics.rules().name(), broken.getId(), broken)).get();
        }
        assertEquals(5, listedUntil(5).size());
        Run invalid = envaudit("dlq", "list", "--reason", "INVALID_RULE", "--format", "json");
        assertEquals(0, invalid.exitCode(), invalid.err());
        assertEquals(1, invalid.lines().size(), invalid.out());
        JsonNode invalidRule = new ObjectMapper().readTree(invalid.lines().get(0));
        assertEquals("INVALID_RULE", invalidRule.get("reason").asText());
        assertEquals(topics.rules().name(), invalidRule.get("source_topic").asText());
        assertTrue(invalidRule.get("message").asText().startsWith("INVALID_RULE: "), invalidRule.toString());
        Run unreadable = envaudit("dlq", "list", "--reason", "BAD_HEADER");
        assertEquals("4 dead letters in " + topics.deadLetters().name() + " with reason BAD_HEADER", unreadable.lines().get(8),
                unreadable.out());
        Run none = envaudit("dlq", "list", "--reason", "OVERSIZED", "--source-topic", topics.rules().name());
        assertEquals(List.of("no dead letters in " + topics.deadLetters().name() + " from " + topics.rules().name()
                + " with reason OVERSIZED"), none.lines());
    }

    /** The record a user's rule file publishes for a rule that loads. */
    private static CompatibilityRule loadableRule(Instant now) {
        LoadedRules loaded = RuleFileLoader.load(List.of(new RuleFile("policy.yaml", String.join("\n",
                "rules:",
                "  - id: org.numpy-floor",
                "    description: The organisation needs numpy 1.24 or later.",
                "    source: https://example.org/policy",
                "    severity: error",
                "    require: [numpy>=1.24]", ""))), RuleRecords.USER, Set.copyOf(BuiltInChecks.ids()), now);
        assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
        return RuleRecords.of(loaded, RuleRecords.USER, now).get(0);
    }

    @Test
    void anEmptyDeadLetterTopicSaysSo() {
        Run text = envaudit("dlq", "list", "--topic-prefix", "quiet.");
        assertEquals(0, text.exitCode(), text.err());
        assertEquals(List.of("no dead letters in quiet.dlq"), text.lines());
        Run json = envaudit("dlq", "list", "--topic-prefix", "quiet.", "--format", "json");
        assertEquals("", json.out(), "nothing for jq to read");
        Run replay = envaudit("dlq", "replay", "--topic-prefix", "quiet.", "--all");
        assertEquals(List.of("no dead letters to replay in quiet.dlq"), replay.lines());
    }

    @Test
    void whatDoesNotExistIsNamedAndNothingIsSent() {
        Run noTopic = envaudit("dlq", "list", "--topic-prefix", "absent.");
        assertEquals(2, noTopic.exitCode());
        assertEquals("error: topic absent.dlq does not exist" + System.lineSeparator(), noTopic.err());

        Run noLetter = envaudit("dlq", "replay", "--topic-prefix", "quiet.", "--offset", "0/5");
        assertEquals(2, noLetter.exitCode());
        assertEquals("error: no dead letter at quiet.dlq/0/5: partition 0 of quiet.dlq is empty" + System.lineSeparator(), noLetter.err());

        Run otherTopic = envaudit("dlq", "replay", "--offset", "quiet.dlq/0/0");
        assertEquals(2, otherTopic.exitCode());
        assertEquals("error: --offset quiet.dlq/0/0: quiet.dlq is not the dead-letter topic " + topics.deadLetters().name()
                + System.lineSeparator(), otherTopic.err());
    }
}
