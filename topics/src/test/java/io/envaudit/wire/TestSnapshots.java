package io.envaudit.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.Platform;

/** Snapshots in the current schema and, projected, in the committed v1 and v2 test schemas. */
public final class TestSnapshots {
    static final Schema CURRENT = EnvironmentSnapshot.getClassSchema();
    static final Schema V1 = schema("/schemas/EnvironmentSnapshot.v1.avsc");
    public static final Schema V2 = schema("/schemas/EnvironmentSnapshot.v2.avsc");

    private TestSnapshots() {
    }

    static EnvironmentSnapshot current(String environmentId) {
        return EnvironmentSnapshot.newBuilder()
                .setHost(Host.newBuilder().setId("host-1").setHostname("ws-1").setLabels(Map.of("team", "vision")).build())
                .setEnvironment(Environment.newBuilder().setId(environmentId).setName("train")
                        .setPrefix("/opt/conda/envs/train").setManager(EnvironmentManager.CONDA).build())
                .setPlatform(Platform.newBuilder().setOs("linux").setArch("x86_64").setSubdir("linux-64")
                        .setPythonVersion("3.11.9").setGpus(List.of("A100")).build())
                .setCollectedAt(Instant.parse("2024-05-01T12:00:00Z"))
                .setPartial(true)
                .setSource("agent")
                .setPackages(List.of(
                        InstalledPackage.newBuilder().setName("numpy").setVersion("1.26.4").setInstaller(Installer.CONDA)
                                .setChannel("conda-forge").setBuild("py311h64a7726_0").setBuildNumber(0L)
                                .setDepends(List.of("python >=3.11,<3.12.0a0")).build(),
                        InstalledPackage.newBuilder().setName("torch").setVersion("2.3.0").setInstaller(Installer.PIP)
                                .setChannel("pypi").setRequires(List.of("numpy")).setShadows("pytorch").build()))
                .build();
    }

    /** The snapshot as a v1 writer has it: no partial, no shadows. */
    static GenericRecord v1(String environmentId) {
        return project(current(environmentId), V1);
    }

    /** The snapshot as a v2 writer has it: an agent version, and torch installed by UV. */
    static GenericRecord v2(String environmentId) {
        GenericRecord record = project(current(environmentId), V2);
        record.put("agent_version", "2.0.0");
        GenericRecord torch = ((List<?>) record.get("packages")).stream().map(GenericRecord.class::cast)
                .filter(p -> p.get("name").toString().equals("torch")).findFirst().orElseThrow();
        Schema installer = torch.getSchema().getField("installer").schema();
        torch.put("installer", new GenericData.EnumSymbol(installer, "UV"));
        return record;
    }

    /** Writes with the current schema and reads with another: Avro's own resolution makes the projection. */
    public static GenericRecord project(EnvironmentSnapshot snapshot, Schema target) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(EnvironmentSnapshot.class).write(snapshot, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(CURRENT, target)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema schema(String resource) {
        try (InputStream in = TestSnapshots.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
