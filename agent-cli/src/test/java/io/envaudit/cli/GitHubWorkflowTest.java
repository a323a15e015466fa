package io.envaudit.cli;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GitHub Actions workflow's structure: pinned actions, Java 17, the jar built, the audit, the upload, then the verdict. */
class GitHubWorkflowTest {
    private static final Pattern PINNED = Pattern.compile("^([\\w.-]+/[\\w.-]+(?:/[\\w.-]+)*)@([0-9a-f]{40})$");

    @Test
    void everyActionIsPinnedToACommitWithItsReleaseInAComment() throws Exception {
        GitHubWorkflow workflow = GitHubWorkflow.read();
        Map<String, String> commitOf = new HashMap<>();
        Set<String> actions = new TreeSet<>();
        for (Map<String, Object> step : workflow.steps()) {
            if (!step.containsKey("uses")) {
                continue;
            }
            String uses = (String) step.get("uses");
            Matcher pinned = PINNED.matcher(uses);
            assertTrue(pinned.matches(), uses + " is not pinned to a full commit");
            assertTrue(Pattern.compile("uses: " + Pattern.quote(uses) + " # v\\d+\\.\\d+\\.\\d+\\n").matcher(workflow.text).find(),
                    uses + " names no release (# vX.Y.Z) beside its commit");
            assertEquals(commitOf.computeIfAbsent(pinned.group(1), a -> pinned.group(2)), pinned.group(2),
                    pinned.group(1) + " is pinned to two commits");
            actions.add(pinned.group(1));
        }
        assertEquals(Set.of("actions/checkout", "actions/setup-java", "github/codeql-action/upload-sarif"), actions);
    }

    @Test
    void javaSeventeenBuildsTheAgentJarFromEnvauditsSource() throws Exception {
        GitHubWorkflow workflow = GitHubWorkflow.read();
        Map<String, Object> java = GitHubWorkflow.with(workflow.step("Set up Java 17"));
        assertEquals("17", java.get("java-version"));
        assertEquals("temurin", java.get("distribution"));
        Map<String, Object> source = GitHubWorkflow.with(workflow.step("Check out envaudit"));
        assertEquals(".envaudit", source.get("path"));
        Map<String, Object> build = workflow.step("Build the envaudit agent jar");
        assertEquals(".envaudit", build.get("working-directory"));
        assertEquals("./mvnw -B -q -pl agent-cli -am package -DskipTests", build.get("run"));
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) workflow.job().get("env");
        assertTrue(((String) env.get("ENVAUDIT_JAR")).endsWith("/.envaudit/agent-cli/target/envaudit-agent.jar"), env.toString());
        assertTrue(workflow.indexOf(workflow.step("Set up Java 17")) < workflow.indexOf(build));
    }

    @Test
    void theAuditStepWritesSarifAndKeepsTheExitCodeForLater() throws Exception {
        Map<String, Object> audit = GitHubWorkflow.read().step("audit");
        assertEquals("bash", audit.get("shell"));
        List<String> lines = ((String) audit.get("run")).lines().map(String::strip).toList();
        assertEquals("set +e", lines.get(0), "the step must not fail before the results are uploaded");
        assertEquals("java -jar \"$ENVAUDIT_JAR\" audit --format sarif environment.yml requirements.txt > envaudit.sarif", lines.get(1));
        assertEquals("echo \"exit-code=$?\" >> \"$GITHUB_OUTPUT\"", lines.get(2));
    }

    @Test
    void theResultsAreUploadedToCodeScanningBeforeTheJobFailsOnTheExitCode() throws Exception {
        GitHubWorkflow workflow = GitHubWorkflow.read();
        Map<String, Object> audit = workflow.step("audit");
        Map<String, Object> upload = workflow.step("Upload the results to code scanning");
        Map<String, Object> fail = workflow.step("Fail on conflicts or unreadable files");
        assertTrue(((String) upload.get("uses")).startsWith("github/codeql-action/upload-sarif@"));
        assertEquals("${{ steps.audit.outputs.sarif }}", GitHubWorkflow.with(upload).get("sarif_file"));
        assertEquals("envaudit", GitHubWorkflow.with(upload).get("category"));
        assertEquals("steps.audit.outputs.sarif != ''", upload.get("if"));
        assertEquals("steps.audit.outputs.exit-code != '0'", fail.get("if"));
        @SuppressWarnings("unchecked")
        Map<String, Object> failEnv = (Map<String, Object>) fail.get("env");
        assertEquals("${{ steps.audit.outputs.exit-code }}", failEnv.get("AUDIT_EXIT_CODE"));
        assertTrue(workflow.indexOf(audit) < workflow.indexOf(upload) && workflow.indexOf(upload) < workflow.indexOf(fail));
        @SuppressWarnings("unchecked")
        Map<String, Object> permissions = (Map<String, Object>) workflow.job().get("permissions");
        assertEquals(Map.of("contents", "read", "security-events", "write"), permissions);
    }
}
