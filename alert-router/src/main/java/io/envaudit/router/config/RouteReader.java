package io.envaudit.router.config;

import io.envaudit.engine.rules.Glob;
import io.envaudit.engine.version.Quoting;
import io.envaudit.router.routing.AlertLabels;
import io.envaudit.router.routing.LabelMatcher;
import io.envaudit.router.routing.Route;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.Severity;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Reads {@code route:}, the routing tree: a root route with the default receiver, and below it routes
 * with matchers, their own receivers, {@code continue}, and routes of their own.
 */
final class RouteReader {
    private static final List<String> KEYS = List.of("receiver", "match", "match_re", "match_glob", "min_severity", "continue",
            "routes");
    private static final List<String> MATCHER_KEYS = List.of("match", "match_re", "match_glob", "min_severity");

    private final YamlReader reader;
    private final Set<String> receivers;

    RouteReader(YamlReader reader, Set<String> receivers) {
        this.reader = reader;
        this.receivers = receivers;
    }

    /** The root route, or null when something in the tree is wrong. */
    Route readRoot(Node node) {
        int problemsBefore = reader.problemCount();
        Map<String, NodeTuple> fields = reader.mapping(node, "the root route", KEYS);
        if (fields == null) {
            return null;
        }
        for (String key : fields.keySet()) {
            if (MATCHER_KEYS.contains(key) || key.equals("continue")) {
                reader.error(fields.get(key).getKeyNode(), "the root route takes every alert: " + Quoting.quote(key)
                        + " belongs on the routes below it");
            }
        }
        if (!fields.containsKey("receiver")) {
            reader.error(node, "the root route needs a 'receiver', the default for alerts no route below takes");
        }
        Route root = read(node, fields, null);
        return reader.problemCount() > problemsBefore ? null : root;
    }

    private Route read(Node node, Map<String, NodeTuple> fields, String inherited) {
        String receiver = fields.containsKey("receiver") ? receiver(fields.get("receiver").getValueNode()) : inherited;
        List<LabelMatcher> matchers = new ArrayList<>();
        if (fields.containsKey("match")) {
            matchers.addAll(equalities(fields.get("match").getValueNode()));
        }
        if (fields.containsKey("match_re")) {
            matchers.addAll(regexes(fields.get("match_re").getValueNode()));
        }
        if (fields.containsKey("match_glob")) {
            matchers.addAll(globs(fields.get("match_glob").getValueNode()));
        }
        if (fields.containsKey("min_severity")) {
            Severity minimum = severity(fields.get("min_severity").getValueNode(), "'min_severity'");
            if (minimum != null) {
                matchers.add(new LabelMatcher.AtLeast(minimum));
            }
        }
        Boolean continues = fields.containsKey("continue") ? reader.bool(fields.get("continue").getValueNode(), "'continue'") : false;
        List<Route> children = new ArrayList<>();
        if (fields.containsKey("routes")) {
            List<Node> items = reader.list(fields.get("routes").getValueNode(), "'routes'");
            for (Node item : items == null ? List.<Node>of() : items) {
                Map<String, NodeTuple> childFields = reader.mapping(item, "a route", KEYS);
                if (childFields != null) {
                    if (MATCHER_KEYS.stream().noneMatch(childFields::containsKey)) {
                        reader.error(item, "a route below the root needs at least one of " + String.join(", ", MATCHER_KEYS)
                                + " (a route matching everything is what the route above it already is)");
                    }
                    children.add(read(item, childFields, receiver));
                }
            }
        }
        return new Route(receiver, matchers, Boolean.TRUE.equals(continues), children, reader.at(node));
    }

    private String receiver(Node node) {
        String name = reader.text(node, "'receiver'");
        if (name != null && !receivers.contains(name)) {
            reader.error(node, "unknown receiver " + Quoting.quote(name) + (receivers.isEmpty() ? "; no receiver is defined"
                    : "; receivers: " + String.join(", ", receivers)));
        }
        return name;
    }

    /** {@code match:} label to a value, or to a list of values any of which will do. */
    private List<LabelMatcher> equalities(Node node) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Map<String, NodeTuple> labels = reader.mapping(node, "'match'", null);
        if (labels == null) {
            return matchers;
        }
        for (Map.Entry<String, NodeTuple> entry : labels.entrySet()) {
            String label = entry.getKey();
            Node valueNode = entry.getValue().getValueNode();
            String what = Quoting.quote(label) + " in 'match'";
            List<Node> valueNodes = valueNode instanceof SequenceNode ? reader.list(valueNode, what) : List.of(valueNode);
            if (valueNodes == null) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>();
            for (Node value : valueNodes) {
                String text = reader.text(value, what);
                if (text != null && known(label, text, value)) {
                    values.add(text);
                }
            }
            matchers.add(new LabelMatcher.OneOf(label, values));
        }
        return matchers;
    }

    /** Severity and state have a fixed set of values: a typo would silently match nothing. */
    private boolean known(String label, String value, Node node) {
        if (label.equals(AlertLabels.SEVERITY)) {
            return severity(node, Quoting.quote(label)) != null;
        }
        if (label.equals(AlertLabels.STATE)) {
            List<String> states = Arrays.stream(AlertState.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
            if (!states.contains(value)) {
                reader.error(node, "unknown state " + Quoting.quote(value) + " (expected " + String.join(", ", states) + ")");
                return false;
            }
        }
        return true;
    }

    private List<LabelMatcher> regexes(Node node) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Map<String, NodeTuple> labels = reader.mapping(node, "'match_re'", null);
        if (labels == null) {
            return matchers;
        }
        for (Map.Entry<String, NodeTuple> entry : labels.entrySet()) {
            Node valueNode = entry.getValue().getValueNode();
            String text = reader.text(valueNode, Quoting.quote(entry.getKey()) + " in 'match_re'");
            if (text == null) {
                continue;
            }
            try {
                matchers.add(new LabelMatcher.Regex(entry.getKey(), Pattern.compile(text)));
            } catch (PatternSyntaxException e) {
                reader.error(valueNode, "invalid regular expression " + Quoting.quote(text) + " for " + Quoting.quote(entry.getKey())
                        + ": " + e.getDescription() + where(e, text));
            }
        }
        return matchers;
    }

    /** Java counts from 0 and points past the end for what is missing there. */
    private static String where(PatternSyntaxException e, String regex) {
        if (e.getIndex() < 0) {
            return "";
        }
        return e.getIndex() >= regex.length() ? " at the end" : " at character " + (e.getIndex() + 1);
    }

    private List<LabelMatcher> globs(Node node) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Map<String, NodeTuple> labels = reader.mapping(node, "'match_glob'", null);
        if (labels == null) {
            return matchers;
        }
        for (Map.Entry<String, NodeTuple> entry : labels.entrySet()) {
            String text = reader.text(entry.getValue().getValueNode(), Quoting.quote(entry.getKey()) + " in 'match_glob'");
            if (text != null) {
                matchers.add(new LabelMatcher.GlobMatch(entry.getKey(), Glob.of(text)));
            }
        }
        return matchers;
    }

    private Severity severity(Node node, String what) {
        String text = reader.text(node, what);
        if (text == null) {
            return null;
        }
        for (Severity severity : Severity.values()) {
            if (severity.name().toLowerCase(Locale.ROOT).equals(text)) {
                return severity;
            }
        }
        reader.error(node, "unknown severity " + Quoting.quote(text) + " (expected "
                + Arrays.stream(Severity.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
        return null;
    }
}
