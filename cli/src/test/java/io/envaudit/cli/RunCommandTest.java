package io.envaudit.cli;

import io.envaudit.engine.rules.Severity;
import io.envaudit.streams.audit.AuditSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code envaudit run}'s options, up to the point where it would reach Kafka. */
class RunCommandTest {

    private static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run;
    }

    @Test
    void withoutOptionsTheAuditorRunsWithItsDefaults() {
        RunCommand run = parse("--bootstrap-servers", "kafka:9092");
        assertEquals(AuditSettings.DEFAULTS, run.settings());
        assertEquals("envaudit", run.applicationId);
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "envaudit-streams"), run.stateDir);
        assertEquals(4, run.partitions);
        assertNull(run.replicationFactor, "the broker's default");
    }

    @Test
    void theAuditOptionsMakeTheSettings() {
        RunCommand run = parse("--drift-threshold", "error", "--stale-after", "12h", "--retire-after", "2d", "--reaudit-chunk", "50",
                "--state-dir", "/var/lib/envaudit", "--application-id", "envaudit-eu", "--partitions", "12", "--replication-factor", "3");
        assertEquals(new AuditSettings(Severity.ERROR, Duration.ofHours(12), Duration.ofDays(2), 50), run.settings());
        assertEquals(Path.of("/var/lib/envaudit"), run.stateDir);
        assertEquals("envaudit-eu", run.applicationId);
        assertEquals(12, run.partitions);
        assertEquals((short) 3, run.replicationFactor);
    }

    @Test
    void theHelpShowsTheAuditorsDefaults() {
        String help = CommandResult.inProcess(new EnvauditCommand(), "run", "--help").out().replaceAll("\\s+", " ");
        AuditSettings defaults = AuditSettings.DEFAULTS;
        for (String shown : new String[] {"(default: " + DurationConverter.format(defaults.staleAfter()) + ")",
                "(default: " + DurationConverter.format(defaults.retireAfter()) + ")",
                "(default: " + defaults.driftThreshold().label() + ")", "(default: " + defaults.reauditChunk() + ")"}) {
            assertTrue(help.contains(shown), shown + " in " + help);
        }
    }

    @Test
    void settingsTheAuditorRefusesAreUsageErrors() {
        CommandResult run = CommandResult.inProcess(new EnvauditCommand(), "run", "--bootstrap-servers", "kafka:9092", "--stale-after", "3d", "--retire-after", "1d");
        assertEquals(2, run.exitCode());
        assertEquals("error: --retire-after (1d) is shorter than --stale-after (3d)\n", run.err());

        CommandResult chunk = CommandResult.inProcess(new EnvauditCommand(), "run", "--bootstrap-servers", "kafka:9092", "--reaudit-chunk", "0");
        assertEquals(2, chunk.exitCode());
        assertTrue(chunk.err().startsWith("error: the re-audit chunk must hold at least one environment"), chunk.err());

        CommandResult partitions = CommandResult.inProcess(new EnvauditCommand(), "run", "--bootstrap-servers", "kafka:9092", "--partitions", "0");
        assertEquals(2, partitions.exitCode());
        assertEquals("error: --partitions must be at least 1, not 0\n", partitions.err());
    }

    @Test
    void aDurationInAnotherFormIsAUsageError() {
        CommandResult run = CommandResult.inProcess(new EnvauditCommand(), "run", "--bootstrap-servers", "kafka:9092", "--stale-after", "3 days");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'3 days' is not a duration: write a positive whole number and d, h, m or s"), run.err());
    }

    @Test
    void withNoKafkaToConnectToItSaysWhereToGiveOne() {
        CommandResult run = CommandResult.inProcess(new EnvauditCommand(), "run", "--kafka-config", "/nonexistent/client.properties");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: cannot read the Kafka client properties /nonexistent/client.properties"), run.err());
    }
}
