package io.envaudit.streams.rules;

import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.schemas.CompatibilityRule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What publishing does to the rules topic, decided entry by entry from what the topic holds, before
 * anything is sent. An entry the topic already holds as it is is not sent again: every record makes each
 * audit task re-audit all its environments for that entry.
 *
 * @param changes one per entry, in the order given; then, for a pack, its deletions by id
 */
public record RulePublication(List<Change> changes) {

    public enum Outcome {
        /** New on the topic: sent. */
        ADDED,
        /** Replaces what the topic holds under its id: sent. */
        UPDATED,
        /** The topic holds it as it is: not sent. */
        UNCHANGED,
        /** Deleted: a tombstone is sent. */
        DELETED,
        /** A pack entry whose id holds an entry the pack does not own (a user's edit): that one stays, nothing is sent. */
        KEPT,
        /** The topic holds an entry of the other kind under its id (a waiver cannot replace a rule, nor the reverse). */
        REFUSED,
        /** To be deleted, but the topic does not hold it. */
        ABSENT
    }

    /**
     * @param before what the topic holds under the id: null when nothing, or nothing readable
     * @param entry  what is published under it (sent when added or updated); null for a deletion
     */
    public record Change(String id, Outcome outcome, CompatibilityRule before, CompatibilityRule entry) {
        public boolean sends() {
            return outcome == Outcome.ADDED || outcome == Outcome.UPDATED || outcome == Outcome.DELETED;
        }
    }

    public RulePublication {
        changes = List.copyOf(changes);
    }

    /**
     * A user's entries: each is added, updated (also when it takes over the id of a pack rule: it is then the
     * user's) or unchanged (same kind, origin and YAML), or refused when its id holds an entry of the other kind.
     */
    public static RulePublication ofEntries(PublishedRules published, List<CompatibilityRule> entries) {
        List<Change> changes = new ArrayList<>();
        for (CompatibilityRule entry : entries) {
            String id = entry.getId();
            CompatibilityRule before = published.entries().get(id);
            Outcome outcome;
            if (before == null) {
                outcome = published.unreadable().containsKey(id) ? Outcome.UPDATED : Outcome.ADDED;
            } else if (before.getKind() != entry.getKind()) {
                outcome = Outcome.REFUSED;
            } else if (before.getOrigin().equals(entry.getOrigin()) && before.getYaml().equals(entry.getYaml())) {
                outcome = Outcome.UNCHANGED;
            } else {
                outcome = Outcome.UPDATED;
            }
            changes.add(new Change(id, outcome, before, entry));
        }
        return new RulePublication(changes);
    }

    /**
     * The default pack, over what an earlier version of it left (its entries carry {@code builtin:default@<version>}):
     * entries new in the pack are added, those whose YAML changed are updated, the others are left as they are
     * (keeping the origin of the version that last changed them), and entries of any version of the pack that it
     * no longer has are deleted. An id that holds an entry the pack does not own — a user published their own
     * version of a pack rule — is kept as it is.
     */
    public static RulePublication ofDefaultPack(PublishedRules published, List<CompatibilityRule> pack) {
        List<Change> changes = new ArrayList<>();
        for (CompatibilityRule entry : pack) {
            String id = entry.getId();
            CompatibilityRule before = published.entries().get(id);
            Outcome outcome;
            if (before == null) {
                outcome = published.unreadable().containsKey(id) ? Outcome.UPDATED : Outcome.ADDED;
            } else if (!DefaultRulePack.owns(before.getOrigin())) {
                outcome = Outcome.KEPT;
            } else if (before.getKind() == entry.getKind() && before.getYaml().equals(entry.getYaml())) {
                outcome = Outcome.UNCHANGED;
            } else {
                outcome = Outcome.UPDATED;
            }
            changes.add(new Change(id, outcome, before, entry));
        }
        Set<String> inPack = pack.stream().map(CompatibilityRule::getId).collect(Collectors.toSet());
        published.entries().forEach((id, before) -> {
            if (DefaultRulePack.owns(before.getOrigin()) && !inPack.contains(id)) {
                changes.add(new Change(id, Outcome.DELETED, before, null));
            }
        });
        return new RulePublication(changes);
    }

    /** Deletions: each id the topic holds (readable or not) is deleted; the others are absent. */
    public static RulePublication ofDeletions(PublishedRules published, Collection<String> ids) {
        Set<String> held = published.ids();
        List<Change> changes = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            changes.add(new Change(id, held.contains(id) ? Outcome.DELETED : Outcome.ABSENT, published.entries().get(id), null));
        }
        return new RulePublication(changes);
    }

    /** The records to send, in order: an entry, or a tombstone for a deletion. */
    public List<Change> toSend() {
        return changes.stream().filter(Change::sends).toList();
    }

    public long count(Outcome outcome) {
        return changes.stream().filter(change -> change.outcome() == outcome).count();
    }

    public List<Change> withOutcome(Outcome outcome) {
        return changes.stream().filter(change -> change.outcome() == outcome).toList();
    }
}
