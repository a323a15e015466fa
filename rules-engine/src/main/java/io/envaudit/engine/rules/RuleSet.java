package io.envaudit.engine.rules;

import java.util.List;
import java.util.Map;

/**
 * Rules, waivers and the settings of the built-in checks, as loaded from one or more rule files.
 *
 * @param checks built-in check id to its setting; a check not named here runs with its defaults
 */
public record RuleSet(List<Rule> rules, List<Waiver> waivers, Map<String, CheckSetting> checks) {

    /** Turns a built-in check off, or changes its severity. */
    public record CheckSetting(boolean enabled, Severity severity) {
    }

    public RuleSet {
        rules = List.copyOf(rules);
        waivers = List.copyOf(waivers);
        checks = Map.copyOf(checks);
    }
}
