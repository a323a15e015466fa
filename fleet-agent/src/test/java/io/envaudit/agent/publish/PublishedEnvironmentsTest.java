package io.envaudit.agent.publish;

import io.envaudit.agent.publish.PublishedEnvironments.Published;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishedEnvironmentsTest {
    @TempDir
    Path folder;

    @Test
    void whatIsWrittenIsReadBack_pathsWithSpacesTabsAndNonAsciiIncluded() {
        PublishedEnvironments published = PublishedEnvironments.none();
        Published odd = new Published(Path.of("/home/zoë/my envs/a\tb=c:d"), 0xfedcba9876543210L, Instant.parse("2026-11-30T12:00:00.123Z"));
        Published plain = new Published(Path.of("/opt/conda/envs/train"), 7L, Instant.parse("2026-11-30T12:00:00Z"));
        published.acknowledged("host-1//home/zoë/my envs/a\tb=c:d", odd);
        published.acknowledged("host-1//opt/conda/envs/train", plain);
        Path file = folder.resolve("state").resolve("published.properties");

        published.write(file);

        assertEquals(Map.of("host-1//home/zoë/my envs/a\tb=c:d", odd, "host-1//opt/conda/envs/train", plain),
                PublishedEnvironments.read(file).byId());
    }

    @Test
    void aMissingFileIsAFirstRun() {
        assertTrue(PublishedEnvironments.read(folder.resolve("none.properties")).byId().isEmpty());
    }

    @Test
    void anEntryThatDoesNotParseIsLeftOut_theOthersAreKept() throws Exception {
        Path file = folder.resolve("published.properties");
        Files.writeString(file, """
                host-1/a=ff 2026-11-30T12:00:00Z /a
                host-1/b=not-hex 2026-11-30T12:00:00Z /b
                host-1/c=ff yesterday /c
                host-1/d=ff
                """, StandardCharsets.UTF_8);

        assertEquals(Map.of("host-1/a", new Published(Path.of("/a"), 0xff, Instant.parse("2026-11-30T12:00:00Z"))),
                PublishedEnvironments.read(file).byId());
    }

    @Test
    void forgettingRemovesTheEntry() {
        Path file = folder.resolve("published.properties");
        PublishedEnvironments published = PublishedEnvironments.none();
        published.acknowledged("host-1/a", new Published(Path.of("/a"), 1L, Instant.EPOCH));
        published.write(file);
        PublishedEnvironments read = PublishedEnvironments.read(file);
        read.forget("host-1/a");
        read.write(file);
        assertTrue(PublishedEnvironments.read(file).byId().isEmpty());
    }
}
