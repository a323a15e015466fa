package io.envaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.AlertOffsets;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * How {@code envaudit dlq list --alerts} shows a notification the router could not deliver: two lines of
 * text for people (where it is, when, the receiver, the rule, how many alerts, its id; then why), or one
 * JSON object per line for jq, with the payload.
 */
final class AlertDeadLetterFormat {
    private static final JsonFactory JSON = new JsonFactory();

    private AlertDeadLetterFormat() {
    }

    static String text(AlertDeadLetter letter) {
        AlertNotification notification = letter.notification();
        int alerts = notification.getAlertCount();
        return letter.position() + "  " + letter.timestamp() + "  receiver " + notification.getReceiver() + "  rule "
                + notification.getRuleId() + "  " + alerts + (alerts == 1 ? " alert" : " alerts") + "  notification "
                + notification.getId() + System.lineSeparator()
                + "    " + (notification.getReason() == null ? "(no reason recorded)" : notification.getReason());
    }

    /**
     * {@code topic}, {@code partition}, {@code offset}, {@code timestamp} (dead-lettered), {@code notification_id},
     * {@code router} (its consumer group), {@code receiver}, {@code rule}, {@code alert_count}, {@code alerts} (the
     * runs of envaudit.alerts records it covers), {@code created}, {@code reason}, {@code payload} (the JSON body, as text).
     */
    static void json(AlertDeadLetter letter, PrintWriter out) {
        AlertNotification notification = letter.notification();
        try {
            JsonGenerator json = JSON.createGenerator(out);
            json.writeStartObject();
            json.writeStringField("topic", letter.position().topic());
            json.writeNumberField("partition", letter.position().partition());
            json.writeNumberField("offset", letter.position().offset());
            json.writeStringField("timestamp", letter.timestamp().toString());
            json.writeStringField("notification_id", notification.getId());
            json.writeStringField("router", notification.getRouter());
            json.writeStringField("receiver", notification.getReceiver());
            json.writeStringField("rule", notification.getRuleId());
            json.writeNumberField("alert_count", notification.getAlertCount());
            json.writeArrayFieldStart("alerts");
            for (AlertOffsets run : notification.getAlerts()) {
                json.writeStartObject();
                json.writeNumberField("partition", run.getPartition());
                json.writeNumberField("first_offset", run.getFirstOffset());
                json.writeNumberField("last_offset", run.getLastOffset());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("created", notification.getCreated().toString());
            json.writeStringField("reason", notification.getReason());
            json.writeStringField("payload", notification.getPayload());
            json.writeEndObject();
            json.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
