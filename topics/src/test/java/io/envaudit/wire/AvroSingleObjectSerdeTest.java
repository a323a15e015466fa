package io.envaudit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.wire.UndecodableRecordException.Reason;

/** The serde against a map-backed registry: the format, evolution, and every way a record can be unreadable. */
class AvroSingleObjectSerdeTest {
    private static final String TOPIC = "envaudit.snapshots";

    private final MemorySchemaRegistry registry = new MemorySchemaRegistry();
    private final AvroSingleObjectSerde<EnvironmentSnapshot> serde = new AvroSingleObjectSerde<>(EnvironmentSnapshot.class, registry);

    @Test
    void roundTripsTheCurrentSchema() {
        EnvironmentSnapshot snapshot = TestSnapshots.current("host-1//opt/conda/envs/train");

        assertEquals(snapshot, serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, snapshot)));
    }

    @Test
    void writesC301ThenTheLittleEndianFingerprintThenTheBody() throws Exception {
        byte[] bytes = serde.serializer().serialize(TOPIC, TestSnapshots.current("e"));
        long fingerprint = SchemaFingerprint.of(EnvironmentSnapshot.getClassSchema());

        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
        assertArrayEquals(SchemaFingerprint.toBytes(fingerprint), Arrays.copyOfRange(bytes, 2, 10));
        assertEquals((byte) (fingerprint & 0xFF), bytes[2], "least significant byte first");
        // The same bytes as Avro's own encoder for the generated class.
        assertArrayEquals(bytes, EnvironmentSnapshot.getEncoder().encode(TestSnapshots.current("e")).array());
    }

    @Test
    void registersTheWriterSchemaOnceBeforeTheFirstRecord() {
        assertEquals(0, registry.registrations.get());
        for (int i = 0; i < 5; i++) {
            serde.serializer().serialize(TOPIC, TestSnapshots.current("e" + i));
        }
        assertEquals(1, registry.registrations.get());
        assertTrue(registry.findByFingerprint(SchemaFingerprint.of(EnvironmentSnapshot.getClassSchema())) != null);
    }

    @Test
    void nullStaysNull() {
        assertNull(serde.serializer().serialize(TOPIC, null));
        assertNull(serde.deserializer().deserialize(TOPIC, null));
        assertEquals(0, registry.registrations.get(), "a tombstone needs no schema");
    }

    @Test
    void readsAnOlderWriterWithTheCurrentDefaults() {
        GenericRecord v1 = TestSnapshots.v1("host-1//opt/conda/envs/train");
        byte[] bytes = AvroSingleObjectSerializer.forSchema(TestSnapshots.V1, registry).serialize(TOPIC, v1);

        EnvironmentSnapshot read = serde.deserializer().deserialize(TOPIC, bytes);

        assertFalse(read.getPartial(), "partial is not in v1: its default");
        assertNull(read.getPackages().get(1).getShadows(), "shadows is not in v1: its default");
        assertEquals("torch", read.getPackages().get(1).getName());
        assertEquals(TestSnapshots.current("x").getCollectedAt(), read.getCollectedAt());
    }

    @Test
    void readsANewerWriterDroppingWhatItDoesNotKnow() {
        byte[] bytes = AvroSingleObjectSerializer.forSchema(TestSnapshots.V2, registry)
                .serialize(TOPIC, TestSnapshots.v2("host-1//opt/conda/envs/train"));

        EnvironmentSnapshot read = serde.deserializer().deserialize(TOPIC, bytes);

        InstalledPackage torch = read.getPackages().get(1);
        assertEquals(Installer.UNKNOWN, torch.getInstaller(), "UV is not a symbol here: the enum's default");
        assertEquals("pytorch", torch.getShadows());
        assertTrue(read.getPartial());
        EnvironmentSnapshot current = TestSnapshots.current("host-1//opt/conda/envs/train");
        InstalledPackage unknownTorch = InstalledPackage.newBuilder(current.getPackages().get(1)).setInstaller(Installer.UNKNOWN).build();
        assertEquals(EnvironmentSnapshot.newBuilder(current).setPackages(List.of(current.getPackages().get(0), unknownTorch)).build(), read);
    }

    @Test
    void oneSerdeServesManyThreadsAndWriterVersionsAtOnce() throws Exception {
        byte[] v1 = AvroSingleObjectSerializer.forSchema(TestSnapshots.V1, registry).serialize(TOPIC, TestSnapshots.v1("e"));
        byte[] v2 = AvroSingleObjectSerializer.forSchema(TestSnapshots.V2, registry).serialize(TOPIC, TestSnapshots.v2("e"));
        EnvironmentSnapshot fromV1 = serde.deserializer().deserialize(TOPIC, v1);
        EnvironmentSnapshot fromV2 = serde.deserializer().deserialize(TOPIC, v2);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int t = thread;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        EnvironmentSnapshot current = TestSnapshots.current("t" + t + "-" + i);
                        assertEquals(current, serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, current)));
                        assertEquals(fromV1, serde.deserializer().deserialize(TOPIC, v1));
                        assertEquals(fromV2, serde.deserializer().deserialize(TOPIC, v2));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, registry.registrations.get(), "v1, v2 and the serde's own schema, each once");
    }

    @Test
    void tooShortIsABadHeader() {
        assertReason(Reason.BAD_HEADER, new byte[] {(byte) 0xC3, 0x01, 1, 2, 3});
        assertReason(Reason.BAD_HEADER, new byte[0]);
    }

    @Test
    void aRecordLargerThanTheLimitIsRefusedBeforeDecoding() {
        byte[] header = serde.serializer().serialize(TOPIC, TestSnapshots.current("e"));
        byte[] oversized = java.util.Arrays.copyOf(header, AvroSingleObjectDeserializer.MAX_RECORD_BYTES + 1);
        UndecodableRecordException failure = assertReason(Reason.OVERSIZED, oversized);
        assertTrue(failure.getMessage().contains(Integer.toString(AvroSingleObjectDeserializer.MAX_RECORD_BYTES + 1)), failure.getMessage());
        byte[] atTheLimit = java.util.Arrays.copyOf(header, AvroSingleObjectDeserializer.MAX_RECORD_BYTES);
        assertReason(Reason.CORRUPT_BODY, atTheLimit); // read, and found to have bytes after the record
    }

    @Test
    void anotherMagicIsABadHeader() {
        byte[] bytes = serde.serializer().serialize(TOPIC, TestSnapshots.current("e"));
        bytes[1] = 0x02;
        UndecodableRecordException failure = assertReason(Reason.BAD_HEADER, bytes);
        assertTrue(failure.getMessage().contains("C3 02"), failure.getMessage());
        // Confluent's wire format (magic 0, 4-byte schema id) is refused the same way.
        assertReason(Reason.BAD_HEADER, new byte[] {0, 0, 0, 0, 1, 2, 'a', 'b', 'c', 'd', 'e'});
    }

    @Test
    void aFingerprintNoWriterRegisteredIsAnUnknownSchema() {
        byte[] bytes = serde.serializer().serialize(TOPIC, TestSnapshots.current("e"));
        bytes[2] ^= 0x55;

        UndecodableRecordException failure = assertReason(Reason.UNKNOWN_SCHEMA, bytes);
        assertTrue(failure.getMessage().contains(SchemaFingerprint.hex(SchemaFingerprint.fromBytes(bytes, 2))), failure.getMessage());
    }

    @Test
    void aWriterWithoutAFieldTheReaderNeedsIsIncompatible() {
        // collected_at has no default: a writer without it cannot be read.
        Schema writer = SchemaBuilder.record("EnvironmentSnapshot").namespace("io.envaudit.schemas").fields()
                .requiredString("source").endRecord();
        GenericRecord record = new GenericData.Record(writer);
        record.put("source", "agent");
        byte[] bytes = AvroSingleObjectSerializer.forSchema(writer, registry).serialize(TOPIC, record);

        UndecodableRecordException failure = assertReason(Reason.INCOMPATIBLE_SCHEMA, bytes);
        assertTrue(failure.getMessage().contains("collected_at"), failure.getMessage());
    }

    @Test
    void aTruncatedBodyIsCorrupt() {
        byte[] bytes = serde.serializer().serialize(TOPIC, TestSnapshots.current("e"));
        assertReason(Reason.CORRUPT_BODY, Arrays.copyOf(bytes, bytes.length - 3));
        assertReason(Reason.CORRUPT_BODY, Arrays.copyOf(bytes, 10));
    }

    @Test
    void bytesAfterTheRecordAreCorrupt() {
        byte[] bytes = serde.serializer().serialize(TOPIC, TestSnapshots.current("e"));
        assertReason(Reason.CORRUPT_BODY, Arrays.copyOf(bytes, bytes.length + 1));
    }

    @Test
    void aHugeLengthIsCorruptWithoutAllocatingIt() {
        byte[] bytes = serde.serializer().serialize(TOPIC, TestSnapshots.current("e"));
        // Byte 10 is the length of host.id ("host-1": zigzag 12). Make it about 1 GiB.
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        damaged.write(bytes, 0, 10);
        damaged.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07});
        damaged.write(bytes, 11, bytes.length - 11);

        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertReason(Reason.CORRUPT_BODY, damaged.toByteArray()));
    }

    @Test
    void anEnumIndexOutOfRangeIsCorrupt() {
        EnvironmentSnapshot snapshot = EnvironmentSnapshot.newBuilder(TestSnapshots.current("e")).setPackages(List.of()).build();
        byte[] bytes = serde.serializer().serialize(TOPIC, snapshot);
        // The environment's manager is the enum after its prefix; CONDA (0) becomes 60.
        int manager = indexOf(bytes, "/opt/conda/envs/train".getBytes()) + "/opt/conda/envs/train".length();
        assertEquals(0, bytes[manager]);
        bytes[manager] = 120;

        assertReason(Reason.CORRUPT_BODY, bytes);
    }

    private UndecodableRecordException assertReason(Reason reason, byte[] bytes) {
        UndecodableRecordException failure = assertThrows(UndecodableRecordException.class,
                () -> serde.deserializer().deserialize(TOPIC, bytes));
        assertEquals(reason, failure.reason(), failure.getMessage());
        assertTrue(failure.getMessage().startsWith(reason + ": " + TOPIC), failure.getMessage());
        return failure;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
