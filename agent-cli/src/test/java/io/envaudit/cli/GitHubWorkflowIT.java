package io.envaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GitHub Actions workflow's own scripts, run as the runner runs them, on a copy of the sample repository
 * samples/ci-repo with the agent jar this build made: the audit step, then the step that fails the job. (Checking
 * out, setting up Java and uploading are GitHub's actions, which need GitHub.)
 */
class GitHubWorkflowIT {
    private static final Path AGENT_JAR = Path.of("target", "envaudit-agent.jar").toAbsolutePath();
    private static final Path SAMPLE_REPOSITORY = Path.of("../samples/ci-repo");

    /** What a step left: its exit code and output, the outputs it set, and the workspace it ran in. */
    private record Ran(CommandResult result, Map<String, String> outputs, Path workspace) {
    }

    private static Ran runStep(String step, Path workspace, Map<String, String> variables) throws IOException, InterruptedException {
        Path script = Files.writeString(Files.createTempFile(workspace.getParent(), "step", ".sh"),
                (String) GitHubWorkflow.read().step(step).get("run"));
        Path outputs = Files.createTempFile(workspace.getParent(), "github-output", ".txt");
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("ENVAUDIT_JAR", AGENT_JAR.toString());
        environment.put("GITHUB_OUTPUT", outputs.toString());
        CommandResult result = Shell.actionsStep(workspace, environment, script);
        Map<String, String> set = new HashMap<>();
        for (String line : Files.readAllLines(outputs)) {
            set.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        return new Ran(result, set, workspace);
    }

    private static Path sampleRepository(Path dir) throws IOException {
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        try (Stream<Path> files = Files.list(SAMPLE_REPOSITORY)) {
            for (Path file : files.toList()) {
                Files.copy(file, workspace.resolve(file.getFileName()));
            }
        }
        return workspace;
    }

    @Test
    void theAuditStepFindsTheSampleRepositorysConflictsAtTheirLinesAndTheJobFails(@TempDir Path dir) throws Exception {
        Ran audit = runStep("audit", sampleRepository(dir), Map.of());
        assertEquals(0, audit.result().exitCode(), "the audit step itself succeeds, so that the upload runs: " + audit.result().err());
        assertEquals("1", audit.outputs().get("exit-code"), audit.result().err());
        assertEquals("envaudit.sarif", audit.outputs().get("sarif"));

        String sarif = Files.readString(audit.workspace().resolve("envaudit.sarif"));
        SarifSchema.assertValid(sarif);
        JsonNode run = new ObjectMapper().readTree(sarif).get("runs").get(0);
        assertEquals(audit.workspace().toUri().toString(), run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText());
        List<String> artifacts = new ArrayList<>();
        run.get("artifacts").forEach(a -> artifacts.add(a.get("location").get("uriBaseId").asText() + " " + a.get("location").get("uri").asText()));
        assertEquals(List.of("%SRCROOT% environment.yml", "%SRCROOT% requirements.txt"), artifacts);

        List<String> errors = new ArrayList<>();
        for (JsonNode result : run.get("results")) {
            if (result.get("level").asText().equals("error")) {
                JsonNode physical = result.get("locations").get(0).get("physicalLocation");
                String file = physical.get("artifactLocation").get("uri").asText();
                int line = physical.get("region").get("startLine").asInt();
                errors.add(result.get("ruleId").asText() + " " + file + " "
                        + Files.readAllLines(audit.workspace().resolve(file)).get(line - 1).strip());
            }
        }
        assertTrue(errors.contains("duplicate-distribution environment.yml - numpy==1.24.4"), errors.toString());
        assertTrue(errors.contains("duplicate-distribution environment.yml - typing_extensions=4.9.0=py38h06a4308_1"), errors.toString());
        assertTrue(errors.contains("tensorflow-2.1-tensorboard requirements.txt tensorflow==2.1.0"), errors.toString());
        assertTrue(errors.contains("tensorflow-before-2.5-h5py3 requirements.txt tensorflow==2.1.0"), errors.toString());

        Ran verdict = runStep("Fail on conflicts or unreadable files", audit.workspace(),
                Map.of("AUDIT_EXIT_CODE", audit.outputs().get("exit-code")));
        assertEquals(1, verdict.result().exitCode());
        assertTrue(verdict.result().out().startsWith("::error::envaudit found a conflict of severity error or above"), verdict.result().out());
    }

    @Test
    void aRepositoryWithNoConflictPasses(@TempDir Path dir) throws Exception {
        Path workspace = sampleRepository(dir);
        // real files with no conflict of severity error: conda-forge's TensorFlow 2.11 with protobuf 4.21 (healthy,
        // though wheel metadata would say otherwise), and a pip freeze of TensorFlow 2.11 and PyTorch 1.13 on Windows
        Files.copy(Path.of(ConvertCommandTest.REAL, "hetgnn-condaforge-tf211-cpu-protobuf421-env-export.yml"),
                workspace.resolve("environment.yml"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of(ConvertCommandTest.REAL, "polecart-tf211-intel-torch1131-win-pip-freeze.txt"),
                workspace.resolve("requirements.txt"), StandardCopyOption.REPLACE_EXISTING);
        Ran audit = runStep("audit", workspace, Map.of());
        assertEquals(0, audit.result().exitCode(), audit.result().err());
        assertEquals("0", audit.outputs().get("exit-code"), audit.result().err());
        assertEquals("envaudit.sarif", audit.outputs().get("sarif"));
        SarifSchema.assertValid(Files.readString(workspace.resolve("envaudit.sarif")));
    }

    @Test
    void aMissingFileIsStillUploadedAndFailsTheJobWithExitCodeTwo(@TempDir Path dir) throws Exception {
        Path workspace = sampleRepository(dir);
        Files.delete(workspace.resolve("requirements.txt"));
        Ran audit = runStep("audit", workspace, Map.of());
        assertEquals("2", audit.outputs().get("exit-code"));
        assertTrue(audit.result().err().contains("error: no such file: requirements.txt"), audit.result().err());
        String sarif = Files.readString(workspace.resolve("envaudit.sarif"));
        SarifSchema.assertValid(sarif);
        assertFalse(new ObjectMapper().readTree(sarif).get("runs").get(0).get("invocations").get(0).get("executionSuccessful").asBoolean());
        Ran verdict = runStep("Fail on conflicts or unreadable files", workspace, Map.of("AUDIT_EXIT_CODE", "2"));
        assertEquals(2, verdict.result().exitCode());
        assertTrue(verdict.result().out().startsWith("::error::envaudit could not audit every file (exit code 2)"), verdict.result().out());
    }
}
