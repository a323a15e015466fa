package io.envaudit.streams.audit;

import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.EnvironmentState;
import io.envaudit.schemas.EnvironmentStatus;

/** An environment's status from its latest audit: counts by severity, and compliant or drifted. */
final class EnvironmentStatuses {
    private EnvironmentStatuses() {
    }

    static EnvironmentStatus of(EnvironmentSnapshot snapshot, AuditResult result, Severity driftThreshold) {
        int[] open = new int[Severity.values().length];
        for (Conflict conflict : result.open()) {
            open[conflict.severity().ordinal()]++;
        }
        return EnvironmentStatus.newBuilder()
                .setEnvironmentId(snapshot.getEnvironment().getId())
                .setHostId(snapshot.getHost().getId())
                .setHostname(snapshot.getHost().getHostname())
                .setLabels(snapshot.getHost().getLabels())
                .setState(result.drifted(driftThreshold) ? EnvironmentState.DRIFTED : EnvironmentState.COMPLIANT)
                .setHighestSeverity(result.highestOpenSeverity()
                        .map(s -> io.envaudit.schemas.Severity.valueOf(s.name())).orElse(null))
                .setOpenInfo(open[Severity.INFO.ordinal()])
                .setOpenWarning(open[Severity.WARNING.ordinal()])
                .setOpenError(open[Severity.ERROR.ordinal()])
                .setOpenCritical(open[Severity.CRITICAL.ordinal()])
                .setWaived(result.waived().size())
                .setUndecided(result.undecided().size())
                .setCollectedAt(snapshot.getCollectedAt())
                .setLastSeen(snapshot.getCollectedAt())
                .build();
    }
}
