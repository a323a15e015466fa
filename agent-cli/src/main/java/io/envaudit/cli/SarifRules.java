package io.envaudit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.rules.Rule;
import io.envaudit.engine.rules.Severity;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of an audit as SARIF reporting descriptors ({@code tool.driver.rules}): the loaded rules, then the
 * built-in checks that ran. Code scanning shows a rule's short and full description beside its alerts, and its
 * help; those two descriptions are cut to the 1024 characters it takes.
 */
final class SarifRules {
    /** Code scanning's limit on a rule's short and full description. */
    static final int DESCRIPTION_LIMIT = 1024;
    private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.+?[.!?])(?:\\s|$)", Pattern.DOTALL);

    private record Descriptor(String id, Severity severity, String description, List<String> sources, String fix,
                              boolean builtIn) {
    }

    private final List<Descriptor> descriptors;
    private final Map<String, Integer> indexes = new HashMap<>();

    private SarifRules(List<Descriptor> descriptors) {
        this.descriptors = descriptors;
        for (int i = 0; i < descriptors.size(); i++) {
            indexes.put(descriptors.get(i).id(), i);
        }
    }

    static SarifRules of(List<Rule> rules, List<Auditor.EnabledCheck> checks) {
        List<Descriptor> descriptors = new ArrayList<>();
        for (Rule rule : rules) {
            descriptors.add(new Descriptor(rule.id(), rule.severity(), rule.description(), rule.sources(), rule.fix(), false));
        }
        for (Auditor.EnabledCheck check : checks) {
            descriptors.add(new Descriptor(check.check().id(), check.severity(), check.check().about().description(),
                    List.of(), null, true));
        }
        return new SarifRules(descriptors);
    }

    /** The rule's index in {@code tool.driver.rules}, or -1 for an id no descriptor has. */
    int index(String ruleId) {
        return indexes.getOrDefault(ruleId, -1);
    }

    /**
     * SARIF has three levels where envaudit has four severities: critical and error are {@code error}, warning is
     * {@code warning}, info is {@code note}. The severity itself travels in the properties ({@code envauditSeverity}).
     */
    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** Code scanning's {@code problem.severity}, which orders the alerts of rules that are not security rules. */
    private static String problemSeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL, ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "recommendation";
        };
    }

    /** Writes the array of reporting descriptors. */
    void write(JsonGenerator json) throws IOException {
        json.writeStartArray();
        for (Descriptor d : descriptors) {
            json.writeStartObject();
            json.writeStringField("id", d.id());
            message(json, "shortDescription", limited(firstSentence(d.description())));
            message(json, "fullDescription", limited(d.description()));
            String helpUri = d.sources().stream().filter(SarifRules::isWebAddress).findFirst().orElse(null);
            if (helpUri != null) {
                json.writeStringField("helpUri", helpUri);
            }
            json.writeObjectFieldStart("help");
            json.writeStringField("text", help(d, false));
            json.writeStringField("markdown", help(d, true));
            json.writeEndObject();
            json.writeObjectFieldStart("defaultConfiguration");
            json.writeStringField("level", level(d.severity()));
            json.writeEndObject();
            json.writeObjectFieldStart("properties");
            json.writeArrayFieldStart("tags");
            json.writeString(d.builtIn() ? "envaudit-built-in-check" : "envaudit-rule");
            json.writeEndArray();
            json.writeStringField("problem.severity", problemSeverity(d.severity()));
            json.writeStringField("envauditSeverity", d.severity().label());
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A SARIF message object: {@code "field": {"text": ...}}. */
    static void message(JsonGenerator json, String field, String text) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("text", text);
        json.writeEndObject();
    }

    /** The description, its sources and the fix; in Markdown the sources are links and the fix is code. */
    private static String help(Descriptor d, boolean markdown) {
        StringBuilder help = new StringBuilder(d.description());
        if (!d.sources().isEmpty()) {
            help.append("\n\nSources:");
            for (String source : d.sources()) {
                help.append("\n- ").append(markdown && isWebAddress(source) ? "<" + source + ">" : source);
            }
        }
        if (d.fix() != null && !d.fix().isBlank()) {
            help.append("\n\nFix: ").append(markdown ? "`" + d.fix() + "`" : d.fix());
        }
        if (d.builtIn()) {
            help.append("\n\nA built-in check of envaudit; docs/rules.md in envaudit's source says what it decides.");
        }
        return help.toString();
    }

    private static String firstSentence(String description) {
        Matcher first = FIRST_SENTENCE.matcher(description.strip());
        return first.find() ? first.group(1) : description.strip();
    }

    private static String limited(String text) {
        return text.length() <= DESCRIPTION_LIMIT ? text : text.substring(0, DESCRIPTION_LIMIT - 1) + "\u2026";
    }

    /** A rule's source that is an http(s) address: a source may also be a file or a citation. */
    private static boolean isWebAddress(String source) {
        try {
            URI uri = new URI(source);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
