package io.envaudit.cli;

import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.OffendingPackage;

import java.util.Locale;
import java.util.stream.Collectors;

/** One alert as a person reads it in a terminal: state, severity, where, what, and how to fix it. */
final class AlertLine {
    private AlertLine() {
    }

    static String of(ConflictAlert alert) {
        String packages = alert.getOffending().stream().map(AlertLine::describe).collect(Collectors.joining(", "));
        StringBuilder line = new StringBuilder()
                .append(String.format("%-8s %-8s %s on %s: %s (%s)", alert.getState(), alert.getSeverity().name().toLowerCase(Locale.ROOT),
                        alert.getRuleId(), alert.getEnvironmentId(), alert.getSubject(), alert.getReason() == null ? "new" : alert.getReason()));
        if (alert.getState() != io.envaudit.schemas.AlertState.RESOLVED) {
            line.append(System.lineSeparator()).append("         ").append(alert.getExplanation());
            if (!packages.isEmpty()) {
                line.append(System.lineSeparator()).append("         packages: ").append(packages);
            }
            if (alert.getFix() != null) {
                line.append(System.lineSeparator()).append("         fix: ").append(alert.getFix());
            }
        }
        return line.toString();
    }

    private static String describe(OffendingPackage p) {
        return p.getName() + " " + p.getVersion() + (p.getChannel() == null ? "" : " (" + p.getChannel() + ")");
    }
}
