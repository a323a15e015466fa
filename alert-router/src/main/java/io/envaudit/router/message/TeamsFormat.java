package io.envaudit.router.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A Microsoft Teams workflow-webhook message ("Post to a channel when a webhook request is received"): a
 * {@code message} whose one attachment is an Adaptive Card 1.4 — the headline, a fact set (rule,
 * severity, team), a container per listed alert, and a line for the rest. Teams refuses posts over 28 KB,
 * so alerts are listed while the card stays under {@link #CARD_BUDGET} bytes, the rest only counted.
 */
final class TeamsFormat implements MessageFormat {
    static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    static final String CARD_VERSION = "1.4";
    static final int ENTRY_LIMIT = 2000;
    /** Below Teams' 28 KB with room for the headline, the facts and the closing line. */
    static final int CARD_BUDGET = 24 * 1024;

    private final int listLimit;

    TeamsFormat(int listLimit) {
        this.listLimit = listLimit;
    }

    @Override
    public String render(Notice notice) {
        GroupSummary summary = new GroupSummary(notice.ruleId(), notice.alerts(), listLimit);
        ObjectNode message = Json.object();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", CARD_SCHEMA).put("type", "AdaptiveCard").put("version", CARD_VERSION);
        card.putObject("msteams").put("width", "Full");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", summary.headline()).put("size", "Medium").put("weight", "Bolder")
                .put("wrap", true).put("color", summary.allResolved() ? "Good" : "Attention");
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Rule", notice.ruleId());
        fact(facts, "Severity", summary.severity().name().toLowerCase(Locale.ROOT));
        if (!summary.teams().isEmpty()) {
            fact(facts, summary.teams().size() == 1 ? "Team" : "Teams", String.join(", ", summary.teams()));
        }
        int size = Json.write(message).getBytes(StandardCharsets.UTF_8).length;
        int listed = 0;
        for (ConflictAlert alert : summary.listed()) {
            ObjectNode container = entry(alert);
            size += Json.write(container).getBytes(StandardCharsets.UTF_8).length + 1;
            if (size > CARD_BUDGET) {
                break;
            }
            body.add(container);
            listed++;
        }
        int unlisted = summary.alerts().size() - listed;
        if (unlisted > 0) {
            body.addObject().put("type", "TextBlock").put("text", "and " + GroupSummary.count(unlisted, "more alert")
                    + " not listed").put("isSubtle", true).put("wrap", true);
        }
        return Json.write(message);
    }

    private static ObjectNode entry(ConflictAlert alert) {
        ObjectNode container = Json.object().put("type", "Container").put("separator", true);
        ArrayNode items = container.putArray("items");
        items.addObject().put("type", "TextBlock").put("text", Json.cut(place(alert), ENTRY_LIMIT)).put("weight", "Bolder")
                .put("wrap", true);
        if (alert.getState() != AlertState.RESOLVED) {
            items.addObject().put("type", "TextBlock").put("text", Json.cut(String.join("\n\n", AlertText.details(alert)), ENTRY_LIMIT))
                    .put("wrap", true).put("spacing", "Small");
        }
        return container;
    }

    private static String place(ConflictAlert alert) {
        String team = AlertText.team(alert);
        String place = AlertText.where(alert) + (team == null ? "" : " · team " + team);
        return alert.getState() == AlertState.OPEN ? place : place + ": " + AlertText.outcome(alert);
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", value);
    }
}
