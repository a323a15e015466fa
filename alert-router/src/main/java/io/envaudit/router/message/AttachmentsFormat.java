package io.envaudit.router.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Mattermost or Rocket.Chat incoming-webhook message: they render no Block Kit, so {@code text} holds the
 * headline and one legacy (Slack-style) attachment per state holds the listed alerts in Markdown, with a
 * colour (red open, grey waived, green resolved), a {@code fallback} and short fields for rule, severity
 * and team.
 */
final class AttachmentsFormat implements MessageFormat {
    /** Mattermost cuts posts at 16,383 characters; three attachments stay below with this. */
    static final int ATTACHMENT_TEXT_LIMIT = 5000;
    static final String OPEN_COLOR = "#d32f2f";
    static final String WAIVED_COLOR = "#9e9e9e";
    static final String RESOLVED_COLOR = "#2e7d32";

    private final int listLimit;

    AttachmentsFormat(int listLimit) {
        this.listLimit = listLimit;
    }

    @Override
    public String render(Notice notice) {
        GroupSummary summary = new GroupSummary(notice.ruleId(), notice.alerts(), listLimit);
        List<ConflictAlert> listed = summary.listed();
        ObjectNode message = Json.object();
        message.put("text", summary.headline());
        ArrayNode attachments = message.putArray("attachments");
        for (AlertState state : List.of(AlertState.OPEN, AlertState.WAIVED, AlertState.RESOLVED)) {
            List<ConflictAlert> all = summary.inState(state);
            if (all.isEmpty()) {
                continue;
            }
            List<String> entries = new ArrayList<>();
            all.stream().filter(listed::contains).forEach(alert -> entries.add(entry(alert)));
            int notListed = all.size() - entries.size();
            if (notListed > 0) {
                entries.add("and " + GroupSummary.count(notListed, "more alert") + " not listed");
            }
            String title = title(state, all);
            ObjectNode attachment = attachments.addObject();
            attachment.put("fallback", notice.ruleId() + ": " + title);
            attachment.put("color", state == AlertState.OPEN ? OPEN_COLOR : state == AlertState.WAIVED ? WAIVED_COLOR : RESOLVED_COLOR);
            attachment.put("title", title);
            attachment.put("text", Json.cut(String.join("\n\n", entries), ATTACHMENT_TEXT_LIMIT));
            ArrayNode fields = attachment.putArray("fields");
            field(fields, "Rule", notice.ruleId());
            field(fields, "Severity", summary.severity().name().toLowerCase(Locale.ROOT));
            if (!summary.teams().isEmpty()) {
                field(fields, summary.teams().size() == 1 ? "Team" : "Teams", String.join(", ", summary.teams()));
            }
        }
        return Json.write(message);
    }

    private static String title(AlertState state, List<ConflictAlert> alerts) {
        String environments = GroupSummary.count(GroupSummary.environments(alerts), "environment");
        return switch (state) {
            case OPEN -> "Open in " + environments;
            case WAIVED -> "Waived in " + environments;
            case RESOLVED -> (GroupSummary.resolvedWord(alerts).equals("fixed") ? "Fixed" : "Resolved") + " in " + environments;
        };
    }

    private static void field(ArrayNode fields, String title, String value) {
        fields.addObject().put("short", true).put("title", title).put("value", value);
    }

    static String entry(ConflictAlert alert) {
        String team = AlertText.team(alert);
        String name = alert.getEnvironmentName();
        String place = alert.getHostname() + " `" + alert.getPrefix() + "`" + (name == null || name.isEmpty() ? "" : " (" + name + ")")
                + (team == null ? "" : " · team " + team);
        if (alert.getState() != AlertState.OPEN) {
            place += ": " + AlertText.outcome(alert);
        }
        if (alert.getState() == AlertState.RESOLVED) {
            return place;
        }
        List<String> lines = new ArrayList<>(List.of(place));
        for (String line : AlertText.details(alert)) {
            lines.add(line.startsWith("fix: ") ? "fix: `" + line.substring(5).replace('`', '\'') + "`" : line);
        }
        return String.join("\n", lines);
    }
}
