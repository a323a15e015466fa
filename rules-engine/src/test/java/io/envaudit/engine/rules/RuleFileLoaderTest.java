package io.envaudit.engine.rules;

import io.envaudit.engine.spec.InstalledVersion;
import io.envaudit.engine.version.Flavor;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.envaudit.engine.rules.RuleFileResources.BUILT_IN_CHECKS;
import static io.envaudit.engine.rules.RuleFileResources.file;
import static io.envaudit.engine.rules.RuleFileResources.load;
import static io.envaudit.engine.rules.RuleFileResources.loadAt;
import static io.envaudit.engine.rules.RuleFileResources.problemLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule files that are right load into the rule set docs/rules.md describes; checks across files hold. */
class RuleFileLoaderTest {

    private static Map<String, String> texts(Map<String, Glob> globs) {
        Map<String, String> texts = new LinkedHashMap<>();
        globs.forEach((key, glob) -> texts.put(key, glob.text()));
        return texts;
    }

    private static List<String> texts(List<Glob> globs) {
        return globs.stream().map(Glob::text).toList();
    }

    private static boolean matches(PackageSpec spec, String version) {
        return spec.version().matches(InstalledVersion.parse(spec.grammar(), version));
    }

    @Test
    void everyFeatureLoadsIntoTheRuleItSays() {
        LoadedRules loaded = load("valid/everything.yaml");
        assertEquals(List.of(), loaded.problems());
        Rule rule = loaded.ruleSet().rules().get(0);

        assertEquals("tensorflow-2.10-protobuf", rule.id());
        assertEquals("TensorFlow 2.10 wheels require protobuf < 3.20; protobuf 4 breaks `import tensorflow`.", rule.description());
        assertEquals(List.of("https://github.com/tensorflow/tensorflow/blob/v2.10.0/tensorflow/tools/pip_package/setup.py"),
                rule.sources());
        assertEquals(Severity.ERROR, rule.severity());
        assertEquals("user", rule.origin());
        assertEquals("pip install 'protobuf>=3.9.2,<3.20'", rule.fix());

        Scope scope = rule.scope();
        assertEquals(Map.of("team", "ml-*"), texts(scope.labels()));
        assertEquals(List.of("gpu-*"), texts(scope.hosts()));
        assertEquals(List.of("*/envs/prod-*"), texts(scope.environments()));
        assertEquals(Map.of("os", "linux", "arch", "x86_64", "subdir", "linux-64"), texts(scope.platform()));
        assertEquals(Set.of(Installer.PIP, Installer.CONDA), scope.installers());
        assertEquals(Set.of("pypi"), scope.channels());

        PackageSpec tensorflow = rule.when().get(0);
        assertEquals(List.of("tensorflow", Flavor.PEP440), List.of(tensorflow.name(), tensorflow.grammar()));
        assertTrue(matches(tensorflow, "2.10.1"));
        assertFalse(matches(tensorflow, "2.11.0"));

        PackageSpec protobuf = rule.require().get(0);
        assertEquals("protobuf", protobuf.name());
        assertTrue(matches(protobuf, "3.19.6"));
        assertFalse(matches(protobuf, "3.20.0"));
        PackageSpec cudatoolkit = rule.require().get(1);
        assertEquals(List.of("cudatoolkit", Flavor.CONDA), List.of(cudatoolkit.name(), cudatoolkit.grammar()));
        assertNotNull(cudatoolkit.matchSpec());
        assertTrue(matches(cudatoolkit, "11.2.72"));
        assertFalse(matches(cudatoolkit, "11.3.1"));

        PackageSpec numpy = rule.forbid().get(0);
        assertEquals("numpy", numpy.name());
        assertNotNull(numpy.marker(), "the marker after ';' is kept");
        PackageSpec cuda = rule.forbid().get(1);
        assertTrue(cuda.isVirtual());
        assertEquals(List.of("__cuda", Flavor.CONDA), List.of(cuda.name(), cuda.grammar()));
        assertTrue(matches(cuda, "11.1"));
        assertFalse(matches(cuda, "11.2"));

        assertEquals(List.of("keras", "tensorflow"), rule.sameChannel());
        assertEquals(new Rule.ChannelMix("anaconda", Set.of("defaults", "conda-forge")), rule.channelMix());
    }

    @Test
    void aRuleKeepsItsYamlAsWrittenStartingAtColumnOne() {
        List<Rule> rules = load("valid/everything.yaml").ruleSet().rules();
        assertEquals("""
                id: tensorflow-2.10-protobuf            # the example of docs/rules.md
                description: TensorFlow 2.10 wheels require protobuf < 3.20; protobuf 4 breaks `import tensorflow`.
                source: https://github.com/tensorflow/tensorflow/blob/v2.10.0/tensorflow/tools/pip_package/setup.py
                severity: error
                scope:
                  labels: {team: "ml-*"}
                  hosts: ["gpu-*"]
                  environments: ["*/envs/prod-*"]
                  platform: {os: linux, arch: x86_64, subdir: linux-64}
                  installers: [pip, CONDA]
                  channels: [pypi]
                when:
                  - tensorflow>=2.10,<2.11
                require:
                  - protobuf>=3.9.2,<3.20
                  - {conda: "cudatoolkit >=11.2,<11.3"}
                forbid:
                  - numpy>=2; platform_system == "Linux"
                  - __cuda<11.2
                same_channel: [keras, tensorflow]
                channel_mix:
                  channel: anaconda
                  with: [defaults, conda-forge]
                fix: pip install 'protobuf>=3.9.2,<3.20'  # keeps the comment""", rules.get(0).yaml());
        assertEquals("""
                id: numpy.baseline_1
                description: The ML team stays on NumPy 1.
                source:
                  - https://numpy.org/doc/stable/release/2.0.0-notes.html
                  - https://example.org/ml-platform/decisions/7
                severity: CRITICAL
                scope: {labels: {team: "ml-*"}}
                require: [{conda: "numpy 1.*"}]
                fix: |
                  conda install 'numpy<2'""", rules.get(1).yaml(), "the comment and blank line after it belong to what follows");
    }

    @Test
    void aBaselineRuleMayCiteSeveralSourcesAndNeedsNoWhen() {
        Rule rule = load("valid/everything.yaml").ruleSet().rules().get(1);
        assertEquals("numpy.baseline_1", rule.id());
        assertEquals(2, rule.sources().size());
        assertEquals(Severity.CRITICAL, rule.severity());
        assertEquals(List.of(), rule.when());
        assertEquals(Scope.EVERYWHERE.hosts(), rule.scope().hosts());
        assertEquals("numpy", rule.require().get(0).name());
        assertEquals(Flavor.CONDA, rule.require().get(0).grammar());
        assertEquals("conda install 'numpy<2'\n", rule.fix());
    }

    @Test
    void theOriginIsTheCallers() {
        RuleSet ruleSet = RuleFileLoader.load(List.of(file("valid/everything.yaml")), "builtin:default@1",
                BUILT_IN_CHECKS, RuleFileResources.NOW).ruleSet();
        assertEquals(List.of("builtin:default@1", "builtin:default@1"), ruleSet.rules().stream().map(Rule::origin).toList());
    }

    @Test
    void waiversExpireAtTheEndOfTheirDayInUtcOrAtTheirInstant() {
        List<Waiver> waivers = load("valid/everything.yaml").ruleSet().waivers();
        Waiver legacy = waivers.get(0);
        assertEquals(List.of("legacy-tf-protobuf", "tensorflow-2.10-protobuf"), List.of(legacy.id(), legacy.ruleId()));
        assertEquals(Map.of("team", "legacy"), texts(legacy.scope().labels()));
        assertEquals("Frozen image for the 2023 paper; retired in January.", legacy.reason());
        assertEquals("alice@example.org", legacy.owner());
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"), legacy.expires());
        assertTrue(legacy.yaml().startsWith("id: legacy-tf-protobuf\nrule: tensorflow-2.10-protobuf\n"), legacy.yaml());
        assertTrue(legacy.yaml().endsWith("\nexpires: 2027-01-31"), legacy.yaml());

        Waiver noon = waivers.get(1);
        assertEquals("duplicate-distribution", noon.ruleId(), "a built-in check is waived by its id");
        assertEquals(Scope.EVERYWHERE, noon.scope());
        assertEquals(Instant.parse("2027-01-31T10:00:00Z"), noon.expires());
    }

    @Test
    void checksAreSwitchedOffOrRegraded() {
        Map<String, RuleSet.CheckSetting> checks = load("valid/everything.yaml").ruleSet().checks();
        assertEquals(Map.of(
                "pip-requirements", new RuleSet.CheckSetting(true, Severity.CRITICAL),
                "duplicate-distribution", new RuleSet.CheckSetting(false, null),
                "channel-mix", new RuleSet.CheckSetting(true, null)), checks);
    }

    @Test
    void anExpiredWaiverIsAnErrorButStillLoaded() {
        Instant lastMoment = Instant.parse("2027-01-31T23:59:59.999Z");
        assertEquals(List.of(), problemLines(loadAt(lastMoment, "problems/expired.yaml")));

        LoadedRules expired = loadAt(lastMoment.plusMillis(1), "problems/expired.yaml");
        assertEquals(List.of("problems/expired.yaml:6:14: error: waiver 'until-january' has expired (2027-01-31)"),
                problemLines(expired));
        assertEquals(List.of("until-january"), expired.ruleSet().waivers().stream().map(Waiver::id).toList());
    }

    @Test
    void idsAreUniqueAcrossFilesAndBothPlacesAreNamed() {
        LoadedRules loaded = load("across/a.yaml", "across/b.yaml");
        assertEquals(List.of(
                "across/b.yaml:8:9: error: duplicate rule id 'numpy-pin', first defined at across/a.yaml:2:9",
                "across/b.yaml:14:9: error: duplicate waiver id 'legacy', first defined at across/a.yaml:8:9",
                "across/b.yaml:20:3: error: check 'channel-mix' is already set at across/a.yaml:14:3"), problemLines(loaded));
        assertEquals(List.of("numpy-pin", "pandas-pin"), loaded.ruleSet().rules().stream().map(Rule::id).toList());
        assertEquals(Severity.ERROR, loaded.ruleSet().rules().get(0).severity(), "the first definition is kept");
    }

    @Test
    void problemsAreSortedByFileInTheOrderGivenThenLine() {
        LoadedRules loaded = load("problems/bad-severities.yaml", "problems/bad-ids.yaml");
        List<String> places = loaded.problems().stream().map(p -> p.file() + ":" + p.line()).toList();
        assertEquals(List.of("problems/bad-severities.yaml:5", "problems/bad-severities.yaml:8",
                "problems/bad-ids.yaml:2", "problems/bad-ids.yaml:7", "problems/bad-ids.yaml:13", "problems/bad-ids.yaml:14"),
                places);
    }

    @Test
    void aWaiverMayNameARuleOfAFileLoadedAfterIt() {
        assertEquals(List.of("across/waivers-first.yaml:3:11: warning: waiver 'tf-on-old-images' names rule "
                + "'tensorflow-2.10-protobuf', which is neither a loaded rule nor a built-in check"),
                problemLines(load("across/waivers-first.yaml")));
        LoadedRules loaded = load("across/waivers-first.yaml", "valid/everything.yaml");
        assertEquals(List.of(), loaded.problems());
        assertEquals(3, loaded.ruleSet().waivers().size());
    }

    @Test
    void eachRuleAndWaiverNamesTheFileItWasReadFrom() {
        LoadedRules loaded = load("across/waivers-first.yaml", "valid/everything.yaml");
        assertEquals("across/waivers-first.yaml", loaded.sourceFiles().get("tf-on-old-images"));
        assertEquals("valid/everything.yaml", loaded.sourceFiles().get("tensorflow-2.10-protobuf"));
        assertEquals(loaded.ruleSet().rules().size() + loaded.ruleSet().waivers().size(), loaded.sourceFiles().size());
    }

    @Test
    void theExampleInDocsRulesMdLoadsCleanly() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "rules.md"));
        String example = doc.substring(doc.indexOf("```yaml\n") + 8, doc.indexOf("```", doc.indexOf("```yaml\n") + 8));
        LoadedRules loaded = RuleFileLoader.load(List.of(new RuleFile("docs/rules.md", example)), "user", BUILT_IN_CHECKS,
                RuleFileResources.NOW);
        assertEquals(List.of(), problemLines(loaded));
        assertEquals(List.of("tensorflow-2.10-protobuf"), loaded.ruleSet().rules().stream().map(Rule::id).toList());
        assertEquals(1, loaded.ruleSet().waivers().size());
        assertEquals(2, loaded.ruleSet().checks().size());
    }

    @Test
    void emptyFilesAndEmptySectionsAreAnEmptyRuleSet() {
        LoadedRules loaded = load("empty/empty.yaml", "empty/comments-only.yaml", "empty/empty-sections.yaml");
        assertEquals(List.of(), loaded.problems());
        assertEquals(new RuleSet(List.of(), List.of(), Map.of()), loaded.ruleSet());
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsChangeNeitherPlacesNorYaml() {
        String text = "\uFEFFrules:\r\n  - id: numpy-pin\r\n    description: NumPy 1.\r\n    source: https://numpy.org\r\n"
                + "    severity: eror\r\n    require: [numpy<2]\r\n";
        LoadedRules bad = RuleFileLoader.load(List.of(new RuleFile("crlf.yaml", text)), "user", BUILT_IN_CHECKS,
                RuleFileResources.NOW);
        assertEquals(List.of("crlf.yaml:5:15: error: unknown severity 'eror' (expected info, warning, error or critical)"),
                problemLines(bad));

        LoadedRules good = RuleFileLoader.load(List.of(new RuleFile("crlf.yaml", text.replace("eror", "error"))), "user",
                BUILT_IN_CHECKS, RuleFileResources.NOW);
        assertEquals("id: numpy-pin\ndescription: NumPy 1.\nsource: https://numpy.org\nseverity: error\nrequire: [numpy<2]",
                good.ruleSet().rules().get(0).yaml());
    }

    @Test
    void aRuleWrittenAsAFlowMappingKeepsItsOneLine() {
        String text = "rules:\n- {id: pin, description: d, source: s, severity: info, require: [numpy]}   # short\n# next\n";
        Rule rule = RuleFileLoader.load(List.of(new RuleFile("flow.yaml", text)), "user", BUILT_IN_CHECKS,
                RuleFileResources.NOW).ruleSet().rules().get(0);
        assertEquals("{id: pin, description: d, source: s, severity: info, require: [numpy]}   # short", rule.yaml());
        assertNull(rule.fix());
    }
}
