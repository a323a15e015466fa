package io.envaudit.engine.samples;

import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * samples/seed-tf210-anaconda-keras.json audited as envaudit ships: the default rule pack and the built-in checks.
 * samples/README.md explains each finding.
 */
class SeedSampleTest {
    private static final Path SAMPLE = Path.of("..", "samples", "seed-tf210-anaconda-keras.json");
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private record Finding(String ruleId, String subject, Severity severity) {
    }

    @Test
    void findsTheKerasMismatchTheAnacondaChannelAndThePipProtobufAndNothingElse() throws IOException {
        LoadedRules pack = DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), NOW);
        assertEquals(List.of(), pack.problems());
        AuditResult result = new Auditor(pack.ruleSet(), BuiltInChecks.all()).audit(EnvironmentView.of(sample()), NOW);

        assertEquals(Set.of(
                        new Finding("conda-depends", "tensorflow-base", Severity.ERROR),
                        new Finding("duplicate-distribution", "protobuf", Severity.ERROR),
                        new Finding("anaconda-channel-mixed", "channel:anaconda", Severity.WARNING),
                        new Finding("keras-tensorflow-same-channel", "keras+tensorflow", Severity.WARNING)),
                Set.copyOf(result.conflicts().stream().map(c -> new Finding(c.ruleId(), c.subject(), c.severity())).toList()),
                result.conflicts().toString());
        assertEquals(4, result.conflicts().size());
        for (Conflict conflict : result.conflicts()) {
            assertFalse(conflict.fix() == null || conflict.fix().isBlank(), conflict.ruleId() + " has a fix");
        }
        Conflict keras = result.conflicts().stream().filter(c -> c.ruleId().equals("conda-depends")).findFirst().orElseThrow();
        assertTrue(keras.explanation().contains("keras 2.10.*") && keras.explanation().contains("keras 2.4.3"), keras.explanation());
        assertTrue(result.drifted(Severity.ERROR));
    }

    @Test
    void theTensorFlowRecordIsJudgedByItsOwnDependsNotByThePackKerasRule() throws IOException {
        LoadedRules pack = DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), NOW);
        AuditResult packOnly = new Auditor(pack.ruleSet(), List.of()).audit(EnvironmentView.of(sample()), NOW);
        assertTrue(packOnly.conflicts().stream().noneMatch(c -> c.ruleId().equals("tensorflow-2.10-keras")), packOnly.conflicts().toString());
    }

    private static EnvironmentSnapshot sample() throws IOException {
        assertTrue(Files.isRegularFile(SAMPLE), SAMPLE.toAbsolutePath() + " (tests run in the module folder)");
        try (Reader reader = Files.newBufferedReader(SAMPLE)) {
            return AvroPlainJson.read(reader, SAMPLE.toString(), EnvironmentSnapshot.getClassSchema());
        }
    }
}
