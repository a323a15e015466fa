package io.envaudit.agent.scan;

import io.envaudit.agent.RealData;
import io.envaudit.agent.discover.Deadline;
import io.envaudit.agent.discover.Discovery;
import io.envaudit.agent.discover.DiscoveryResult;
import io.envaudit.agent.host.HostFacts;
import io.envaudit.agent.read.ReadProblem;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScannerTest {
    private static final HostFacts HOST = new HostFacts("4f1c9e2a", "gpu-07", "Debian GNU/Linux 12 (bookworm)", "linux",
            "6.1.0-13-amd64", "x86_64", "linux-64", "2.36", "535.104.05", "12.2", List.of("NVIDIA A10G"));
    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    @TempDir
    Path folder;

    private Path venv(String name) throws IOException {
        Path prefix = folder.resolve(name);
        Path site = Files.createDirectories(prefix.resolve("lib/python3.11/site-packages"));
        Files.writeString(prefix.resolve("pyvenv.cfg"), "home = /usr/bin\nversion = 3.11.2\n");
        RealData.distInfo(site, "requests-2.19.1");
        return prefix;
    }

    private static Scanner scanner() {
        return new Scanner(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aSnapshotCarriesHostLabelsPlatformAndIdentity() throws IOException {
        Path prefix = venv("web");
        ScanResult result = scanner().scan(HOST, List.of(), Map.of("team", "ml-vision"), Discovery.at(List.of(prefix)),
                Deadline.after(Duration.ofMinutes(1)));
        EnvironmentSnapshot snapshot = result.environments().get(0).snapshot();
        assertEquals("4f1c9e2a/" + prefix, snapshot.getEnvironment().getId());
        assertEquals(EnvironmentManager.VENV, snapshot.getEnvironment().getManager());
        assertEquals("web", snapshot.getEnvironment().getName());
        assertEquals(Map.of("team", "ml-vision"), snapshot.getHost().getLabels());
        assertEquals("3.11.2", snapshot.getPlatform().getPythonVersion());
        assertEquals("12.2", snapshot.getPlatform().getCudaDriverVersion());
        assertEquals(List.of("NVIDIA A10G"), snapshot.getPlatform().getGpus());
        assertEquals("2.36", snapshot.getPlatform().getGlibcVersion());
        assertEquals(NOW, snapshot.getCollectedAt());
        assertEquals("agent", snapshot.getSource());
        assertEquals("requests", snapshot.getPackages().get(0).getName());
        assertTrue(result.complete());
    }

    @Test
    void anEnvironmentDeletedAfterItWasFoundIsReportedNotSnapshotted() throws IOException {
        Path kept = venv("kept");
        Path deleted = venv("deleted");
        DiscoveryResult found = Discovery.at(List.of(deleted, kept));
        try (Stream<Path> files = Files.walk(deleted)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        ScanResult result = scanner().scan(HOST, List.of(), Map.of(), found, Deadline.after(Duration.ofMinutes(1)));
        assertEquals(List.of(kept.toString()), result.environments().stream().map(e -> e.snapshot().getEnvironment().getPrefix()).toList());
        assertEquals(List.of(new ReadProblem(deleted, "was deleted during the scan")), result.problems());
    }

    @Test
    void theTimeBudgetLeavesTheRestUnreadAndSaysHowMany() throws IOException {
        DiscoveryResult found = Discovery.at(List.of(venv("a"), venv("b"), venv("c")));
        long[] now = {0};
        // each reading of the clock moves it 10 s on: the 15 s budget lets exactly one environment be read
        Deadline deadline = new Deadline(Duration.ofSeconds(15), () -> now[0] += 10_000_000_000L);
        ScanResult result = scanner().scan(HOST, List.of(), Map.of(), found, deadline);
        assertEquals(1, result.environments().size());
        assertFalse(result.complete());
        assertEquals(List.of(new ReadProblem(folder.resolve("b"), "the time budget (15 s) ran out: this and 1 more environments were not read")),
                result.problems());
    }
}
