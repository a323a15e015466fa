package io.envaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.Undecided;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How {@code envaudit audit} shows its results: readable text, or JSON for machines ({@link SarifReport} for code scanning). */
final class AuditReport {
    /**
     * One audited environment of a file.
     *
     * @param lines where the file writes each package: a listing's lines, {@link PackageLines#NONE} for snapshot JSON
     */
    record Audited(String file, EnvironmentSnapshot snapshot, AuditResult result, PackageLines lines) {
    }

    private AuditReport() {
    }

    static void text(List<Audited> audits, Severity driftThreshold, PrintWriter out) {
        for (Audited audited : audits) {
            EnvironmentSnapshot s = audited.snapshot();
            AuditResult result = audited.result();
            String labels = s.getHost().getLabels().isEmpty() ? ""
                    : " " + new TreeMap<>(s.getHost().getLabels()).toString().replace('{', '[').replace('}', ']');
            out.printf("%s: %s on %s%s, %d packages%s%n", audited.file(), describe(s), s.getHost().getHostname(), labels,
                    s.getPackages().size(), s.getPartial() ? " (partial listing)" : "");
            for (Conflict conflict : result.open()) {
                conflict(conflict, out, "");
            }
            for (Conflict conflict : result.waived()) {
                conflict(conflict, out, "waived by " + conflict.waivedBy() + ": ");
            }
            for (Undecided undecided : result.undecided()) {
                out.printf("  undecided  %s (%s): %s%n", undecided.ruleId(), undecided.subject(), undecided.reason());
            }
            out.println("  " + summary(result, driftThreshold));
            out.println();
        }
        out.flush();
    }

    private static void conflict(Conflict conflict, PrintWriter out, String prefix) {
        out.printf("  %-9s %s%s (%s)%n", conflict.severity().label().toUpperCase(java.util.Locale.ROOT), prefix,
                conflict.ruleId(), conflict.subject());
        out.printf("            %s%n", conflict.explanation());
        out.printf("            packages: %s%n", conflict.offending().stream().map(PackageRef::toString).collect(Collectors.joining("; ")));
        if (conflict.fix() != null && !conflict.fix().isBlank()) {
            out.printf("            fix: %s%n", conflict.fix());
        }
    }

    private static String describe(EnvironmentSnapshot s) {
        String name = s.getEnvironment().getName();
        return s.getEnvironment().getManager().name().toLowerCase(java.util.Locale.ROOT) + " environment "
                + s.getEnvironment().getPrefix() + (name == null ? "" : " (" + name + ")");
    }

    static String summary(AuditResult result, Severity driftThreshold) {
        Map<Severity, Long> bySeverity = result.open().stream()
                .collect(Collectors.groupingBy(Conflict::severity, () -> new TreeMap<>(java.util.Comparator.reverseOrder()),
                        Collectors.counting()));
        String counts = bySeverity.isEmpty() ? "no conflicts" : result.open().size() + " conflict" + (result.open().size() == 1 ? "" : "s")
                + " (" + bySeverity.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", ")) + ")";
        return counts + ", " + result.waived().size() + " waived, " + result.undecided().size() + " undecided: "
                + (result.drifted(driftThreshold) ? "drifted" : "compliant");
    }

    static void json(List<Audited> audits, Severity driftThreshold, PrintWriter out) {
        try {
            JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
            json.writeStartArray();
            for (Audited audited : audits) {
                AuditResult result = audited.result();
                json.writeStartObject();
                json.writeStringField("file", audited.file());
                json.writeStringField("environment", result.environmentId());
                json.writeStringField("state", result.drifted(driftThreshold) ? "drifted" : "compliant");
                json.writeArrayFieldStart("conflicts");
                for (Conflict conflict : result.conflicts()) {
                    json.writeStartObject();
                    json.writeStringField("rule", conflict.ruleId());
                    json.writeStringField("severity", conflict.severity().label());
                    json.writeStringField("subject", conflict.subject());
                    json.writeArrayFieldStart("packages");
                    for (PackageRef p : conflict.offending()) {
                        json.writeStartObject();
                        json.writeStringField("name", p.name());
                        json.writeStringField("version", p.version());
                        json.writeStringField("installer", p.installer().toLowerCase(java.util.Locale.ROOT));
                        json.writeStringField("channel", p.channel());
                        json.writeStringField("build", p.build());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    json.writeStringField("explanation", conflict.explanation());
                    json.writeStringField("fix", conflict.fix());
                    json.writeStringField("waived_by", conflict.waivedBy());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeArrayFieldStart("undecided");
                for (Undecided undecided : result.undecided()) {
                    json.writeStartObject();
                    json.writeStringField("rule", undecided.ruleId());
                    json.writeStringField("subject", undecided.subject());
                    json.writeStringField("reason", undecided.reason());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.flush();
            out.println();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
