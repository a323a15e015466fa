package io.envaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code envaudit audit} as a user runs it on the shipped seed sample and on broken input. */
class AuditCommandTest {
    private static final String SEED = "../samples/seed-tf210-anaconda-keras.json";

    private static CommandResult run(String... args) {
        return CommandResult.inProcess(new EnvauditAgentCommand(), args);
    }

    @Test
    void theSeedSampleNamesEveryConflictWithAFixAndExitsOne() {
        CommandResult run = run("audit", SEED);
        assertEquals(1, run.exitCode(), run.err());
        for (String rule : List.of("conda-depends (tensorflow-base)", "duplicate-distribution (protobuf)",
                "anaconda-channel-mixed (channel:anaconda)", "keras-tensorflow-same-channel")) {
            assertTrue(run.out().contains(rule), rule + " in\n" + run.out());
        }
        assertEquals(4, run.out().lines().filter(l -> l.strip().startsWith("fix: ")).count(), run.out());
        assertTrue(run.out().contains("4 conflicts (2 error, 2 warning), 0 waived, 0 undecided: drifted"), run.out());
    }

    @Test
    void jsonOutputCarriesTheSameConflicts() throws Exception {
        CommandResult run = run("audit", "--format", "json", SEED);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(1, report.size());
        assertEquals("drifted", report.get(0).get("state").asText());
        List<String> rules = new ArrayList<>();
        report.get(0).get("conflicts").forEach(c -> rules.add(c.get("rule").asText()));
        assertEquals(List.of("conda-depends", "duplicate-distribution", "anaconda-channel-mixed", "keras-tensorflow-same-channel"), rules);
        assertTrue(report.get(0).get("conflicts").get(0).get("packages").size() >= 2);
    }

    @Test
    void aWaiverFromAUserRuleFileIsReportedAsWaivedUntilItExpires() {
        CommandResult before = run("audit", "--with-default-rules", "--rules", "src/test/resources/audit/waive-seed.yaml",
                "--at", "2026-12-01T00:00:00Z", SEED);
        assertTrue(before.out().contains("waived by vision-keeps-anaconda-keras: anaconda-channel-mixed"), before.out() + before.err());
        assertTrue(before.out().contains("3 conflicts (2 error, 1 warning), 1 waived"), before.out());
        CommandResult after = run("audit", "--with-default-rules", "--rules", "src/test/resources/audit/waive-seed.yaml",
                "--at", "2027-01-01T00:00:00Z", SEED);
        assertTrue(after.out().contains("4 conflicts (2 error, 2 warning), 0 waived"), after.out());
    }

    @Test
    void badSnapshotJsonExitsTwoNamingFileLineAndField(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(Path.of(SEED)).replaceFirst("\"version\": \"[^\"]+\"", "\"version\": 2.10"));
        CommandResult run = run("audit", bad.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().matches("(?s)error: .*bad\\.json:\\d+:\\d+: packages\\[\\d+\\]\\.version: expected a string, found a number.*"), run.err());
    }

    @Test
    void aMissingFileOrBrokenRulesExitTwo(@TempDir Path dir) throws Exception {
        assertEquals(2, run("audit", dir.resolve("nope.json").toString()).exitCode());
        Path rules = dir.resolve("bad.yaml");
        Files.writeString(rules, "rules:\n  - id: x\n    severity: fatal\n");
        CommandResult run = run("audit", "--rules", rules.toString(), SEED);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("bad.yaml:"), run.err());
    }

    @Test
    void aCompliantEnvironmentExitsZero(@TempDir Path dir) throws Exception {
        Path clean = dir.resolve("clean.json");
        Files.writeString(clean, """
                {"host": {"id": "h", "hostname": "laptop"},
                 "environment": {"id": "h//venv", "prefix": "/venv", "manager": "VENV"},
                 "platform": {"os": "linux", "python_version": "3.11.4"},
                 "collected_at": "2026-11-30T09:00:00Z",
                 "packages": [{"name": "tensorflow", "version": "2.15.0", "installer": "PIP", "channel": "pypi"},
                              {"name": "keras", "version": "2.15.0", "installer": "PIP", "channel": "pypi"},
                              {"name": "tensorboard", "version": "2.15.2", "installer": "PIP", "channel": "pypi"},
                              {"name": "tensorflow-estimator", "version": "2.15.0", "installer": "PIP", "channel": "pypi"},
                              {"name": "numpy", "version": "1.26.4", "installer": "PIP", "channel": "pypi"}]}
                """);
        CommandResult run = run("audit", clean.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("no conflicts"), run.out());
    }

    @Test
    void listingsAreAuditedBesideSnapshotJson() {
        String listing = ConvertCommandTest.REAL + "epilepsy-pip-torch201-cu118-nvidia-label-condalist.txt";
        CommandResult run = run("audit", SEED, listing);
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains(listing + ": conda environment /home/mariopasc/Python/miniconda3/envs/torch_env (torch_env) "
                + "on unknown, 270 packages"), run.out());
        assertTrue(run.out().contains("duplicate-distribution (typing-extensions)"), run.out());
        assertFalse(run.out().contains("(partial listing)"), run.out());
    }

    @Test
    void aPartialListingIsSaidToBeOneAndAHealthyOneExitsZero() {
        CommandResult run = run("audit", ConvertCommandTest.REAL + "pytorch-issue82889-collect-env-conda-cu116-healthy.txt");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("16 packages (partial listing)"), run.out());
    }

    @Test
    void lockFilesAreAuditedAsTheEnvironmentsTheyLock() {
        CommandResult uv = run("audit", ConvertCommandTest.LOCKS + "vision-service.uv.lock");
        assertEquals(1, uv.exitCode(), uv.out() + uv.err());
        assertTrue(uv.out().contains("tensorflow-protobuf-below-3.20 (tensorflow)"), uv.out());
        assertTrue(uv.out().contains("(partial listing)"), uv.out());
        CommandResult poetry = run("audit", ConvertCommandTest.LOCKS + "training-jobs.poetry.lock");
        assertEquals(0, poetry.exitCode(), poetry.out() + poetry.err());
        CommandResult pixi = run("audit", ConvertCommandTest.LOCKS + "robotics.pixi.lock");
        assertEquals(0, pixi.exitCode(), pixi.out() + pixi.err());
    }
}
