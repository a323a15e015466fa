package io.envaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.Undecided;
import io.envaudit.engine.names.PackageName;
import io.envaudit.listings.SkippedLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code envaudit audit --format sarif}: the audit as a SARIF 2.1.0 log for code scanning (docs/ci.md). One run per
 * invocation, one artifact per file (with the property {@code partial} when it lists only part of an environment),
 * one result per conflict (a waived one with a suppression), located at the line of the offending package when the
 * file is a listing. Files that could not be read, lines of a listing that name no package and undecided rules are
 * the invocation's notifications.
 */
final class SarifReport {
    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** The fingerprint of a conflict: the file, the environment when the file names it, the rule and the subject. */
    static final String CONFLICT_FINGERPRINT = "envaudit/conflict/v1";
    /** The fingerprint code scanning reads; the upload action computes it from the flagged line when a result has one. */
    static final String LINE_HASH = "primaryLocationLineHash";

    /** An offending package and the line that writes it. */
    private record Located(PackageRef ref, PackageLines.Line line) {
    }

    private SarifReport() {
    }

    /**
     * @param exitCode the audit's exit code, recorded in the invocation
     */
    static void write(List<AuditReport.Audited> audits, List<AuditReport.Unread> unread, SarifRules rules, SarifArtifacts artifacts,
                      int exitCode, PrintWriter out) {
        try {
            JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            json.writeObjectFieldStart("tool");
            json.writeObjectFieldStart("driver");
            json.writeStringField("name", "envaudit");
            Optional<String> version = EnvauditVersion.number();
            if (version.isPresent()) {
                json.writeStringField("version", version.get());
            }
            json.writeFieldName("rules");
            rules.write(json);
            json.writeEndObject();
            json.writeEndObject();
            invocation(json, audits, unread, rules, artifacts, exitCode);
            json.writeObjectFieldStart("originalUriBaseIds");
            json.writeObjectFieldStart(SarifArtifacts.SOURCE_ROOT);
            json.writeStringField("uri", artifacts.sourceRoot());
            json.writeEndObject();
            json.writeEndObject();
            artifacts.writeArtifacts(json, audits.stream().filter(a -> a.snapshot().getPartial()).map(AuditReport.Audited::file)
                    .collect(Collectors.toSet()));
            json.writeStringField("columnKind", "unicodeCodePoints");
            json.writeArrayFieldStart("results");
            for (AuditReport.Audited audited : audits) {
                for (Conflict conflict : audited.result().conflicts()) {
                    result(json, audited, conflict, rules, artifacts);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            out.println();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void invocation(JsonGenerator json, List<AuditReport.Audited> audits, List<AuditReport.Unread> unread, SarifRules rules,
                                   SarifArtifacts artifacts, int exitCode) throws IOException {
        json.writeArrayFieldStart("invocations");
        json.writeStartObject();
        json.writeBooleanField("executionSuccessful", unread.isEmpty());
        json.writeNumberField("exitCode", exitCode);
        json.writeObjectFieldStart("workingDirectory");
        json.writeStringField("uri", artifacts.sourceRoot());
        json.writeEndObject();
        json.writeArrayFieldStart("toolExecutionNotifications");
        for (AuditReport.Unread file : unread) {
            json.writeStartObject();
            json.writeStringField("level", "error");
            SarifRules.message(json, "message", file.message());
            fileLocations(json, file.file(), 0, artifacts);
            json.writeEndObject();
        }
        for (AuditReport.Audited audited : audits) {
            for (SkippedLine skipped : audited.lines().skipped()) {
                json.writeStartObject();
                json.writeStringField("level", "warning");
                SarifRules.message(json, "message", "skipped '" + skipped.text() + "': " + skipped.reason());
                fileLocations(json, audited.file(), skipped.line(), artifacts);
                json.writeEndObject();
            }
        }
        for (AuditReport.Audited audited : audits) {
            for (Undecided undecided : audited.result().undecided()) {
                json.writeStartObject();
                json.writeStringField("level", "note");
                SarifRules.message(json, "message", undecided.ruleId() + " (" + undecided.subject() + ") is undecided: " + undecided.reason());
                json.writeObjectFieldStart("associatedRule");
                json.writeStringField("id", undecided.ruleId());
                if (rules.index(undecided.ruleId()) >= 0) {
                    json.writeNumberField("index", rules.index(undecided.ruleId()));
                }
                json.writeEndObject();
                fileLocations(json, audited.file(), 0, artifacts);
                json.writeEndObject();
            }
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
    }

    /** The file as a notification's location, at a line when {@code line} is one (SARIF counts from 1; 0 is no line). */
    private static void fileLocations(JsonGenerator json, String file, int line, SarifArtifacts artifacts) throws IOException {
        json.writeArrayFieldStart("locations");
        json.writeStartObject();
        json.writeObjectFieldStart("physicalLocation");
        artifacts.writeLocation(json, "artifactLocation", file);
        if (line > 0) {
            json.writeObjectFieldStart("region");
            json.writeNumberField("startLine", line);
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void result(JsonGenerator json, AuditReport.Audited audited, Conflict conflict, SarifRules rules,
                               SarifArtifacts artifacts) throws IOException {
        PackageLines lines = audited.lines();
        List<Located> located = new ArrayList<>();
        for (PackageRef ref : conflict.offending()) {
            lines.of(ref).ifPresent(line -> located.add(new Located(ref, line)));
        }
        // the subject's line first: it is what the conflict is about, and what identifies it over time
        Optional<Located> primary = located.stream().filter(l -> sameName(l.ref().name(), conflict.subject())).findFirst()
                .or(() -> located.stream().findFirst());
        String environment = lines.fromListing() ? null : audited.result().environmentId();

        json.writeStartObject();
        json.writeStringField("ruleId", conflict.ruleId());
        if (rules.index(conflict.ruleId()) >= 0) {
            json.writeNumberField("ruleIndex", rules.index(conflict.ruleId()));
        }
        json.writeStringField("level", SarifRules.level(conflict.severity()));
        SarifRules.message(json, "message", text(conflict, environment));
        json.writeArrayFieldStart("locations");
        location(json, audited.file(), primary, -1, artifacts);
        json.writeEndArray();
        Set<Integer> shown = new HashSet<>();
        primary.ifPresent(p -> shown.add(p.line().number()));
        List<Located> related = located.stream().filter(l -> shown.add(l.line().number())).toList();
        if (!related.isEmpty()) {
            json.writeArrayFieldStart("relatedLocations");
            for (int i = 0; i < related.size(); i++) {
                location(json, audited.file(), Optional.of(related.get(i)), i + 1, artifacts);
            }
            json.writeEndArray();
        }
        String fingerprint = fingerprint(artifacts.uri(audited.file()), environment, conflict);
        json.writeObjectFieldStart("partialFingerprints");
        json.writeStringField(CONFLICT_FINGERPRINT, fingerprint);
        if (primary.isEmpty()) {
            // with no line to hash, the upload action leaves code scanning's own key empty: the conflict's stands in
            json.writeStringField(LINE_HASH, fingerprint);
        }
        json.writeEndObject();
        if (conflict.waived()) {
            json.writeArrayFieldStart("suppressions");
            json.writeStartObject();
            json.writeStringField("kind", "external");
            json.writeStringField("status", "accepted");
            json.writeStringField("justification", "waived by " + conflict.waivedBy());
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeObjectFieldStart("properties");
        json.writeStringField("envauditSeverity", conflict.severity().label());
        json.writeStringField("subject", conflict.subject());
        if (environment != null) {
            json.writeStringField("environment", environment);
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** What broke, how to fix it, and in which environment when the file names several. */
    private static String text(Conflict conflict, String environment) {
        StringBuilder text = new StringBuilder(conflict.explanation());
        if (conflict.fix() != null && !conflict.fix().isBlank()) {
            text.append("\nFix: ").append(conflict.fix());
        }
        if (environment != null) {
            text.append("\nEnvironment: ").append(environment);
        }
        return text.toString();
    }

    /** A location in the file: the package's line when it has one, else the file itself. */
    private static void location(JsonGenerator json, String file, Optional<Located> at, int id, SarifArtifacts artifacts)
            throws IOException {
        json.writeStartObject();
        if (id >= 0) {
            json.writeNumberField("id", id);
        }
        json.writeObjectFieldStart("physicalLocation");
        artifacts.writeLocation(json, "artifactLocation", file);
        if (at.isPresent()) {
            region(json, at.get().line());
        }
        json.writeEndObject();
        if (at.isPresent()) {
            SarifRules.message(json, "message", at.get().ref().toString());
        }
        json.writeEndObject();
    }

    /** The line, from its first to its last character that is not white space, counted in code points. */
    private static void region(JsonGenerator json, PackageLines.Line line) throws IOException {
        String text = line.text();
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = Math.max(start, text.stripTrailing().length());
        json.writeObjectFieldStart("region");
        json.writeNumberField("startLine", line.number());
        json.writeNumberField("startColumn", text.codePointCount(0, start) + 1);
        json.writeNumberField("endLine", line.number());
        json.writeNumberField("endColumn", text.codePointCount(0, end) + 1);
        json.writeObjectFieldStart("snippet");
        json.writeStringField("text", text.substring(start, end));
        json.writeEndObject();
        json.writeEndObject();
    }

    private static boolean sameName(String a, String b) {
        return PackageName.normalize(a).equals(PackageName.normalize(b));
    }

    /**
     * The conflict's identity as envaudit keeps it over time (docs/rules.md: environment, rule, subject), with the
     * file standing for the environment of a listing, whose environment id holds the path it was read from.
     */
    static String fingerprint(String uri, String environment, Conflict conflict) {
        String identity = String.join("\u0000", uri, environment == null ? "" : environment, conflict.ruleId(), conflict.subject());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
