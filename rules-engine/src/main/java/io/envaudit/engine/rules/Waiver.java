package io.envaudit.engine.rules;

import java.time.Instant;

/**
 * An accepted conflict: conflicts of rule {@code ruleId} in environments within {@code scope} are
 * reported as waived and do not make the environment drifted, until {@code expires}; from then on they
 * count again.
 */
public record Waiver(String id, String ruleId, Scope scope, String reason, String owner, Instant expires, String yaml) {

    public boolean activeAt(Instant now) {
        return now.isBefore(expires);
    }
}
