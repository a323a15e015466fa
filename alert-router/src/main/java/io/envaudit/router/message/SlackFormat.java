package io.envaudit.router.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Slack incoming-webhook message: Block Kit {@code blocks} (a header with the headline, a context line,
 * one section per listed alert, a context line for the rest) and a {@code text} fallback that
 * notifications and old clients show. Within Slack's limits: 150 characters in a header, 3,000 in a
 * section, 50 blocks (a receiver lists at most 40 alerts).
 */
final class SlackFormat implements MessageFormat {
    static final int HEADER_LIMIT = 150;
    static final int SECTION_LIMIT = 3000;

    private final int listLimit;

    SlackFormat(int listLimit) {
        this.listLimit = listLimit;
    }

    @Override
    public String render(Notice notice) {
        GroupSummary summary = new GroupSummary(notice.ruleId(), notice.alerts(), listLimit);
        ObjectNode message = Json.object();
        message.put("text", summary.headline());
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Json.cut(summary.headline(), HEADER_LIMIT));
        context(blocks, "severity " + summary.severity().name().toLowerCase(Locale.ROOT) + " · rule `"
                + escape(notice.ruleId()) + "` · envaudit");
        for (ConflictAlert alert : summary.listed()) {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "mrkdwn").put("text", Json.cut(entry(alert), SECTION_LIMIT));
        }
        if (summary.unlisted() > 0) {
            context(blocks, "and " + GroupSummary.count(summary.unlisted(), "more alert") + " not listed");
        }
        return Json.write(message);
    }

    private static void context(ArrayNode blocks, String mrkdwn) {
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
    }

    /** One alert in mrkdwn: where in bold, then for an open or waived one what broke and how to fix it. */
    static String entry(ConflictAlert alert) {
        List<String> lines = new ArrayList<>();
        String team = AlertText.team(alert);
        String name = alert.getEnvironmentName();
        String place = "*" + escape(alert.getHostname()) + "* " + code(alert.getPrefix())
                + (name == null || name.isEmpty() ? "" : " (" + escape(name) + ")")
                + (team == null ? "" : " · team " + escape(team));
        if (alert.getState() == AlertState.RESOLVED) {
            return place + ": " + escape(AlertText.outcome(alert));
        }
        lines.add(alert.getState() == AlertState.WAIVED ? place + ": " + escape(AlertText.outcome(alert)) : place);
        lines.add(escape(alert.getExplanation()));
        List<String> packages = AlertText.packages(alert);
        if (!packages.isEmpty()) {
            lines.add("packages: " + String.join(", ", packages.stream().map(SlackFormat::code).toList()));
        }
        if (alert.getFix() != null) {
            lines.add("fix: " + code(alert.getFix()));
        }
        lines.add("first seen " + AlertText.firstSeen(alert));
        return String.join("\n", lines);
    }

    /** Slack's mrkdwn reads {@code &}, {@code <} and {@code >} as markup: they must be escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Inline code; a backquote inside would end it, so it becomes a quote. */
    private static String code(String text) {
        return "`" + escape(text).replace('`', '\'') + "`";
    }
}
