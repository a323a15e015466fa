package io.envaudit.engine.audit;

import io.envaudit.engine.rules.Severity;

import java.util.List;

/**
 * One rule broken in one environment for one subject package: what broke, which packages, and how to
 * fix it. (environment, rule, subject) identifies it across audits.
 *
 * @param waivedBy the id of the waiver that accepts it, or null when it counts
 */
public record Conflict(String ruleId, Severity severity, String subject, List<PackageRef> offending,
                       String explanation, String fix, String waivedBy) {

    public Conflict {
        offending = List.copyOf(offending);
    }

    public boolean waived() {
        return waivedBy != null;
    }

    public Conflict waivedBy(String waiverId) {
        return new Conflict(ruleId, severity, subject, offending, explanation, fix, waiverId);
    }
}
