package io.envaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.rules.RuleFileLoader;
import io.envaudit.engine.rules.Severity;
import io.envaudit.listings.ListingText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code envaudit audit --format sarif}: valid SARIF 2.1.0 that says what the text and JSON reports say, located in the files. */
class AuditSarifTest {
    private static final String SEED = "../samples/seed-tf210-anaconda-keras.json";
    private static final String EPILEPSY_EXPORT = ConvertCommandTest.REAL + "epilepsy-pip-torch201-cu118-nvidia-label-env-export.yml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CommandResult audit(String... args) {
        List<String> command = new ArrayList<>(List.of("audit"));
        command.addAll(List.of(args));
        return CommandResult.inProcess(new EnvauditAgentCommand(), command.toArray(String[]::new));
    }

    /** The SARIF of an audit, checked against the schema, and its one run. */
    private static JsonNode run(CommandResult result) throws IOException {
        SarifSchema.assertValid(result.out());
        JsonNode log = JSON.readTree(result.out());
        assertEquals("2.1.0", log.get("version").asText());
        assertEquals(SarifReport.SCHEMA, log.get("$schema").asText());
        assertEquals(1, log.get("runs").size(), "one run per invocation");
        return log.get("runs").get(0);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Test
    void theSeedSampleGivesAResultPerConflictWithTheSameRulesAndLevelsAsTheJsonReport() throws Exception {
        CommandResult sarif = audit("--format", "sarif", SEED);
        assertEquals(1, sarif.exitCode(), sarif.err());
        JsonNode run = run(sarif);
        List<String> expected = new ArrayList<>();
        JSON.readTree(audit("--format", "json", SEED).out()).get(0).get("conflicts").forEach(c -> expected.add(
                c.get("rule").asText() + " " + SarifRules.level(Severity.parse(c.get("severity").asText()))));
        List<String> found = list(run.get("results")).stream().map(r -> r.get("ruleId").asText() + " " + r.get("level").asText()).toList();
        assertEquals(expected, found);
        assertEquals(List.of("conda-depends error", "duplicate-distribution error", "anaconda-channel-mixed warning",
                "keras-tensorflow-same-channel warning"), found);

        JsonNode artifact = run.get("artifacts").get(0).get("location");
        assertEquals(Path.of(SEED).toAbsolutePath().normalize().toUri().toString(), artifact.get("uri").asText());
        JsonNode dependsConflict = run.get("results").get(0);
        assertTrue(dependsConflict.get("message").get("text").asText()
                .startsWith("tensorflow-base 2.10.0 has requirement keras 2.10.*, but you have keras 2.4.3"), dependsConflict.toString());
        assertTrue(dependsConflict.get("message").get("text").asText().contains("\nFix: conda install 'keras 2.10.*'"));
        assertTrue(dependsConflict.get("message").get("text").asText().endsWith(
                "\nEnvironment: 9c4e2a1f0b7d4f5e8a6b3c2d1e0f9a8b//home/ana/miniconda3/envs/tf210"), dependsConflict.toString());
        // snapshot JSON has no lines: the result is located at the file, and carries code scanning's fingerprint itself
        JsonNode physical = dependsConflict.get("locations").get(0).get("physicalLocation");
        assertFalse(physical.has("region"), physical.toString());
        JsonNode fingerprints = dependsConflict.get("partialFingerprints");
        assertEquals(fingerprints.get(SarifReport.CONFLICT_FINGERPRINT), fingerprints.get(SarifReport.LINE_HASH));
        JsonNode invocation = run.get("invocations").get(0);
        assertTrue(invocation.get("executionSuccessful").asBoolean());
        assertEquals(1, invocation.get("exitCode").asInt());
    }

    @Test
    void everyLoadedRuleAndBuiltInCheckIsADescriptorWithItsDefaultLevel() throws Exception {
        JsonNode rules = run(audit("--format", "sarif", SEED)).get("tool").get("driver").get("rules");
        List<Rule> pack = RuleFileLoader.load(DefaultRulePack.files(), "user", new HashSet<>(BuiltInChecks.ids()), null).ruleSet().rules();
        List<String> expected = new ArrayList<>(pack.stream().map(r -> r.id() + " " + SarifRules.level(r.severity())).toList());
        BuiltInChecks.all().forEach(c -> expected.add(c.id() + " " + SarifRules.level(c.defaultSeverity())));
        assertEquals(expected, list(rules).stream()
                .map(r -> r.get("id").asText() + " " + r.get("defaultConfiguration").get("level").asText()).toList());
        for (JsonNode rule : rules) {
            String full = rule.get("fullDescription").get("text").asText();
            String shortText = rule.get("shortDescription").get("text").asText();
            assertTrue(!shortText.isBlank() && full.startsWith(shortText) && full.length() <= SarifRules.DESCRIPTION_LIMIT, rule.toString());
            assertTrue(rule.get("help").get("text").asText().startsWith(full), rule.toString());
        }
        // the pack's rules cite their sources; the first web address is the rule's help
        for (Rule rule : pack) {
            JsonNode descriptor = list(rules).stream().filter(r -> r.get("id").asText().equals(rule.id())).findFirst().orElseThrow();
            assertEquals(rule.sources().get(0), descriptor.get("helpUri").asText(), rule.id());
        }
    }

    @Test
    void severitiesMapToLevelsAndTravelInTheProperties(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("org.yaml");
        Files.writeString(rules, """
                rules:
                  - id: org.numpy-1-only
                    description: The organisation's models are pickled with numpy 1. Numpy 2 cannot load them.
                    source: https://numpy.org/devdocs/numpy_2_0_migration_guide.html
                    severity: critical
                    require: ["numpy<1.20"]
                    fix: pip install 'numpy<1.20'
                  - id: org.no-h5py
                    description: Checkpoints are saved with safetensors.
                    source: internal policy
                    severity: info
                    forbid: [h5py]
                """);
        CommandResult result = audit("--format", "sarif", "--rules", rules.toString(), SEED);
        JsonNode run = run(result);
        Map<String, JsonNode> byRule = new HashMap<>();
        run.get("results").forEach(r -> byRule.put(r.get("ruleId").asText(), r));
        assertEquals("error", byRule.get("org.numpy-1-only").get("level").asText());
        assertEquals("critical", byRule.get("org.numpy-1-only").get("properties").get("envauditSeverity").asText());
        assertEquals("note", byRule.get("org.no-h5py").get("level").asText());
        assertEquals("info", byRule.get("org.no-h5py").get("properties").get("envauditSeverity").asText());
        JsonNode descriptors = run.get("tool").get("driver").get("rules");
        assertEquals("org.numpy-1-only", descriptors.get(0).get("id").asText());
        assertEquals("The organisation's models are pickled with numpy 1.", descriptors.get(0).get("shortDescription").get("text").asText());
        assertEquals("error", descriptors.get(0).get("defaultConfiguration").get("level").asText());
        assertEquals("note", descriptors.get(1).get("defaultConfiguration").get("level").asText());
        assertFalse(descriptors.get(1).has("helpUri"), "a source that is no web address is no helpUri");
        assertEquals(1, result.exitCode(), "a critical conflict fails the audit");
    }

    @Test
    void aResultPointsAtTheLineOfItsPackageAndRelatesTheOthers() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(EPILEPSY_EXPORT));
        CommandResult result = audit("--format", "sarif", EPILEPSY_EXPORT);
        assertEquals(1, result.exitCode(), result.err());
        JsonNode numpy = list(run(result).get("results")).stream()
                .filter(r -> r.get("ruleId").asText().equals("duplicate-distribution")
                        && r.get("properties").get("subject").asText().equals("numpy"))
                .findFirst().orElseThrow();
        JsonNode region = numpy.get("locations").get(0).get("physicalLocation").get("region");
        int pipLine = lineOf(lines, "- numpy==1.24.4");
        assertEquals(pipLine, region.get("startLine").asInt());
        assertEquals(pipLine, region.get("endLine").asInt());
        assertEquals(lines.get(pipLine - 1).indexOf('-') + 1, region.get("startColumn").asInt());
        assertEquals(lines.get(pipLine - 1).length() + 1, region.get("endColumn").asInt());
        assertEquals("- numpy==1.24.4", region.get("snippet").get("text").asText());
        assertEquals("numpy 1.24.4 (pip, pypi)", numpy.get("locations").get(0).get("message").get("text").asText());
        JsonNode related = numpy.get("relatedLocations").get(0);
        assertEquals(lineOf(lines, "- numpy-base=1.24.3=py38h060ed82_1"),
                related.get("physicalLocation").get("region").get("startLine").asInt());
        assertFalse(numpy.get("properties").has("environment"), "a listing's environment id holds the path it was read from");
        assertFalse(numpy.get("partialFingerprints").has(SarifReport.LINE_HASH),
                "with a line, code scanning's own fingerprint is the upload action's to compute");
    }

    /** The 1-based number of the one line that is {@code text} once stripped. */
    private static int lineOf(List<String> lines, String text) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(text)) {
                found.add(i + 1);
            }
        }
        assertEquals(1, found.size(), text + " at lines " + found);
        return found.get(0);
    }

    static Stream<String> realListings() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(ConvertCommandTest.REAL))) {
            return files.map(p -> ConvertCommandTest.REAL + p.getFileName()).sorted().toList().stream();
        }
    }

    /** Every located result of every real listing: the region is the line that writes the package its location names. */
    @ParameterizedTest
    @MethodSource("realListings")
    void everyRealListingGivesValidSarifLocatedAtItsPackagesLines(String listing) throws Exception {
        CommandResult result = audit("--format", "sarif", listing);
        JsonNode run = run(result);
        List<String> lines = ListingText.of(listing, Files.readAllBytes(Path.of(listing))).lines();
        int conflicts = JSON.readTree(audit("--format", "json", listing).out()).get(0).get("conflicts").size();
        assertEquals(conflicts, run.get("results").size());
        for (JsonNode r : run.get("results")) {
            List<JsonNode> locations = new ArrayList<>(list(r.get("locations")));
            if (r.has("relatedLocations")) {
                locations.addAll(list(r.get("relatedLocations")));
            }
            for (JsonNode location : locations) {
                JsonNode region = location.get("physicalLocation").get("region");
                if (region == null) {
                    continue;
                }
                String line = lines.get(region.get("startLine").asInt() - 1);
                assertEquals(line.strip(), region.get("snippet").get("text").asText());
                String packageName = location.get("message").get("text").asText().split(" ")[0];
                String named = region.get("startLine").asInt() > 1 ? lines.get(region.get("startLine").asInt() - 2) + "\n" + line : line;
                assertTrue(named.toLowerCase(Locale.ROOT).contains(packageName.toLowerCase(Locale.ROOT)), packageName + " at " + line);
            }
        }
    }

    @Test
    void waivedConflictsAreSuppressedAndDoNotCount() throws Exception {
        JsonNode run = run(audit("--format", "sarif", "--with-default-rules", "--rules", "src/test/resources/audit/waive-seed.yaml",
                "--at", "2026-12-01T00:00:00Z", SEED));
        JsonNode waived = list(run.get("results")).stream().filter(r -> r.get("ruleId").asText().equals("anaconda-channel-mixed"))
                .findFirst().orElseThrow();
        JsonNode suppression = waived.get("suppressions").get(0);
        assertEquals("external", suppression.get("kind").asText());
        assertEquals("accepted", suppression.get("status").asText());
        assertEquals("waived by vision-keeps-anaconda-keras", suppression.get("justification").asText());
        assertEquals(1, list(run.get("results")).stream().filter(r -> r.has("suppressions")).count());
    }

    @Test
    void theFingerprintFollowsTheConflictWhileTheLineMoves(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("environment.yml");
        String original = Files.readString(Path.of(EPILEPSY_EXPORT));
        Files.writeString(file, original);
        String first = audit("--format", "sarif", file.toString()).out();
        assertEquals(first, audit("--format", "sarif", file.toString()).out(), "the same input gives the same SARIF");
        Map<String, JsonNode> before = resultsByConflict(run(audit("--format", "sarif", file.toString())));

        // a comment above everything, and numpy bumped to another version that pip still installs over conda's
        Files.writeString(file, "# the environment of the paper\n" + original.replace("- numpy==1.24.4", "- numpy==1.24.5"));
        Map<String, JsonNode> after = resultsByConflict(run(audit("--format", "sarif", file.toString())));
        assertEquals(before.keySet(), after.keySet());
        for (String conflict : before.keySet()) {
            assertEquals(before.get(conflict).get("partialFingerprints"), after.get(conflict).get("partialFingerprints"), conflict);
            assertEquals(startLine(before.get(conflict)) + 1, startLine(after.get(conflict)), conflict);
        }
        assertNotEquals(before.get("duplicate-distribution numpy").get("partialFingerprints"),
                before.get("duplicate-distribution typing-extensions").get("partialFingerprints"));
    }

    private static Map<String, JsonNode> resultsByConflict(JsonNode run) {
        Map<String, JsonNode> out = new HashMap<>();
        run.get("results").forEach(r -> out.put(r.get("ruleId").asText() + " " + r.get("properties").get("subject").asText(), r));
        return out;
    }

    private static int startLine(JsonNode result) {
        return result.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt();
    }

    @Test
    void aFileThatCannotBeReadIsAnErrorNotificationAndExitsTwo(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("nope.yml").toString();
        CommandResult result = audit("--format", "sarif", SEED, missing);
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("error: no such file: " + missing), result.err());
        JsonNode run = run(result);
        assertEquals(4, run.get("results").size(), "what could be read is still reported");
        JsonNode invocation = run.get("invocations").get(0);
        assertFalse(invocation.get("executionSuccessful").asBoolean());
        assertEquals(2, invocation.get("exitCode").asInt());
        JsonNode error = list(invocation.get("toolExecutionNotifications")).stream()
                .filter(n -> n.get("level").asText().equals("error")).findFirst().orElseThrow();
        assertEquals("no such file: " + missing, error.get("message").get("text").asText());
        assertEquals(Path.of(missing).toUri().toString(),
                error.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText());
    }

    @Test
    void aHealthyListingExitsZeroWithItsUndecidedRulesAsNotes() throws Exception {
        CommandResult result = audit("--format", "sarif", ConvertCommandTest.REAL + "pytorch-issue82889-collect-env-conda-cu116-healthy.txt");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        JsonNode run = run(result);
        assertTrue(list(run.get("results")).stream().noneMatch(r -> r.get("level").asText().equals("error")), run.toString());
        for (JsonNode notification : run.get("invocations").get(0).get("toolExecutionNotifications")) {
            assertEquals("note", notification.get("level").asText());
            assertTrue(notification.get("message").get("text").asText().contains(" is undecided: "), notification.toString());
        }
    }

    @Test
    void skippedLinesAreWarningsAtTheirLinesAndAPartialListingsArtifactSaysSo() throws Exception {
        String uvLock = ConvertCommandTest.LOCKS + "vision-service.uv.lock";
        CommandResult result = audit("--format", "sarif", SEED, uvLock);
        JsonNode run = run(result);
        List<JsonNode> warnings = list(run.get("invocations").get(0).get("toolExecutionNotifications")).stream()
                .filter(n -> n.get("level").asText().equals("warning")).toList();
        assertEquals(List.of(28, 37, 135, 139), warnings.stream()
                .map(n -> n.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt()).toList());
        for (JsonNode warning : warnings) {
            JsonNode physical = warning.get("locations").get(0).get("physicalLocation");
            assertEquals(1, physical.get("artifactLocation").get("index").asInt(), "the uv.lock, the second file given");
            String message = warning.get("message").get("text").asText();
            assertTrue(message.startsWith("skipped '"), message);
            assertTrue(result.err().contains("warning: " + uvLock + ":" + physical.get("region").get("startLine").asInt() + ": "
                    + message), "what stderr warned of: " + result.err());
        }
        assertFalse(run.get("artifacts").get(0).has("properties"), "the seed snapshot lists its whole environment");
        assertTrue(run.get("artifacts").get(1).get("properties").get("partial").asBoolean(), run.get("artifacts").toString());
    }

    /** The validator is no formality: what the schema forbids, it reports. */
    @Test
    void theSchemaRejectsWhatSarifForbids() throws Exception {
        JsonNode log = JSON.readTree(audit("--format", "sarif", SEED).out());
        ObjectNode criticalLevel = log.deepCopy();
        ((ObjectNode) criticalLevel.get("runs").get(0).get("results").get(0)).put("level", "critical");
        assertFalse(SarifSchema.problems(criticalLevel.toString()).isEmpty());
        ObjectNode noVersion = log.deepCopy();
        noVersion.remove("version");
        assertFalse(SarifSchema.problems(noVersion.toString()).isEmpty());
        ObjectNode badUri = log.deepCopy();
        ((ObjectNode) badUri.get("runs").get(0).get("tool").get("driver").get("rules").get(0)).put("helpUri", "not a uri");
        assertFalse(SarifSchema.problems(badUri.toString()).isEmpty(), "formats are checked");
    }
}
