package io.envaudit.engine.rules;

import io.envaudit.engine.version.Quoting;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one entry of {@code rules:} into a {@link Rule}. */
final class RuleReader {
    /** Rule and waiver ids, as docs/rules.md gives them. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private static final List<String> KEYS = List.of("id", "description", "source", "severity", "scope",
            "when", "require", "forbid", "same_channel", "channel_mix", "fix");
    private static final List<String> EFFECTS = List.of("when", "require", "forbid", "same_channel", "channel_mix");
    private static final List<String> CHANNEL_MIX_KEYS = List.of("channel", "with");

    /**
     * A rule as read: its id (null when missing or invalid) and where it stands, and the rule, which is null
     * when anything in it was wrong.
     */
    record Entry(String id, Location idAt, Rule rule) {
    }

    private RuleReader() {
    }

    /** Null when the entry is not a mapping. */
    static Entry read(Node node, String origin, NodeReader reader) {
        int errorsBefore = reader.errorCount();
        YamlMapping fields = reader.mapping(node, "a rule", KEYS);
        if (fields == null) {
            return null;
        }
        String id = fields.has("id") ? id(fields.value("id"), "rule", reader) : null;
        String what = id == null ? "a rule" : "rule " + Quoting.quote(id);
        reader.require(fields, what, "id", "description", "source", "severity");
        if (EFFECTS.stream().noneMatch(fields::has)) {
            reader.error(node, what + " needs at least one of " + String.join(", ", EFFECTS));
        }
        String description = fields.has("description") ? reader.text(fields.value("description"), "'description'") : null;
        List<String> sources = fields.has("source") ? sources(fields.value("source"), reader) : null;
        Severity severity = fields.has("severity") ? severity(fields.value("severity"), reader) : null;
        Scope scope = fields.has("scope") ? ScopeReader.read(fields.value("scope"), reader) : Scope.EVERYWHERE;
        List<PackageSpec> when = specs(fields, "when", reader);
        List<PackageSpec> require = specs(fields, "require", reader);
        List<PackageSpec> forbid = specs(fields, "forbid", reader);
        List<String> sameChannel = fields.has("same_channel") ? sameChannel(fields.value("same_channel"), reader) : List.of();
        Rule.ChannelMix channelMix = fields.has("channel_mix") ? channelMix(fields.value("channel_mix"), reader) : null;
        String fix = fields.has("fix") ? reader.text(fields.value("fix"), "'fix'") : null;

        Location idAt = id == null ? null : reader.at(fields.value("id"));
        if (reader.errorCount() > errorsBefore) {
            return new Entry(id, idAt, null);
        }
        return new Entry(id, idAt, new Rule(id, description, sources, severity, scope, when, require, forbid,
                sameChannel, channelMix, fix, origin, reader.textOf(node)));
    }

    /** A rule or waiver id, or null when it is not one. */
    static String id(Node node, String kind, NodeReader reader) {
        String id = reader.text(node, "'id'");
        if (id != null && !ID.matcher(id).matches()) {
            reader.error(node, "invalid " + kind + " id " + Quoting.quote(id) + ": an id matches " + ID.pattern());
            return null;
        }
        return id;
    }

    /** One source, or a list of them when a rule has several. */
    private static List<String> sources(Node node, NodeReader reader) {
        if (node instanceof SequenceNode) {
            return reader.texts(node, "'source'");
        }
        if (node instanceof MappingNode) {
            reader.error(node, "'source' must be text or a list of texts, found a mapping");
            return null;
        }
        String source = reader.text(node, "'source'");
        return source == null ? null : List.of(source);
    }

    static Severity severity(Node node, NodeReader reader) {
        String text = reader.text(node, "'severity'");
        if (text == null) {
            return null;
        }
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            reader.error(node, e.getMessage());
            return null;
        }
    }

    private static List<PackageSpec> specs(YamlMapping fields, String key, NodeReader reader) {
        return fields.has(key) ? SpecReader.list(fields.value(key), "'" + key + "'", reader) : List.of();
    }

    private static List<String> sameChannel(Node node, NodeReader reader) {
        List<String> packages = reader.texts(node, "'same_channel'");
        if (packages != null && Set.copyOf(packages).size() < 2) {
            reader.error(node, "'same_channel' must name at least two packages");
            return null;
        }
        return packages;
    }

    private static Rule.ChannelMix channelMix(Node node, NodeReader reader) {
        YamlMapping fields = reader.mapping(node, "'channel_mix'", CHANNEL_MIX_KEYS);
        if (fields == null || !reader.require(fields, "'channel_mix'", "channel", "with")) {
            return null;
        }
        String channel = reader.text(fields.value("channel"), "'channel'");
        List<String> others = reader.texts(fields.value("with"), "'with'");
        return channel == null || others == null ? null : new Rule.ChannelMix(channel, Set.copyOf(others));
    }
}
