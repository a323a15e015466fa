package io.envaudit.router.message;

import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one message about one rule says, whatever its format: a headline with the counts ("numpy-abi: 37
 * environments on team ml-vision; fixed in 5"), then the alerts by state, at most {@code listLimit} of
 * them listed.
 *
 * @param alerts the latest event of each alert, in the order they came
 */
public record GroupSummary(String ruleId, List<ConflictAlert> alerts, int listLimit) {
    private static final int TEAMS_NAMED = 3;

    public GroupSummary {
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one alert");
        }
    }

    public List<ConflictAlert> inState(AlertState state) {
        return alerts.stream().filter(a -> a.getState() == state).toList();
    }

    /** The highest severity among the alerts. */
    public Severity severity() {
        return alerts.stream().map(ConflictAlert::getSeverity).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** True when every alert is resolved: a message with good news only. */
    public boolean allResolved() {
        return alerts.stream().allMatch(a -> a.getState() == AlertState.RESOLVED);
    }

    public Set<String> teams() {
        Set<String> teams = new TreeSet<>();
        alerts.stream().map(AlertText::team).filter(Objects::nonNull).forEach(teams::add);
        return teams;
    }

    public static int environments(List<ConflictAlert> alerts) {
        return (int) alerts.stream().map(ConflictAlert::getEnvironmentId).distinct().count();
    }

    /** {@code numpy-abi: 37 environments on team ml-vision; fixed in 5, waived in 2}. */
    public String headline() {
        List<String> parts = new ArrayList<>();
        List<ConflictAlert> open = inState(AlertState.OPEN);
        if (!open.isEmpty()) {
            parts.add(count(environments(open), "environment"));
        }
        List<ConflictAlert> resolved = inState(AlertState.RESOLVED);
        if (!resolved.isEmpty()) {
            parts.add(resolvedWord(resolved) + " in " + (parts.isEmpty() ? count(environments(resolved), "environment")
                    : String.valueOf(environments(resolved))));
        }
        List<ConflictAlert> waived = inState(AlertState.WAIVED);
        if (!waived.isEmpty()) {
            parts.add("waived in " + (parts.isEmpty() ? count(environments(waived), "environment") : String.valueOf(environments(waived))));
        }
        String rest = parts.size() > 1 ? "; " + String.join(", ", parts.subList(1, parts.size())) : "";
        return ruleId + ": " + parts.get(0) + teamPhrase() + rest;
    }

    /** "fixed" when each was fixed (or its rule deleted), "resolved" when some environment went away instead. */
    public static String resolvedWord(List<ConflictAlert> resolved) {
        boolean fixed = resolved.stream().allMatch(a -> a.getReason() == null || a.getReason().equals("fixed")
                || a.getReason().equals("rule-deleted"));
        return fixed ? "fixed" : "resolved";
    }

    private String teamPhrase() {
        List<String> teams = List.copyOf(teams());
        if (teams.isEmpty()) {
            return "";
        }
        if (teams.size() == 1) {
            return " on team " + teams.get(0);
        }
        if (teams.size() <= TEAMS_NAMED) {
            return " on teams " + AlertText.joinWords(teams);
        }
        return " on teams " + String.join(", ", teams.subList(0, TEAMS_NAMED)) + " and " + (teams.size() - TEAMS_NAMED) + " more";
    }

    /** The alerts a message lists: open ones first, then waived, then resolved, at most {@code listLimit}. */
    public List<ConflictAlert> listed() {
        List<ConflictAlert> ordered = new ArrayList<>(inState(AlertState.OPEN));
        ordered.addAll(inState(AlertState.WAIVED));
        ordered.addAll(inState(AlertState.RESOLVED));
        return ordered.subList(0, Math.min(listLimit, ordered.size()));
    }

    /** How many alerts are not listed. */
    public int unlisted() {
        return alerts.size() - listed().size();
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
