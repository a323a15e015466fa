package io.envaudit.streams.rules;

import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.schemas.RuleKind;
import io.envaudit.streams.rules.RulePublication.Change;
import io.envaudit.streams.rules.RulePublication.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What a publication decides, entry by entry, from what the rules topic holds: no Kafka. */
class RulePublicationTest {
    private static final String PACK = "builtin:default@1";
    private static final String OLDER_PACK = "builtin:default@0";

    private static CompatibilityRule rule(String id, String origin, String yaml) {
        return entry(id, RuleKind.RULE, origin, yaml);
    }

    private static CompatibilityRule entry(String id, RuleKind kind, String origin, String yaml) {
        return CompatibilityRule.newBuilder().setId(id).setKind(kind).setOrigin(origin).setYaml(yaml)
                .setPublishedAt(Instant.parse("2026-11-01T00:00:00Z")).setSourceFile("old.yaml").build();
    }

    private static PublishedRules topic(CompatibilityRule... entries) {
        Map<String, CompatibilityRule> byId = new HashMap<>();
        for (CompatibilityRule entry : entries) {
            byId.put(entry.getId(), entry);
        }
        return new PublishedRules(byId, Map.of());
    }

    private static Map<String, Outcome> outcomes(RulePublication publication) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        publication.changes().forEach(change -> outcomes.put(change.id(), change.outcome()));
        return outcomes;
    }

    /** The topic once the publication's records are written and compacted. */
    private static PublishedRules after(PublishedRules before, RulePublication publication) {
        Map<String, CompatibilityRule> entries = new HashMap<>(before.entries());
        for (Change change : publication.toSend()) {
            if (change.entry() == null) {
                entries.remove(change.id());
            } else {
                entries.put(change.id(), change.entry());
            }
        }
        return new PublishedRules(entries, Map.of());
    }

    @Test
    void aUsersEntryIsAddedUpdatedOrLeftAloneByKindOriginAndYaml() {
        PublishedRules published = topic(
                rule("same", "user", "id: same\n"),
                rule("edited", "user", "id: edited\nseverity: warning\n"),
                rule("from-pack", PACK, "id: from-pack\n"));
        RulePublication publication = RulePublication.ofEntries(published, List.of(
                rule("new", "user", "id: new\n"),
                rule("same", "user", "id: same\n"),
                rule("edited", "user", "id: edited\nseverity: error\n"),
                rule("from-pack", "user", "id: from-pack\n")));
        assertEquals(Map.of("new", Outcome.ADDED, "same", Outcome.UNCHANGED, "edited", Outcome.UPDATED,
                "from-pack", Outcome.UPDATED), outcomes(publication), "a pack rule republished by a user becomes the user's");
        assertEquals(List.of("new", "edited", "from-pack"), publication.toSend().stream().map(Change::id).toList(),
                "in the order given, the unchanged one left out");
        assertSame(published.entries().get("edited"), publication.changes().get(2).before());
    }

    @Test
    void anEntryCannotTakeTheIdOfAnEntryOfTheOtherKind() {
        RulePublication publication = RulePublication.ofEntries(topic(rule("numpy-pin", "user", "id: numpy-pin\n")),
                List.of(entry("numpy-pin", RuleKind.WAIVER, "user", "id: numpy-pin\nrule: numpy-pin\n")));
        assertEquals(Map.of("numpy-pin", Outcome.REFUSED), outcomes(publication));
        assertEquals(List.of(), publication.toSend());
    }

    @Test
    void anEntryReplacingARecordThatCannotBeReadIsAnUpdate() {
        PublishedRules published = new PublishedRules(Map.of(), Map.of("broken", "envaudit.rules-0@3: BAD_HEADER"));
        RulePublication publication = RulePublication.ofEntries(published, List.of(rule("broken", "user", "id: broken\n")));
        assertEquals(Map.of("broken", Outcome.UPDATED), outcomes(publication));
        assertNull(publication.changes().get(0).before());
    }

    @Test
    void thePackUpgradesWhatItsEarlierVersionsLeftAndKeepsWhatUsersEdited() {
        PublishedRules published = topic(
                rule("dropped", OLDER_PACK, "id: dropped\n"),
                rule("changed", OLDER_PACK, "id: changed\nseverity: warning\n"),
                rule("same", OLDER_PACK, "id: same\n"),
                rule("edited-by-user", "user", "id: edited-by-user\nseverity: info\n"),
                rule("users-own", "user", "id: users-own\n"),
                entry("users-waiver", RuleKind.WAIVER, "user", "id: users-waiver\nrule: same\n"),
                rule("other-pack", "builtin:other@3", "id: other-pack\n"));
        List<CompatibilityRule> pack = List.of(
                rule("new", PACK, "id: new\n"),
                rule("changed", PACK, "id: changed\nseverity: error\n"),
                rule("same", PACK, "id: same\n"),
                rule("edited-by-user", PACK, "id: edited-by-user\n"));
        RulePublication upgrade = RulePublication.ofDefaultPack(published, pack);

        Map<String, Outcome> expected = new LinkedHashMap<>();
        expected.put("new", Outcome.ADDED);
        expected.put("changed", Outcome.UPDATED);
        expected.put("same", Outcome.UNCHANGED);
        expected.put("edited-by-user", Outcome.KEPT);
        expected.put("dropped", Outcome.DELETED);
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(outcomes(upgrade).entrySet()),
                "the pack's entries in its order, then its deletions; users' entries and other packs' are not touched");
        assertEquals(List.of("new", "changed", "dropped"), upgrade.toSend().stream().map(Change::id).toList());
        assertNull(upgrade.withOutcome(Outcome.DELETED).get(0).entry(), "a deletion sends a tombstone");

        PublishedRules upgraded = after(published, upgrade);
        assertEquals(OLDER_PACK, upgraded.entries().get("same").getOrigin(), "an unchanged rule keeps the version that wrote it");
        assertEquals("user", upgraded.entries().get("edited-by-user").getOrigin());
        RulePublication again = RulePublication.ofDefaultPack(upgraded, pack);
        assertEquals(List.of(), again.toSend(), "a second upgrade finds nothing to do");
        assertEquals(1, again.count(Outcome.KEPT));
    }

    @Test
    void deletingNeedsTheIdOnTheTopicReadableOrNot() {
        PublishedRules published = new PublishedRules(Map.of("numpy-pin", rule("numpy-pin", "user", "id: numpy-pin\n")),
                Map.of("broken", "envaudit.rules-0@3: BAD_HEADER"));
        RulePublication deletion = RulePublication.ofDeletions(published, List.of("numpy-pin", "broken", "missing", "numpy-pin"));
        Map<String, Outcome> expected = new LinkedHashMap<>();
        expected.put("numpy-pin", Outcome.DELETED);
        expected.put("broken", Outcome.DELETED);
        expected.put("missing", Outcome.ABSENT);
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(outcomes(deletion).entrySet()), "each id once, in order");
        assertEquals(List.of("numpy-pin", "broken"), deletion.toSend().stream().map(Change::id).toList());
    }
}
