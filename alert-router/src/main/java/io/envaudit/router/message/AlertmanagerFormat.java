package io.envaudit.router.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envaudit.router.routing.AlertLabels;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The body of Alertmanager's {@code POST /api/v2/alerts}: one postable alert per alert. An alert's
 * identity in Alertmanager is its label set, so the labels hold only what does not change while it
 * stands ({@code alertname} is the rule id); what it says goes in annotations. An open alert has no
 * {@code endsAt}: Alertmanager ends it after its {@code resolve_timeout} unless it is posted again, which
 * the router does every {@code refresh_interval}. A waived or resolved one is posted with {@code endsAt},
 * the time it ended, which ends it at once.
 */
public final class AlertmanagerFormat implements MessageFormat {
    /** Alertmanager refuses label names outside this. */
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern NOT_IN_LABEL_NAME = Pattern.compile("[^a-zA-Z0-9_]");

    @Override
    public String render(Notice notice) {
        ArrayNode alerts = Json.array();
        for (ConflictAlert alert : notice.alerts()) {
            ObjectNode posted = alerts.addObject();
            ObjectNode labels = posted.putObject("labels");
            labels(alert).forEach(labels::put);
            ObjectNode annotations = posted.putObject("annotations");
            annotations.put("summary", alert.getExplanation());
            annotations.put("description", String.join("\n", AlertText.details(alert)));
            List<String> packages = AlertText.packages(alert);
            if (!packages.isEmpty()) {
                annotations.put("packages", String.join(", ", packages));
            }
            if (alert.getFix() != null) {
                annotations.put("fix", alert.getFix());
            }
            annotations.put("first_seen", AlertText.firstSeen(alert));
            annotations.put("state", alert.getState().name().toLowerCase(Locale.ROOT)
                    + (alert.getState() == AlertState.OPEN ? "" : ": " + AlertText.outcome(alert)));
            posted.put("startsAt", alert.getFirstSeen().toString());
            if (alert.getState() != AlertState.OPEN) {
                posted.put("endsAt", endsAt(alert, notice.createdAt()).toString());
            }
        }
        return Json.write(alerts);
    }

    /**
     * When it ended: the collection time that showed it gone, unless that lies ahead of this router's clock;
     * never before it started, which Alertmanager refuses.
     */
    static Instant endsAt(ConflictAlert alert, Instant now) {
        Instant ended = alert.getLastSeen().isAfter(now) ? now : alert.getLastSeen();
        return ended.isBefore(alert.getFirstSeen()) ? alert.getFirstSeen() : ended;
    }

    /**
     * The host's labels (names made valid: other characters become {@code _}), then the alert's facts over
     * them, as {@link AlertLabels} names them, with {@code alertname} the rule.
     */
    public static Map<String, String> labels(ConflictAlert alert) {
        Map<String, String> labels = new TreeMap<>();
        alert.getLabels().forEach((name, value) -> {
            String valid = NOT_IN_LABEL_NAME.matcher(name).replaceAll("_");
            if (!LABEL_NAME.matcher(valid).matches()) {
                valid = "_" + valid;
            }
            if (!value.isEmpty()) {
                labels.put(valid, value);
            }
        });
        labels.put("alertname", alert.getRuleId());
        labels.put(AlertLabels.RULE, alert.getRuleId());
        labels.put(AlertLabels.SEVERITY, alert.getSeverity().name().toLowerCase(Locale.ROOT));
        labels.put(AlertLabels.SUBJECT, alert.getSubject());
        labels.put(AlertLabels.HOST, alert.getHostname());
        labels.put(AlertLabels.ENVIRONMENT, alert.getPrefix());
        labels.put(AlertLabels.ENVIRONMENT_ID, alert.getEnvironmentId());
        return labels;
    }
}
