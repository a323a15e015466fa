package io.envaudit.router.message;

import io.envaudit.router.routing.AlertLabels;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.OffendingPackage;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The words every message format uses for one alert, so that Slack, Teams and the rest say the same thing. */
public final class AlertText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private AlertText() {
    }

    /** {@code ws-ml-03 /home/ana/miniconda3/envs/tf210 (tf210)}. */
    public static String where(ConflictAlert alert) {
        String name = alert.getEnvironmentName();
        return alert.getHostname() + " " + alert.getPrefix() + (name == null || name.isEmpty() ? "" : " (" + name + ")");
    }

    /** The team that owns the host, or null when its labels name none. */
    public static String team(ConflictAlert alert) {
        return alert.getLabels().get(AlertLabels.TEAM);
    }

    /** The packages at fault with their versions, {@code keras 2.4.3 (anaconda)}, or an empty list. */
    public static List<String> packages(ConflictAlert alert) {
        return alert.getOffending().stream().map(AlertText::describe).toList();
    }

    private static String describe(OffendingPackage p) {
        return p.getName() + " " + p.getVersion() + (p.getChannel() == null ? "" : " (" + p.getChannel() + ")");
    }

    public static String firstSeen(ConflictAlert alert) {
        return WHEN.format(alert.getFirstSeen());
    }

    /** Why an alert is no longer open, in words: {@code fixed}, {@code waived (waiver gpu-lab)}, {@code environment deleted}. */
    public static String outcome(ConflictAlert alert) {
        String reason = alert.getReason();
        if (alert.getState() == AlertState.WAIVED) {
            return reason == null ? "waived" : "waived (waiver " + reason + ")";
        }
        if (alert.getState() == AlertState.OPEN) {
            return reason == null ? "open" : "open again (" + reason.replace('-', ' ') + ")";
        }
        if (reason == null || reason.equals("fixed")) {
            return "fixed";
        }
        return switch (reason) {
            case "rule-deleted" -> "fixed: the rule was deleted";
            case "retired" -> "closed: the environment stopped reporting and was retired";
            case "environment-deleted" -> "closed: the environment was deleted";
            default -> "closed (" + reason + ")";
        };
    }

    /** The lines under an open or waived alert's place: what broke, the packages, the fix, since when. */
    public static List<String> details(ConflictAlert alert) {
        List<String> lines = new ArrayList<>();
        lines.add(alert.getExplanation());
        List<String> packages = packages(alert);
        if (!packages.isEmpty()) {
            lines.add("packages: " + String.join(", ", packages));
        }
        if (alert.getFix() != null) {
            lines.add("fix: " + alert.getFix());
        }
        lines.add("first seen " + firstSeen(alert));
        return lines;
    }

    static String joinWords(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return words.subList(0, words.size() - 1).stream().collect(Collectors.joining(", ")) + " and " + words.get(words.size() - 1);
    }
}
