package io.envaudit.engine.audit;

/**
 * A rule that could not be decided for this environment, and why: a version that does not parse in
 * its flavor, a fact the snapshot does not carry, a package a partial listing does not show. An
 * undecided rule never produces a conflict; the audit says so instead.
 */
public record Undecided(String ruleId, String subject, String reason) {
}
