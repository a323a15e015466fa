package io.envaudit.cli;

import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.streams.rules.RulePublication;
import io.envaudit.streams.rules.RulePublication.Change;
import io.envaudit.streams.rules.RulePublication.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A publication as the rules commands and {@code up} print it: one line per entry, and a count per outcome. */
final class PublicationReport {
    private PublicationReport() {
    }

    /** {@code added     org.numpy-floor}, {@code kept      user-edited rule ...}. */
    static String line(Change change, String topic) {
        String id = change.id();
        String text = switch (change.outcome()) {
            case ADDED, UNCHANGED, DELETED -> id;
            case UPDATED -> id + (change.before() != null && !change.before().getOrigin().equals(change.entry().getOrigin())
                    ? " (was " + change.before().getOrigin() + ")" : "");
            case KEPT -> "user-edited " + kind(change.before()) + " " + id + " (origin " + change.before().getOrigin()
                    + "); the pack's version is not published";
            case REFUSED -> id + ": " + topic + " holds a " + kind(change.before()) + " under this id, which a "
                    + kind(change.entry()) + " cannot replace; delete it first, or choose another id";
            case ABSENT -> id + ": not on " + topic;
        };
        return String.format("%-9s %s", change.outcome().name().toLowerCase(Locale.ROOT), text);
    }

    /** {@code 1 added, 2 updated, 50 unchanged}: the outcomes that occur, in a fixed order. */
    static String summary(RulePublication publication) {
        List<String> counts = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            long count = publication.count(outcome);
            if (count > 0) {
                counts.add(count + " " + outcome.name().toLowerCase(Locale.ROOT));
            }
        }
        return counts.isEmpty() ? "nothing to publish" : String.join(", ", counts);
    }

    private static String kind(CompatibilityRule entry) {
        return entry.getKind().name().toLowerCase(Locale.ROOT);
    }
}
