package io.envaudit.engine.rules;

import io.envaudit.engine.version.Quoting;
import org.snakeyaml.engine.v2.nodes.Node;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/** Reads one entry of {@code waivers:} into a {@link Waiver}. */
final class WaiverReader {
    private static final List<String> KEYS = List.of("id", "rule", "scope", "reason", "owner", "expires");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * A waiver as read, with the places that checks across files report at. {@code waiver} is null when
     * anything in it was wrong, and so is each part that was.
     */
    record Entry(String id, Location idAt, String ruleId, Location ruleAt, Instant expires, String expiresText,
                 Location expiresAt, Waiver waiver) {
    }

    private WaiverReader() {
    }

    /** Null when the entry is not a mapping. */
    static Entry read(Node node, NodeReader reader) {
        int errorsBefore = reader.errorCount();
        YamlMapping fields = reader.mapping(node, "a waiver", KEYS);
        if (fields == null) {
            return null;
        }
        String id = fields.has("id") ? RuleReader.id(fields.value("id"), "waiver", reader) : null;
        reader.require(fields, id == null ? "a waiver" : "waiver " + Quoting.quote(id), "id", "rule", "reason", "owner", "expires");
        String ruleId = fields.has("rule") ? reader.text(fields.value("rule"), "'rule'") : null;
        Scope scope = fields.has("scope") ? ScopeReader.read(fields.value("scope"), reader) : Scope.EVERYWHERE;
        String reason = fields.has("reason") ? reader.text(fields.value("reason"), "'reason'") : null;
        String owner = fields.has("owner") ? reader.text(fields.value("owner"), "'owner'") : null;
        String expiresText = fields.has("expires") ? reader.text(fields.value("expires"), "'expires'") : null;
        Instant expires = expiresText == null ? null : expiry(fields.value("expires"), expiresText, reader);

        Location idAt = id == null ? null : reader.at(fields.value("id"));
        Location ruleAt = ruleId == null ? null : reader.at(fields.value("rule"));
        Location expiresAt = expires == null ? null : reader.at(fields.value("expires"));
        Waiver waiver = reader.errorCount() > errorsBefore
                ? null : new Waiver(id, ruleId, scope, reason, owner, expires, reader.textOf(node));
        return new Entry(id, idAt, ruleId, ruleAt, expires, expiresText, expiresAt, waiver);
    }

    /**
     * {@code 2027-01-31} is the end of that day in UTC, so the waiver lapses at {@code 2027-02-01T00:00Z};
     * an instant must carry its offset, since a local time would lapse at a different moment on each host.
     */
    private static Instant expiry(Node node, String text, NodeReader reader) {
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            reader.error(node, "invalid 'expires' " + Quoting.quote(text)
                    + ": expected a date (2027-01-31) or an ISO-8601 instant with its offset (2027-01-31T18:00:00Z)");
            return null;
        }
    }
}
