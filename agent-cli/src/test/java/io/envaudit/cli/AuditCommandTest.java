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

    /** A machine reading the JSON learns of every file it named, not only of those audited; stderr says the same. */
    @Test
    void jsonNamesAFileThatCouldNotBeReadAfterTheAuditedOnes(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("nope.json").toString();
        CommandResult run = run("audit", "--format", "json", missing, SEED);
        assertEquals(2, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(2, report.size());
        assertEquals(SEED, report.get(0).get("file").asText());
        assertEquals("drifted", report.get(0).get("state").asText());
        assertEquals(missing, report.get(1).get("file").asText());
        assertEquals("unreadable", report.get(1).get("state").asText());
        assertEquals("no such file: " + missing, report.get(1).get("error").asText());
        assertEquals("error: no such file: " + missing, run.err().strip());
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
        assertTrue(run.out().contains(listing + ": conda-list listing of conda environment "
                + "/home/mariopasc/Python/miniconda3/envs/torch_env (torch_env), 270 packages"), run.out());
        assertTrue(run.out().contains("duplicate-distribution (typing-extensions)"), run.out());
        assertFalse(run.out().contains("(partial listing)"), run.out());
    }

    @Test
    void theHeaderSaysWhatIsKnownOfEachKindOfInput(@TempDir Path dir) throws Exception {
        assertTrue(run("audit", SEED).out().startsWith(SEED + ": conda environment /home/ana/miniconda3/envs/tf210 (tf210) on ws-ml-03 "
                + "[team=ml-vision], 42 packages\n"), "snapshot JSON names its host");
        String freeze = ConvertCommandTest.REAL + "mediapipe-jax050-protobuf4256-pip-freeze.txt";
        CommandResult pip = run("audit", freeze);
        assertTrue(pip.out().startsWith(freeze + ": pip-freeze listing, "), "no host, prefix or name stated: " + pip.out());
        String export = ConvertCommandTest.REAL + "epilepsy-pip-torch201-cu118-nvidia-label-env-export.yml";
        assertTrue(run("audit", export).out().startsWith(export + ": conda-env-export listing of conda environment "
                + "/home/mariopasc/Python/miniconda3/envs/torch_env (torch_env), "), "the prefix and name an export states");
        Path named = Files.writeString(dir.resolve("environment.yml"), "name: vision\ndependencies:\n  - numpy=1.26.4=py312h8753938_0\n");
        assertTrue(run("audit", named.toString()).out().startsWith(named + ": conda-env-export listing of conda environment vision, "
                + "1 packages\n"), "a name but no prefix: the file's own path is no prefix to show");
        Path envs = Files.createDirectories(dir.resolve("envs"));
        Path unnamed = Files.copy(Path.of(ConvertCommandTest.REAL, "esrgan-keras-tf114-gpu-win-condalist.txt"), envs.resolve("list.txt"));
        assertTrue(run("audit", unnamed.toString()).out().startsWith(unnamed + ": conda-list listing, 89 packages\n"),
                "a listing that states no prefix: neither the file's path nor the name conda would give it are the environment's");
        Path converted = Files.writeString(dir.resolve("freeze.json"), run("convert", freeze).out());
        assertTrue(run("audit", converted.toString()).out().startsWith(converted + ": environment " + Path.of(freeze).toAbsolutePath()
                .normalize() + ", "), "snapshot JSON of a listing: no manager and no host to name");
    }

    @Test
    void inputFormatAppliesToEveryListingWhileSnapshotJsonStaysJson(@TempDir Path dir) throws Exception {
        Path odd = Files.writeString(dir.resolve("odd.txt"), "numpy 1.26.4 py312h8753938_0\n");
        Path freeze = Files.writeString(dir.resolve("freeze.txt"), "numpy==1.26.4\n");
        CommandResult forced = run("audit", "--input-format", "pip-freeze", SEED, freeze.toString(), odd.toString());
        assertEquals(2, forced.exitCode(), forced.out() + forced.err());
        assertEquals("error: " + odd + ":1: no line reads as a pip-freeze listing; the first: 'numpy 1.26.4 py312h8753938_0': "
                + "expected a requirement: name==version, name @ URL or -e", forced.err().strip());
        assertTrue(forced.out().contains(SEED + ": conda environment "), "the snapshot JSON is read as JSON: " + forced.out());
        assertTrue(forced.out().contains(freeze + ": pip-freeze listing, 1 packages"), forced.out());
        CommandResult detected = run("audit", odd.toString());
        assertEquals(0, detected.exitCode(), detected.err());
        assertTrue(detected.out().startsWith(odd + ": conda-list listing"), detected.out());
    }

    @Test
    void theFormatAnUnknownListingIsToldToNameIsAnOptionOfAudit(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "Dear team,\nplease find the environment attached.\n");
        CommandResult unknown = run("audit", notes.toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("name the format with --input-format"), unknown.err());
        CommandResult named = run("audit", "--input-format", "conda-list", notes.toString());
        assertEquals(2, named.exitCode());
        assertTrue(named.err().startsWith("error: " + notes + ":1: no line reads as a conda-list listing"), named.err());
    }

    @Test
    void jsonCarriesEachInputsPartialFlagAndSkippedLines() throws Exception {
        String freeze = ConvertCommandTest.REAL + "mediapipe-jax050-protobuf4256-pip-freeze.txt";
        String collectEnv = ConvertCommandTest.REAL + "pytorch-issue82889-collect-env-conda-cu116-healthy.txt";
        CommandResult run = run("audit", "--format", "json", SEED, freeze, collectEnv);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(List.of(false, false, true), List.of(report.get(0).get("partial").asBoolean(), report.get(1).get("partial").asBoolean(),
                report.get(2).get("partial").asBoolean()));
        assertEquals(0, report.get(0).get("skipped_lines").size(), "snapshot JSON has no lines to skip");
        JsonNode first = report.get(1).get("skipped_lines").get(0);
        assertEquals(1, first.get("line").asInt());
        assertEquals("List of the installed packages in the virtual environment.", first.get("text").asText());
        assertEquals("expected a requirement: name==version, name @ URL or -e", first.get("reason").asText());
        List<String> warned = run.err().lines().filter(l -> l.startsWith("warning: " + freeze + ":")).toList();
        assertEquals(warned.size(), report.get(1).get("skipped_lines").size(), "the lines stderr warned of: " + warned);
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
