package io.envaudit.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code envaudit dlq} refusing what it cannot do, before it talks to Kafka: the broker given is a port
 * nothing listens on, so a command that tried to connect would fail differently (exit 1, after a timeout).
 */
class DlqCommandTest {
    private static final String NOWHERE = "127.0.0.1:1";

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EnvauditCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void refused(String expectedError, String... args) {
        Run run = run(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("error: " + expectedError + System.lineSeparator(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void replayWithoutASelectionIsRefused() {
        refused("say which dead letters to replay: --offset P/O (repeatable), --source-topic TOPIC, or --all",
                "dlq", "replay", "-b", NOWHERE);
        refused("say which dead letters to replay: --offset P/O (repeatable), --source-topic TOPIC, or --all",
                "dlq", "replay", "-b", NOWHERE, "--to", "scratch", "--dry-run");
    }

    @Test
    void replaySelectionsThatContradictEachOtherAreRefused() {
        refused("--offset names dead letters exactly: it does not combine with --source-topic, --all or --since",
                "dlq", "replay", "-b", NOWHERE, "--offset", "0/3", "--all");
        refused("--offset names dead letters exactly: it does not combine with --source-topic, --all or --since",
                "dlq", "replay", "-b", NOWHERE, "--offset", "0/3", "--since", "2026-11-30");
        refused("give --all or --source-topic, not both", "dlq", "replay", "-b", NOWHERE, "--all", "--source-topic", "envaudit.rules");
    }

    @Test
    void anOffsetThatIsNotPartitionSlashOffsetIsNamed() {
        refused("--offset 0-3: expected PARTITION/OFFSET of the dead-letter topic, such as 0/17",
                "dlq", "replay", "-b", NOWHERE, "--offset", "0/3", "--offset", "0-3");
        refused("--offset 0/99999999999999999999: expected PARTITION/OFFSET of the dead-letter topic, such as 0/17",
                "dlq", "replay", "-b", NOWHERE, "--offset", "0/99999999999999999999");
    }

    @Test
    void aReasonThatIsNotACodeIsRefusedWithTheCodes() {
        refused("--reason bad_header: not a reason code; give one of OVERSIZED, BAD_HEADER, UNKNOWN_SCHEMA, INCOMPATIBLE_SCHEMA,"
                + " CORRUPT_BODY, INVALID_RULE, UNDECODABLE, PROCESSING_FAILED", "dlq", "list", "-b", NOWHERE, "--reason", "bad_header");
        refused("--reason is for the auditor's dead letters: the router's say why in words; choose them with --receiver",
                "dlq", "list", "-b", NOWHERE, "--alerts", "--reason", "BAD_HEADER");
    }

    @Test
    void aLimitBelowOneIsRefused() {
        refused("--limit must be at least 1, not 0", "dlq", "list", "-b", NOWHERE, "--limit", "0");
    }

    @Test
    void optionsOfOneDeadLetterTopicAreRefusedForTheOther() {
        refused("--source-topic does not apply to --alerts: the router's dead letters all come from the alerts; choose them with --receiver",
                "dlq", "list", "-b", NOWHERE, "--alerts", "--source-topic", "envaudit.alerts");
        refused("--receiver is for the router's dead letters: add --alerts", "dlq", "list", "-b", NOWHERE, "--receiver", "chat");
        refused("--source-topic and --to are for the auditor's dead letters: with --alerts, notifications go back to their receivers;"
                + " choose them with --receiver", "dlq", "replay", "-b", NOWHERE, "--alerts", "--config", "routes.yaml", "--all",
                "--to", "scratch");
        refused("--config and --receiver are for the router's dead letters: add --alerts",
                "dlq", "replay", "-b", NOWHERE, "--receiver", "chat");
    }

    @Test
    void replayingTheRoutersDeadLettersNeedsTheRoutesFileAndAChoice() {
        refused("--alerts needs --config FILE: the routes file that says where each receiver is",
                "dlq", "replay", "-b", NOWHERE, "--alerts", "--all");
        refused("say which dead letters to replay: --offset P/O (repeatable), --receiver NAME, or --all",
                "dlq", "replay", "-b", NOWHERE, "--alerts", "--config", "routes.yaml");
        refused("give --all or --receiver, not both",
                "dlq", "replay", "-b", NOWHERE, "--alerts", "--config", "routes.yaml", "--all", "--receiver", "chat");
        Run missing = run("dlq", "replay", "-b", NOWHERE, "--alerts", "--config", "no-such-routes.yaml", "--all");
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().startsWith("error: no-such-routes.yaml: cannot read the routes file: "), missing.err());
    }

    @Test
    void dlqAloneShowsItsSubcommands() {
        Run run = run("dlq");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("list") && run.out().contains("replay"), run.out());
    }
}
