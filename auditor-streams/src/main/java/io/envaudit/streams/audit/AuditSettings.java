package io.envaudit.streams.audit;

import io.envaudit.engine.rules.Severity;

import java.time.Duration;

/**
 * What an operator tunes in the audit: the severity from which an open conflict makes an environment
 * drifted, how long an environment may stay silent before it is stale and before it is retired, and how
 * many environments one step of a re-audit covers (so no transaction outlives its timeout).
 */
public record AuditSettings(Severity driftThreshold, Duration staleAfter, Duration retireAfter, int reauditChunk) {
    public static final AuditSettings DEFAULTS = new AuditSettings(Severity.WARNING, Duration.ofDays(3), Duration.ofDays(30), 500);

    public AuditSettings {
        if (retiresBeforeStale(staleAfter, retireAfter)) {
            throw new IllegalArgumentException("retire-after (" + retireAfter + ") is shorter than stale-after (" + staleAfter + ")");
        }
        if (reauditChunk < 1) {
            throw new IllegalArgumentException("the re-audit chunk must hold at least one environment, not " + reauditChunk);
        }
    }

    /** Whether an environment would be retired before it is stale: refused. A zero retire-after retires none. */
    public static boolean retiresBeforeStale(Duration staleAfter, Duration retireAfter) {
        return !retireAfter.isZero() && retireAfter.compareTo(staleAfter) < 0;
    }

    public AuditSettings withDriftThreshold(Severity threshold) {
        return new AuditSettings(threshold, staleAfter, retireAfter, reauditChunk);
    }
}
