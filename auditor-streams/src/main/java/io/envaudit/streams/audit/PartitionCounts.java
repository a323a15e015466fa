package io.envaudit.streams.audit;

import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.EnvironmentState;
import io.envaudit.schemas.EnvironmentStatus;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet's numbers, per partition, kept in a store that changes in the same transaction as the
 * statuses and conflicts they count: after a restart or a rebalance they come back from the changelog
 * with their partition, so the sum over the partitions an instance owns, summed again over instances,
 * is exact. Each environment contributes a set of series; a change applies the difference. Whether an
 * environment is drifted depends on the drift threshold, so the store also keeps the threshold its counts
 * were built with ({@link #THRESHOLD_KEY}), and the processor rebuilds them when another is in force.
 *
 * <p>The series (names as exported; labels bounded by states, severities, rules and teams, never hosts):
 * <ul>
 * <li>{@code envaudit_environments{state, team}}: every environment, by state;
 * <li>{@code envaudit_drifted_environments{severity, team}}: drifted ones, once each, at their highest
 * open severity (a stale environment counts as stale, not drifted);
 * <li>{@code envaudit_drifted_environments_by_rule{rule, team}}: drifted ones with an open conflict of the
 * rule at or above the drift threshold, so the rules that make them drifted;
 * <li>{@code envaudit_open_conflicts{rule, severity}}: unwaived open conflicts, stale environments included.
 * </ul>
 */
final class PartitionCounts {
    static final String ENVIRONMENTS = "envaudit_environments";
    static final String DRIFTED = "envaudit_drifted_environments";
    static final String DRIFTED_BY_RULE = "envaudit_drifted_environments_by_rule";
    static final String OPEN_CONFLICTS = "envaudit_open_conflicts";
    /** What a team label is when a host has none. */
    static final String NO_TEAM = "";
    /** The key of the drift threshold the counts were built with: not a series ({@link Series#isSeries}). */
    static final String THRESHOLD_KEY = Series.SETTING_PREFIX + "drift-threshold";

    private final KeyValueStore<String, Long> store;
    private final Severity driftThreshold;

    PartitionCounts(KeyValueStore<String, Long> store, Severity driftThreshold) {
        this.store = store;
        this.driftThreshold = driftThreshold;
    }

    /** Whether these counts were built with the drift threshold in force (a store from before the threshold was kept: no). */
    boolean builtWithThisThreshold() {
        Long built = store.get(THRESHOLD_KEY);
        return built != null && built == driftThreshold.ordinal();
    }

    void markBuiltWithThisThreshold() {
        store.put(THRESHOLD_KEY, (long) driftThreshold.ordinal());
    }

    /** Every count gone, for a rebuild. */
    void clear() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = store.all()) {
            it.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    /**
     * Moves one environment's contribution from what it was to what it is; a null status is an
     * environment that does not (or no longer) exist.
     */
    void change(EnvironmentStatus before, Collection<ConflictAlert> standingBefore, EnvironmentStatus after,
                Collection<ConflictAlert> standingAfter) {
        Map<String, Long> delta = new HashMap<>();
        contributions(before, standingBefore).forEach((series, n) -> delta.merge(series, -n, Long::sum));
        contributions(after, standingAfter).forEach((series, n) -> delta.merge(series, n, Long::sum));
        delta.forEach((series, n) -> {
            if (n != 0) {
                Long current = store.get(series);
                long next = (current == null ? 0 : current) + n;
                if (next == 0) {
                    store.delete(series);
                } else {
                    store.put(series, next);
                }
            }
        });
    }

    private Map<String, Long> contributions(EnvironmentStatus status, Collection<ConflictAlert> standing) {
        Map<String, Long> series = new HashMap<>();
        if (status == null) {
            return series;
        }
        String team = status.getLabels().getOrDefault("team", NO_TEAM);
        series.put(Series.key(ENVIRONMENTS, "state", status.getState().name().toLowerCase(), "team", team), 1L);
        boolean drifted = status.getState() == EnvironmentState.DRIFTED;
        if (drifted) {
            series.put(Series.key(DRIFTED, "severity", status.getHighestSeverity().name().toLowerCase(), "team", team), 1L);
        }
        Set<String> driftingRules = new HashSet<>();
        for (ConflictAlert conflict : standing) {
            if (conflict.getState() != AlertState.OPEN) {
                continue;
            }
            series.merge(Series.key(OPEN_CONFLICTS, "rule", conflict.getRuleId(), "severity",
                    conflict.getSeverity().name().toLowerCase()), 1L, Long::sum);
            if (drifted && Severity.valueOf(conflict.getSeverity().name()).atLeast(driftThreshold)) {
                driftingRules.add(conflict.getRuleId());
            }
        }
        driftingRules.forEach(rule -> series.put(Series.key(DRIFTED_BY_RULE, "rule", rule, "team", team), 1L));
        return series;
    }
}
