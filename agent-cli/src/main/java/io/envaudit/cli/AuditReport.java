package io.envaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.envaudit.engine.audit.AuditResult;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.Undecided;
import io.envaudit.engine.rules.Severity;
import io.envaudit.listings.ListingFormat;
import io.envaudit.listings.ListingSnapshots;
import io.envaudit.listings.SkippedLine;
import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How {@code envaudit audit} shows its results: readable text, or JSON for machines ({@link SarifReport} for code scanning). */
final class AuditReport {
    /**
     * One audited environment of a file.
     *
     * @param lines  where the file writes each package and which lines it skipped: a listing's lines,
     *               {@link PackageLines#NONE} for snapshot JSON
     * @param format the listing format the file was read in, null for snapshot JSON
     */
    record Audited(String file, EnvironmentSnapshot snapshot, AuditResult result, PackageLines lines, ListingFormat format) {

        static Audited snapshotJson(String file, EnvironmentSnapshot snapshot, AuditResult result) {
            return new Audited(file, snapshot, result, PackageLines.NONE, null);
        }

        static Audited listing(String file, InputFile.Listing listing, AuditResult result) {
            return new Audited(file, listing.snapshot(), result, listing.lines(), listing.format());
        }
    }

    /** A file the audit could not read, and the error it printed. */
    record Unread(String file, String message) {
    }

    private AuditReport() {
    }

    static void text(List<Audited> audits, Severity driftThreshold, PrintWriter out) {
        for (Audited audited : audits) {
            EnvironmentSnapshot s = audited.snapshot();
            AuditResult result = audited.result();
            out.printf("%s: %s, %d packages%s%n", audited.file(), describe(audited), s.getPackages().size(),
                    s.getPartial() ? " (partial listing)" : "");
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
        out.printf("  %-9s %s%s (%s)%n", conflict.severity().label().toUpperCase(Locale.ROOT), prefix,
                conflict.ruleId(), conflict.subject());
        out.printf("            %s%n", conflict.explanation());
        out.printf("            packages: %s%n", conflict.offending().stream().map(PackageRef::toString).collect(Collectors.joining("; ")));
        if (conflict.fix() != null && !conflict.fix().isBlank()) {
            out.printf("            fix: %s%n", conflict.fix());
        }
    }

    /**
     * What was audited, in the words of what is known: snapshot JSON names its environment and host
     * ({@code conda environment /opt/conda/envs/tf (tf) on ws-17 [team=vision]}); a listing says its format and only
     * what it states ({@code conda-list listing of conda environment /opt/conda/envs/tf (tf)}, {@code pip-freeze listing}),
     * not the defaults a listing is given for what it does not say (the host {@code unknown}, the file's own path as
     * the prefix).
     */
    private static String describe(Audited audited) {
        Environment environment = audited.snapshot().getEnvironment();
        boolean listing = audited.format() != null;
        boolean defaultPrefix = listing && isTheFileItself(audited.file(), environment.getPrefix());
        String prefix = defaultPrefix ? null : environment.getPrefix();
        // the name conda would give that path's folder (a file in an envs folder) is no more stated than the path
        String name = defaultPrefix && Path.of(environment.getPrefix()).getFileName().toString().equals(environment.getName())
                ? null : environment.getName();
        String kind = (environment.getManager() == EnvironmentManager.UNKNOWN ? ""
                : environment.getManager().name().toLowerCase(Locale.ROOT) + " ") + "environment";
        String which = prefix != null ? kind + " " + prefix + (name == null ? "" : " (" + name + ")")
                : name != null ? kind + " " + name : null;
        String what = !listing ? which : audited.format().id() + " listing" + (which == null ? "" : " of " + which);
        return what + host(audited.snapshot().getHost());
    }

    /** Whether a listing's prefix is the one it was given for stating none. */
    private static boolean isTheFileItself(String file, String prefix) {
        return prefix.equals(InputFile.defaultPrefix(file));
    }

    private static String host(Host host) {
        String labels = host.getLabels().isEmpty() ? ""
                : " " + new TreeMap<>(host.getLabels()).toString().replace('{', '[').replace('}', ']');
        return (host.getHostname().equals(ListingSnapshots.UNKNOWN_HOST) ? "" : " on " + host.getHostname()) + labels;
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

    /** One object per environment audited, then one per file not read ({@code state} unreadable, with the error). */
    static void json(List<Audited> audits, List<Unread> unread, Severity driftThreshold, PrintWriter out) {
        try {
            JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
            json.writeStartArray();
            for (Audited audited : audits) {
                AuditResult result = audited.result();
                json.writeStartObject();
                json.writeStringField("file", audited.file());
                json.writeStringField("environment", result.environmentId());
                json.writeStringField("state", result.drifted(driftThreshold) ? "drifted" : "compliant");
                json.writeBooleanField("partial", audited.snapshot().getPartial());
                json.writeArrayFieldStart("skipped_lines");
                for (SkippedLine skipped : audited.lines().skipped()) {
                    json.writeStartObject();
                    json.writeNumberField("line", skipped.line());
                    json.writeStringField("text", skipped.text());
                    json.writeStringField("reason", skipped.reason());
                    json.writeEndObject();
                }
                json.writeEndArray();
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
                        json.writeStringField("installer", p.installer().toLowerCase(Locale.ROOT));
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
            for (Unread file : unread) {
                json.writeStartObject();
                json.writeStringField("file", file.file());
                json.writeStringField("state", "unreadable");
                json.writeStringField("error", file.message());
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
