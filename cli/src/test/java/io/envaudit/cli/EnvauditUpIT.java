package io.envaudit.cli;

import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.DefaultRulePack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code envaudit up} from the jar, as a user runs it: a real broker and the auditor start, the default pack
 * is published, the samples' conflicts are printed, SIGTERM (what Ctrl-C amounts to) stops it cleanly, and
 * a second run reuses the data. The second run is stopped the moment the auditor has started, while the
 * samples are still being published: a stop there used to end the JVM before anything was closed.
 */
@Tag("embedded-only") // up starts its own embedded broker: there is no other to point it at
class EnvauditUpIT {
    private static final String STOPPED = "envaudit stopped; data kept in ";

    @TempDir
    Path dir;

    private static long opened(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("OPEN")).count();
    }

    /** The conflicts the samples up publishes have, by the engine the streaming auditor runs. */
    private static long sampleConflicts() {
        Instant now = Instant.now();
        Auditor auditor = new Auditor(DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), now).ruleSet(), BuiltInChecks.all());
        return SampleEnvironments.resources().stream()
                .mapToLong(r -> auditor.audit(EnvironmentView.of(SampleEnvironments.read(r)), now).open().size()).sum();
    }

    private static void assertStoppedCleanly(CommandResult stopped, Path data) {
        assertEquals(0, stopped.exitCode(), stopped.out() + stopped.err());
        List<String> lines = stopped.lines();
        assertEquals(STOPPED + data, lines.get(lines.size() - 1), stopped.out() + stopped.err());
    }

    @Test
    void upShowsTheSamplesConflictsStopsCleanlyAndReusesItsData() throws Exception {
        Path data = dir.resolve(".envaudit");
        long expected = sampleConflicts();
        EnvauditJar.Running first = EnvauditJar.start("up", "--data-dir", data.toString());
        try {
            List<String> seen = first.await(l -> opened(l) >= expected);
            assertEquals(expected, opened(seen), String.join("\n", seen));
            String broker = seen.get(0);
            assertTrue(broker.startsWith("Kafka broker up at 127.0.0.1:"), broker);
            assertEquals("Default rule pack " + DefaultRulePack.VERSION + " on envaudit.rules: 53 added", seen.get(1));
            assertTrue(seen.stream().anyMatch(l -> l.contains("fix: ")), "alerts carry their fix");
            assertStoppedCleanly(first.stop(), data);

            EnvauditJar.Running second = EnvauditJar.start("up", "--data-dir", data.toString());
            try {
                List<String> again = second.await(l -> l.stream().anyMatch(x -> x.startsWith("Auditor started")));
                assertEquals(broker, again.get(0), "the same broker address and data on a second run");
                assertEquals("Default rule pack " + DefaultRulePack.VERSION + " on envaudit.rules: 53 unchanged", again.get(1),
                        "nothing is published again");
                assertStoppedCleanly(second.stop(), data);
            } finally {
                second.kill();
            }
        } finally {
            first.kill();
        }
    }
}
