package io.envaudit.router.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;

import java.io.StringWriter;
import java.util.Locale;

/**
 * envaudit's own JSON for any HTTP endpoint, for programs rather than people: the headline and counts,
 * then every alert in full, each in the plain JSON form of {@code ConflictAlert} (docs/snapshot.md:
 * field names as in the schema, enums as their symbols, times ISO-8601). {@code notification_id} is the
 * same on a re-post after a restart, so an endpoint can drop the repeat (docs/router.md).
 */
final class WebhookFormat implements MessageFormat {
    static final int VERSION = 1;

    @Override
    public String render(Notice notice) {
        GroupSummary summary = new GroupSummary(notice.ruleId(), notice.alerts(), 0);
        ObjectNode message = Json.object();
        message.put("version", VERSION);
        message.put("notification_id", notice.id());
        message.put("receiver", notice.receiver());
        message.put("rule", notice.ruleId());
        message.put("severity", summary.severity().name().toLowerCase(Locale.ROOT));
        message.put("title", summary.headline());
        ObjectNode counts = message.putObject("counts");
        for (AlertState state : AlertState.values()) {
            counts.put(state.name().toLowerCase(Locale.ROOT), summary.inState(state).size());
        }
        ArrayNode alerts = message.putArray("alerts");
        for (ConflictAlert alert : notice.alerts()) {
            StringWriter plain = new StringWriter();
            AvroPlainJson.write(alert, plain);
            alerts.add(Json.read(plain.toString()));
        }
        return Json.write(message);
    }
}
