package io.envaudit.streams.dlq;

import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.kafka.testing.KafkaBroker;
import io.envaudit.streams.app.RunningAuditor;
import io.envaudit.wire.AvroSingleObjectSerializer;
import io.envaudit.wire.MemorySchemaRegistry;
import io.envaudit.wire.SchemaRegistryTopic;
import io.envaudit.wire.TestSnapshots;
import io.envaudit.wire.UndecodableRecordException;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records the auditor cannot read, on the real broker with the auditor's own configuration: they land in
 * the dead-letter topic with why and where, the auditor goes on, and a dead letter whose schema is
 * registered afterwards is replayed and audited.
 */
class DeadLetterIT {
    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final int SEED_CONFLICTS = 4;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    /** The auditor's state dir. */
    @TempDir
    static Path root;

    private static RunningAuditor auditor;

    @BeforeAll
    static void start() {
        auditor = RunningAuditor.start(kafka, root, 4);
    }

    @AfterAll
    static void stop() {
        auditor.close();
    }

    private static RecordMetadata produce(ProducerRecord<String, byte[]> record) throws Exception {
        try (KafkaProducer<String, byte[]> producer = auditor.producer(new ByteArraySerializer())) {
            return producer.send(record).get();
        }
    }

    private static byte[] encode(EnvironmentSnapshot snapshot) {
        return auditor.topics().snapshots().valueSerde().serializer().serialize(auditor.topics().snapshots().name(), snapshot);
    }

    /** The dead letters of one environment, read again until there are {@code count} (or a minute has passed). */
    private static List<DeadLetter> deadLettersOf(String environmentId, int count) throws InterruptedException {
        Predicate<DeadLetter> ofIt = letter -> Arrays.equals(letter.key(), environmentId.getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (DeadLetterReader<DeadLetter> reader = DeadLetterReader.of(auditor.clientConfig(), auditor.topics().deadLetters(), Duration.ofSeconds(30))) {
            while (true) {
                List<DeadLetter> letters = new ArrayList<>();
                reader.forEach(Optional.empty(), letter -> !ofIt.test(letter) || letters.add(letter));
                if (letters.size() >= count || System.nanoTime() > deadline) {
                    return letters;
                }
                Thread.sleep(200);
            }
        }
    }

    private static long opened(List<ConflictAlert> alerts) {
        return alerts.stream().filter(a -> a.getState() == AlertState.OPEN).count();
    }

    private static RecordPosition sourceOf(RecordMetadata written) {
        return new RecordPosition(written.topic(), written.partition(), written.offset());
    }

    @Test
    void unreadableSnapshotsAreDeadLetteredWithWhyAndWhereAndTheNextGoodOneIsAudited() throws Exception {
        String id = "host-dlq-1//opt/conda/envs/tf210";
        String topic = auditor.topics().snapshots().name();
        RecordHeaders agent = new RecordHeaders();
        agent.add("agent", "ws-1".getBytes(StandardCharsets.UTF_8));
        byte[] json = "{\"environment\": {\"id\": \"tf210\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] good = encode(RunningAuditor.seedSample(id));
        byte[] truncated = Arrays.copyOf(good, good.length - 7);

        RecordMetadata notAvro = produce(new ProducerRecord<>(topic, null, id, json, agent));
        RecordMetadata cut = produce(new ProducerRecord<>(topic, id, truncated));
        produce(new ProducerRecord<>(topic, id, good));

        assertEquals(SEED_CONFLICTS, opened(auditor.alertsOf(id, SEED_CONFLICTS)), "the auditor went on to the good snapshot");
        assertEquals(KafkaStreams.State.RUNNING, auditor.streams().state());
        List<DeadLetter> letters = deadLettersOf(id, 2);
        assertEquals(2, letters.size(), "the two unreadable records, and not the good one");

        DeadLetter first = letters.get(0);
        assertEquals(Optional.of(sourceOf(notAvro)), first.source());
        assertEquals(Optional.of(UndecodableRecordException.class.getName()), first.exception());
        assertTrue(first.message().orElseThrow().startsWith("BAD_HEADER: " + topic + ": starts with 7B 22, not C3 01"), first.message().orElseThrow());
        assertEquals(Optional.of("BAD_HEADER"), first.reason());
        assertArrayEquals(json, first.value());
        assertEquals("agent", first.originalHeaders().get(0).key(), "the source record's headers travel with it");

        DeadLetter second = letters.get(1);
        assertEquals(Optional.of(sourceOf(cut)), second.source());
        assertTrue(second.message().orElseThrow().startsWith("CORRUPT_BODY: " + topic + ": the body does not fit"), second.message().orElseThrow());
        assertEquals(Optional.of("CORRUPT_BODY"), second.reason());
        assertArrayEquals(truncated, second.value());
        assertEquals(auditor.topics().deadLetters().name(), second.position().topic());
        assertTrue(second.position().offset() > first.position().offset());
    }

    @Test
    void aSnapshotOfAnUnregisteredSchemaIsDeadLetteredAndOnceItIsRegisteredItsReplayIsAudited() throws Exception {
        String id = "host-dlq-2//opt/conda/envs/tf210";
        String topic = auditor.topics().snapshots().name();
        GenericRecord newer = TestSnapshots.project(RunningAuditor.seedSample(id), TestSnapshots.V2);
        newer.put("agent_version", "2.0.0");
        // A newer agent that broke the rule: its schema went to its own memory, not to envaudit.schemas.
        byte[] bytes = AvroSingleObjectSerializer.forSchema(TestSnapshots.V2, new MemorySchemaRegistry()).serialize(topic, newer);
        RecordMetadata written = produce(new ProducerRecord<>(topic, id, bytes));

        List<DeadLetter> letters = deadLettersOf(id, 1);
        assertEquals(1, letters.size());
        DeadLetter letter = letters.get(0);
        assertEquals(Optional.of(sourceOf(written)), letter.source());
        assertTrue(letter.message().orElseThrow().startsWith("UNKNOWN_SCHEMA: "), letter.message().orElseThrow());
        assertEquals(Optional.of("UNKNOWN_SCHEMA"), letter.reason());

        // The agent registers its schema, as a newer agent does, through its own client: the auditor's cache
        // does not have it and must find it in the schemas topic when the replayed record comes.
        try (SchemaRegistryTopic agentRegistry = SchemaRegistryTopic.connect(auditor.clientConfig(),
                SchemaRegistryTopic.topicName("envaudit."), SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT)) {
            agentRegistry.register(TestSnapshots.V2);
        }
        RecordMetadata replayed;
        try (DeadLetterReplayer replayer = new DeadLetterReplayer(auditor.clientConfig(), Duration.ofSeconds(30))) {
            ProducerRecord<byte[], byte[]> replay = DeadLetterReplayer.replayOf(letter, Optional.empty());
            replayer.checkDestinations(List.of(replay));
            replayed = replayer.send(replay);
        }
        assertEquals(written.partition(), replayed.partition(), "back to the partition it came from");
        assertTrue(replayed.offset() > written.offset());

        assertEquals(SEED_CONFLICTS, opened(auditor.alertsOf(id, SEED_CONFLICTS)), "the replayed snapshot was audited");
        assertEquals(1, deadLettersOf(id, 1).size(), "and not dead-lettered again");
    }
}
