package io.envaudit.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.Platform;

/** docs/wire-format.md shows what the code does: its hex example and its Python are checked here. */
class WireFormatDocTest {
    private static final Path DOC = Path.of("..", "docs", "wire-format.md");

    /** The snapshot of the doc's hex example. */
    static EnvironmentSnapshot example() {
        return EnvironmentSnapshot.newBuilder()
                .setHost(Host.newBuilder().setId("a1b2").setHostname("ws-1").setLabels(Map.of()).build())
                .setEnvironment(Environment.newBuilder().setId("a1b2//opt/conda").setPrefix("/opt/conda")
                        .setManager(EnvironmentManager.CONDA).build())
                .setPlatform(Platform.newBuilder().build())
                .setCollectedAt(Instant.parse("2024-05-01T12:00:00Z"))
                .setSource("agent")
                .setPackages(List.of(InstalledPackage.newBuilder().setName("numpy").setVersion("1.26.4")
                        .setInstaller(Installer.CONDA).setChannel("conda-forge").build()))
                .build();
    }

    static String hexRows(byte[] bytes) {
        HexFormat hex = HexFormat.ofDelimiter(" ");
        StringBuilder rows = new StringBuilder();
        for (int offset = 0; offset < bytes.length; offset += 16) {
            rows.append(String.format("%04x  ", offset))
                    .append(hex.formatHex(bytes, offset, Math.min(bytes.length, offset + 16))).append('\n');
        }
        return rows.toString();
    }

    @Test
    void theHexExampleIsWhatTheSerializerWrites() throws Exception {
        byte[] bytes = AvroSingleObjectSerializer.forClass(EnvironmentSnapshot.class, new MemorySchemaRegistry())
                .serialize("envaudit.snapshots", example());
        String rows = hexRows(bytes);

        assertTrue(doc().contains(rows), "docs/wire-format.md should show:\n" + rows);
    }

    @Test
    void thePythonIsTheTestedScripts() throws Exception {
        for (String script : List.of("single_object.py", "publish_snapshot.py")) {
            String code = Files.readString(DebianPython.resource("/python/" + script), StandardCharsets.UTF_8);
            assertTrue(doc().contains(code), "docs/wire-format.md should show " + script + " as it is");
        }
    }

    private static String doc() throws Exception {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }
}
