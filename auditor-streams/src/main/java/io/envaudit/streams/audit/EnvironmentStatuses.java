package io.envaudit.streams.audit;

import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.EnvironmentState;
import io.envaudit.schemas.EnvironmentStatus;

import java.time.Instant;

/**
 * An environment's status: counts by severity from its latest audit, compliant or drifted by the drift
 * threshold, and stale while it is silent, which wins over the other two while the counts stay.
 */
final class EnvironmentStatuses {
    private EnvironmentStatuses() {
    }

    /**
     * After an audit. {@code previous} (null for a new environment) keeps a later last-seen time, and the
     * stale state when the audit is a re-audit rather than a report ({@code reported} false).
     */
    static EnvironmentStatus of(EnvironmentSnapshot snapshot, AuditResult result, Severity driftThreshold,
                                EnvironmentStatus previous, boolean reported) {
        int[] open = new int[Severity.values().length];
        for (Conflict conflict : result.open()) {
            open[conflict.severity().ordinal()]++;
        }
        Instant lastSeen = previous != null && previous.getLastSeen().isAfter(snapshot.getCollectedAt())
                ? previous.getLastSeen() : snapshot.getCollectedAt();
        EnvironmentStatus.Builder status = EnvironmentStatus.newBuilder()
                .setEnvironmentId(snapshot.getEnvironment().getId())
                .setHostId(snapshot.getHost().getId())
                .setHostname(snapshot.getHost().getHostname())
                .setLabels(snapshot.getHost().getLabels())
                .setState(EnvironmentState.COMPLIANT)
                .setHighestSeverity(result.highestOpenSeverity()
                        .map(s -> io.envaudit.schemas.Severity.valueOf(s.name())).orElse(null))
                .setOpenInfo(open[Severity.INFO.ordinal()])
                .setOpenWarning(open[Severity.WARNING.ordinal()])
                .setOpenError(open[Severity.ERROR.ordinal()])
                .setOpenCritical(open[Severity.CRITICAL.ordinal()])
                .setWaived(result.waived().size())
                .setUndecided(result.undecided().size())
                .setCollectedAt(snapshot.getCollectedAt())
                .setLastSeen(lastSeen);
        boolean staysStale = !reported && previous != null && previous.getState() == EnvironmentState.STALE;
        return status.setState(staysStale ? EnvironmentState.STALE : auditedState(status.getHighestSeverity(), driftThreshold)).build();
    }

    /** The same status, seen again at {@code at} with unchanged content: no longer stale. */
    static EnvironmentStatus seen(EnvironmentStatus status, Instant at, Severity driftThreshold) {
        return EnvironmentStatus.newBuilder(status).setLastSeen(at)
                .setState(auditedState(status.getHighestSeverity(), driftThreshold)).build();
    }

    /** The same status under another drift threshold: compliant or drifted by its highest open severity; stale stays stale. */
    static EnvironmentStatus restated(EnvironmentStatus status, Severity driftThreshold) {
        return status.getState() == EnvironmentState.STALE ? status
                : EnvironmentStatus.newBuilder(status).setState(auditedState(status.getHighestSeverity(), driftThreshold)).build();
    }

    static EnvironmentStatus stale(EnvironmentStatus status) {
        return EnvironmentStatus.newBuilder(status).setState(EnvironmentState.STALE).build();
    }

    /** Drifted: an unwaived open conflict at or above the threshold, that is, the highest of them is. */
    private static EnvironmentState auditedState(io.envaudit.schemas.Severity highest, Severity driftThreshold) {
        return highest != null && Severity.valueOf(highest.name()).atLeast(driftThreshold)
                ? EnvironmentState.DRIFTED : EnvironmentState.COMPLIANT;
    }
}
