package io.envaudit.engine.audit;

import io.envaudit.engine.rules.PackageSpec;
import io.envaudit.engine.rules.Rule;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules indexed by the one package without which they cannot fire: the first {@code when} spec's, or
 * for a rule that only forbids, each forbidden package. An audit looks up the names present in the
 * environment, so its cost grows with the packages installed, not with the number of rules. Baselines
 * (a {@code require} with no {@code when}) and channel rules can fire on what is missing or on any
 * package, so they are always evaluated; they are few.
 */
public final class RuleIndex {
    private final List<Rule> rules;
    /** Positions in {@link #rules}, so that an audit can mark the rules it has taken in a bit set. */
    private final Map<String, int[]> byName = new HashMap<>();
    private final List<Rule> always = new ArrayList<>();

    public RuleIndex(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, List<Integer>> positions = new HashMap<>();
        for (int i = 0; i < this.rules.size(); i++) {
            List<String> keys = keys(this.rules.get(i));
            if (keys.isEmpty()) {
                always.add(this.rules.get(i));
            }
            for (String key : keys) {
                positions.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        positions.forEach((key, list) -> byName.put(key, list.stream().mapToInt(Integer::intValue).toArray()));
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
        BitSet taken = new BitSet(rules.size());
        List<Rule> candidates = new ArrayList<>(always);
        List<String> names = environment.names();
        for (int n = 0; n < names.size(); n++) {
            int[] positions = byName.get(names.get(n));
            if (positions != null) {
                for (int position : positions) {
                    if (!taken.get(position)) {
                        taken.set(position);
                        candidates.add(rules.get(position));
                    }
                }
            }
        }
        return candidates;
    }

    public int size() {
        return rules.size();
    }
}
