package io.envaudit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code rules publish} refusals decided before Kafka is reached (the broker given is a closed port: a
 * command that tried to reach it would fail differently, and late). RulesPublishIT has the rest.
 */
class RulesPublishCommandTest {
    private static final String NO_BROKER = "127.0.0.1:1";

    @TempDir
    Path dir;

    @Test
    void filesOrTheDefaultPackNotBothNorNeither() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "rules:\n");
        CommandResult both = CommandResult.inProcess(new EnvauditCommand(), "rules", "publish", "--default-pack", rules.toString(), "-b", NO_BROKER);
        assertEquals(2, both.exitCode());
        assertEquals("error: give rule files or --default-pack, not both\n", both.err());
        CommandResult neither = CommandResult.inProcess(new EnvauditCommand(), "rules", "publish", "-b", NO_BROKER);
        assertEquals(2, neither.exitCode());
        assertEquals("error: give the rule files to publish, or --default-pack\n", neither.err());
    }

    @Test
    void aFileThatCannotBeReadIsAUsageError() {
        CommandResult run = CommandResult.inProcess(new EnvauditCommand(), "rules", "publish", dir.resolve("missing.yaml").toString(), "-b", NO_BROKER);
        assertEquals(2, run.exitCode());
        assertEquals("error: no such file or directory: " + dir.resolve("missing.yaml") + "\n", run.err());
    }

    @Test
    void settingsOfBuiltInChecksAreNotPublished() throws Exception {
        Path rules = Files.writeString(dir.resolve("checks.yaml"), """
                checks:
                  channel-mix: {enabled: false}
                  duplicate-distribution: {severity: warning}
                """);
        CommandResult run = CommandResult.inProcess(new EnvauditCommand(), "rules", "publish", rules.toString(), "-b", NO_BROKER);
        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertEquals("error: nothing published: the rules topic does not carry settings of built-in checks "
                + "(channel-mix, duplicate-distribution); remove the 'checks:' sections\n", run.err());
    }
}
