package io.envaudit.engine.alerts;

/** One conflict of one environment over time: its rule and its subject package. */
public record AlertKey(String ruleId, String subject) {
}
