package io.envaudit.listings;

import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What PROVENANCE.md says each real listing shows, against what envaudit finds in it today with the default
 * rule pack and the built-in checks (expectations.yaml says how each verdict is judged). Expectations that
 * need rules envaudit does not have yet are marked pending there, with the reason; they are asserted to
 * still fail, so that one which starts to hold is noticed and promoted.
 */
class RealListingExpectationsTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Auditor AUDITOR = auditor();

    static Stream<RealEnvs.Expectation> holding() {
        return RealEnvs.expectations().stream().filter(e -> e.pending() == null);
    }

    static Stream<RealEnvs.Expectation> pending() {
        return RealEnvs.expectations().stream().filter(e -> e.pending() != null);
    }

    @ParameterizedTest
    @MethodSource("holding")
    void theListingGetsTheVerdictItsProvenanceGives(RealEnvs.Expectation expected) {
        AuditResult result = audit(expected);
        assertNull(failure(expected, result), result.conflicts().toString());
    }

    @ParameterizedTest
    @MethodSource("pending")
    void aPendingExpectationStillFailsForTheReasonGiven(RealEnvs.Expectation expected) {
        AuditResult result = audit(expected);
        assertFalse(expected.pending().isBlank());
        assertTrue(failure(expected, result) != null, expected.file() + " now gets its verdict: delete its 'pending' line in "
                + "expectations.yaml so that it is asserted");
    }

    @Test
    void issue15319sCuda92SelectorBesideTheCuda90BuildOfPytorchIsAWarning() {
        List<Conflict> selector = audit(expectation("pytorch-issue15319-collect-env-cuda92-vs-cu90-build.txt")).conflicts().stream()
                .filter(c -> c.ruleId().equals("pytorch-cuda-selector")).toList();
        assertEquals(1, selector.size(), selector.toString());
        assertEquals(Severity.WARNING, selector.get(0).severity());
        assertEquals(List.of("cuda92", "pytorch"), selector.get(0).offending().stream().map(PackageRef::name).toList());
    }

    @Test
    void yisCpuBuildOfDeepspeedIsNoConflictOfItsOwn() {
        // conda-forge's cpu_ deepspeed compiles no operators: no variant rule or check may take it for a CPU-only extension
        AuditResult result = audit(expectation("yi-pytorch201-cu118-deepspeed-conda-lock.yml"));
        assertTrue(result.conflicts().stream().noneMatch(c -> mentions(c, "deepspeed")), result.conflicts().toString());
    }

    private static RealEnvs.Expectation expectation(String file) {
        return RealEnvs.expectations().stream().filter(e -> e.file().equals(file)).findFirst().orElseThrow();
    }

    /** Why the audit does not give the expected verdict, or null when it does. */
    private static String failure(RealEnvs.Expectation expected, AuditResult result) {
        List<Conflict> errors = result.open().stream().filter(c -> c.severity().atLeast(Severity.ERROR)).toList();
        for (Conflict conflict : result.conflicts()) {
            for (String word : expected.never()) {
                if (mentions(conflict, word)) {
                    return conflict.ruleId() + " (" + conflict.subject() + ") mentions " + word;
                }
            }
        }
        for (Map.Entry<String, List<String>> rule : expected.rules().entrySet()) {
            if (errors.stream().noneMatch(c -> c.ruleId().equals(rule.getKey()) && namesAllOf(c, rule.getValue()))) {
                return "no conflict of " + rule.getKey() + " of severity error names all of " + rule.getValue();
            }
        }
        return switch (expected.verdict()) {
            case "conflict" -> errors.stream().anyMatch(c -> namesOneOf(c, expected.packages())) ? null
                    : "no conflict of severity error names one of " + expected.packages();
            case "clean", "may-warn" -> errors.isEmpty() ? null : errors.size() + " conflict(s) of severity error";
            default -> throw new IllegalArgumentException(expected.file() + ": unknown verdict " + expected.verdict());
        };
    }

    private static boolean namesAllOf(Conflict conflict, List<String> packages) {
        Set<String> named = names(conflict);
        return packages.stream().map(PackageName::normalize).allMatch(named::contains);
    }

    private static boolean namesOneOf(Conflict conflict, List<String> packages) {
        Set<String> named = names(conflict);
        return packages.stream().map(PackageName::normalize).anyMatch(named::contains);
    }

    /** The packages a conflict names, its subject and the offending ones, PEP 503 normalized. */
    private static Set<String> names(Conflict conflict) {
        return Stream.concat(Stream.of(conflict.subject().split("\\+")), conflict.offending().stream().map(PackageRef::name))
                .map(PackageName::normalize).collect(Collectors.toSet());
    }

    private static boolean mentions(Conflict conflict, String word) {
        String all = (conflict.ruleId() + " " + conflict.subject() + " "
                + String.join(" ", conflict.offending().stream().map(PackageRef::name).toList())).toLowerCase(Locale.ROOT);
        return all.contains(word.toLowerCase(Locale.ROOT));
    }

    private static AuditResult audit(RealEnvs.Expectation expected) {
        ParsedListing listing = RealEnvs.read(expected.file());
        assertEquals(expected.format(), listing.format());
        return AUDITOR.audit(EnvironmentView.of(ListingSnapshots.snapshot(listing, ListingIdentity.collectedAt(NOW), expected.file())), NOW);
    }

    private static Auditor auditor() {
        LoadedRules pack = DefaultRulePack.load(Set.copyOf(BuiltInChecks.ids()), NOW);
        assertEquals(List.of(), pack.problems());
        return new Auditor(pack.ruleSet(), BuiltInChecks.all());
    }
}
