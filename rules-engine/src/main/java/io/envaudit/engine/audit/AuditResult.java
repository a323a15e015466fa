package io.envaudit.engine.audit;

import io.envaudit.engine.rules.Severity;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What one audit of one environment found. */
public record AuditResult(String environmentId, List<Conflict> conflicts, List<Undecided> undecided) {

    public AuditResult {
        conflicts = conflicts.stream()
                .sorted(Comparator.comparing(Conflict::severity).reversed()
                        .thenComparing(Conflict::ruleId).thenComparing(Conflict::subject))
                .toList();
        undecided = List.copyOf(undecided);
    }

    public List<Conflict> open() {
        return conflicts.stream().filter(c -> !c.waived()).toList();
    }

    public List<Conflict> waived() {
        return conflicts.stream().filter(Conflict::waived).toList();
    }

    /** The highest severity among the conflicts that count (not waived). */
    public Optional<Severity> highestOpenSeverity() {
        return open().stream().map(Conflict::severity).max(Comparator.naturalOrder());
    }

    /** Drifted: at least one unwaived conflict at or above {@code threshold}. */
    public boolean drifted(Severity threshold) {
        return highestOpenSeverity().map(s -> s.atLeast(threshold)).orElse(false);
    }
}
