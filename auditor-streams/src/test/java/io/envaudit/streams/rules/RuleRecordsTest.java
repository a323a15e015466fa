package io.envaudit.streams.rules;

import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.RuleFile;
import io.envaudit.engine.rules.RuleFileLoader;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.RuleKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule files as records of the rules topic: each names the file it came from, in the files' order. */
class RuleRecordsTest {
    private static final Set<String> CHECKS = Set.copyOf(BuiltInChecks.ids());
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void eachRecordNamesTheFileItsEntryCameFrom() {
        List<RuleFile> files = List.of(
                new RuleFile("team/numpy.yaml", """
                        rules:
                          - id: numpy-pin
                            description: NumPy 1 only.
                            source: https://numpy.org
                            severity: error
                            require: [numpy<2]
                        """),
                new RuleFile("team/waivers.yaml", """
                        waivers:
                          - id: legacy
                            rule: numpy-pin
                            reason: Old image.
                            owner: alice@example.org
                            expires: 2027-01-31
                        """));
        LoadedRules loaded = RuleFileLoader.load(files, RuleRecords.USER, CHECKS, NOW);
        assertEquals(List.of(), loaded.problems());

        List<CompatibilityRule> records = RuleRecords.of(loaded, RuleRecords.USER, NOW);
        assertEquals(List.of("numpy-pin", "legacy"), records.stream().map(CompatibilityRule::getId).toList());
        assertEquals(List.of(RuleKind.RULE, RuleKind.WAIVER), records.stream().map(CompatibilityRule::getKind).toList());
        assertEquals(List.of("team/numpy.yaml", "team/waivers.yaml"), records.stream().map(CompatibilityRule::getSourceFile).toList());
        assertEquals(List.of("user", "user"), records.stream().map(CompatibilityRule::getOrigin).toList());
        assertTrue(records.stream().allMatch(r -> r.getPublishedAt().equals(NOW)));
    }

    @Test
    void theDefaultPackNamesItsVersionAndEachRulesFileInThePack() {
        List<CompatibilityRule> pack = RuleRecords.ofDefaultPack(CHECKS, NOW);
        assertEquals(DefaultRulePack.load(CHECKS, null).ruleSet().rules().size(), pack.size());
        assertTrue(pack.stream().allMatch(r -> r.getOrigin().equals(DefaultRulePack.ORIGIN)));
        assertEquals(DefaultRulePack.FILES.stream().map(file -> DefaultRulePack.RESOURCE_FOLDER + file).toList(),
                pack.stream().map(CompatibilityRule::getSourceFile).distinct().toList(), "every file, in the pack's order");
        for (RuleFile file : DefaultRulePack.files()) {
            pack.stream().filter(r -> r.getSourceFile().equals(file.name()))
                    .forEach(r -> assertTrue(file.text().contains("  - id: " + r.getId() + "\n"), r.getId() + " in " + file.name()));
        }
    }
}
