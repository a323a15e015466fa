package io.envaudit.streams.audit;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.StoredEnvironment;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.wire.AvroSingleObjectSerde;
import io.envaudit.wire.MemorySchemaRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredEnvironmentsTest {
    private EnvauditTopics topics;
    private StoredEnvironments stored;
    private EnvironmentSnapshot seed;

    @BeforeEach
    void setUp() throws IOException {
        topics = new EnvauditTopics(EnvauditTopics.DEFAULT_PREFIX, new MemorySchemaRegistry());
        stored = new StoredEnvironments(topics.snapshots().valueSerde(), topics.snapshots().name());
        try (Reader in = Files.newBufferedReader(Path.of("../samples/seed-tf210-anaconda-keras.json"))) {
            seed = AvroPlainJson.read(in, "seed", EnvironmentSnapshot.getClassSchema());
        }
    }

    @Test
    void theStoredFormGivesBackTheSnapshot() {
        assertEquals(seed, stored.snapshotOf(stored.of(seed)));
    }

    @Test
    void aHeartbeatHasTheSameContentFingerprintAndAChangeDoesNot() {
        StoredEnvironment first = stored.of(seed);
        EnvironmentSnapshot later = EnvironmentSnapshot.newBuilder(seed).setCollectedAt(seed.getCollectedAt().plus(Duration.ofHours(1))).build();
        assertEquals(first.getContentFingerprint(), stored.of(later).getContentFingerprint());
        EnvironmentSnapshot upgraded = EnvironmentSnapshot.newBuilder(seed)
                .setPackages(seed.getPackages().stream().filter(p -> !p.getName().equals("keras")).toList()).build();
        assertNotEquals(first.getContentFingerprint(), stored.of(upgraded).getContentFingerprint());
    }

    @Test
    void theStoredFormIsSmallerThanTheSnapshotOnTheWire() {
        int wire = topics.snapshots().valueSerde().serializer().serialize(topics.snapshots().name(), seed).length;
        Serde<StoredEnvironment> serde = new AvroSingleObjectSerde<>(StoredEnvironment.class, topics.registry());
        int kept = serde.serializer().serialize("environments", stored.of(seed)).length;
        assertTrue(kept * 2 < wire, "stored " + kept + " bytes for " + wire + " on the wire");
    }
}
