package io.envaudit.engine.audit;

import io.envaudit.engine.rules.PackageSpec;
import io.envaudit.engine.rules.Rule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules indexed by the one package without which they cannot fire: the first {@code when} spec's, or
 * for a rule that only forbids, each forbidden package. An audit looks up the names present in the
 * environment, so its cost grows with the packages installed, not with the number of rules. Baselines
 * (a {@code require} with no {@code when}) and channel rules can fire on what is missing or on any
 * package, so they are always evaluated; they are few.
 */
public final class RuleIndex {
    private final Map<String, List<Rule>> byName = new HashMap<>();
    private final List<Rule> always = new ArrayList<>();
    private final int size;

    public RuleIndex(List<Rule> rules) {
        for (Rule rule : rules) {
            List<String> keys = keys(rule);
            if (keys.isEmpty()) {
                always.add(rule);
            }
            for (String key : keys) {
                byName.computeIfAbsent(key, k -> new ArrayList<>()).add(rule);
            }
        }
        this.size = rules.size();
    }

    private static List<String> keys(Rule rule) {
        if (!rule.when().isEmpty()) {
            return List.of(rule.when().get(0).name());
        }
        if (rule.require().isEmpty() && !rule.forbid().isEmpty() && rule.channelMix() == null && rule.sameChannel().isEmpty()) {
            return rule.forbid().stream().map(PackageSpec::name).distinct().toList();
        }
        return List.of();
    }

    /** The rules that may fire in this environment, each once. */
    public List<Rule> candidates(EnvironmentView environment) {
        Set<Rule> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Rule> candidates = new ArrayList<>(always);
        seen.addAll(always);
        for (String name : environment.names()) {
            List<Rule> rules = byName.get(name);
            if (rules != null) {
                for (Rule rule : rules) {
                    if (seen.add(rule)) {
                        candidates.add(rule);
                    }
                }
            }
        }
        return candidates;
    }

    public int size() {
        return size;
    }
}
