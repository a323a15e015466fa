package io.envaudit.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;

/**
 * A v1 snapshot written by Debian's python3-avro 1.11 (no single-object encoder: the script adds C3 01
 * and the CRC-64-AVRO fingerprint itself) is read by the current deserializer.
 */
class PythonAvroInteropTest {
    private static final String V1_RESOURCE = "/schemas/EnvironmentSnapshot.v1.avsc";

    @BeforeEach
    void requirePythonAvro() throws Exception {
        DebianPython.require("avro.io", "python3-avro");
    }

    @Test
    void pythonComputesTheSameFingerprintAsJava() throws Exception {
        byte[] bytes = DebianPython.run("write_v1_snapshot.py", new byte[0], DebianPython.resource(V1_RESOURCE).toString());

        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
        assertArrayEquals(SchemaFingerprint.toBytes(SchemaFingerprint.of(TestSnapshots.V1)), Arrays.copyOfRange(bytes, 2, 10));
    }

    @Test
    void theCurrentDeserializerReadsAV1SnapshotWrittenByPython() throws Exception {
        byte[] bytes = DebianPython.run("write_v1_snapshot.py", new byte[0], DebianPython.resource(V1_RESOURCE).toString());
        MemorySchemaRegistry registry = new MemorySchemaRegistry();
        registry.register(TestSnapshots.V1);

        EnvironmentSnapshot read = new AvroSingleObjectDeserializer<>(EnvironmentSnapshot.class, registry).deserialize("t", bytes);

        assertPythonExample(read);
    }

    /** The values of example_snapshot.py, with the current schema's defaults for what v1 lacks. */
    static void assertPythonExample(EnvironmentSnapshot read) {
        assertEquals("py-host-1", read.getHost().getId());
        assertEquals(Map.of("team", "ml"), read.getHost().getLabels());
        assertEquals("py-host-1//opt/conda/envs/train", read.getEnvironment().getId());
        assertEquals(EnvironmentManager.CONDA, read.getEnvironment().getManager());
        assertEquals("2.36", read.getPlatform().getGlibcVersion());
        assertNull(read.getPlatform().getOsVersion());
        assertEquals(List.of("A100"), read.getPlatform().getGpus());
        assertEquals(Instant.parse("2024-05-01T12:00:00Z"), read.getCollectedAt());
        assertFalse(read.getPartial());
        assertEquals("agent", read.getSource());
        InstalledPackage numpy = read.getPackages().get(0);
        assertEquals("py311h64a7726_0", numpy.getBuild());
        assertEquals(0L, numpy.getBuildNumber());
        assertEquals(List.of("python >=3.11,<3.12.0a0"), numpy.getDepends());
        InstalledPackage requests = read.getPackages().get(1);
        assertEquals(Installer.PIP, requests.getInstaller());
        assertNull(requests.getBuildNumber());
        assertEquals(List.of("charset-normalizer<4,>=2", "PySocks!=1.5.7,>=1.5.6; extra == \"socks\""), requests.getRequires());
        assertNull(requests.getShadows());
        assertEquals(2, read.getPackages().size());
    }
}
