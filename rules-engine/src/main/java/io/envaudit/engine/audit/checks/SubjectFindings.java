package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.AuditSink;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.Undecided;
import io.envaudit.engine.rules.Severity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a check found for one subject package across all its declared requirements: the unmet ones make
 * one conflict; when none is certainly unmet, those that could not be decided make one undecided report.
 */
final class SubjectFindings {
    private final String ruleId;
    private final Severity severity;
    private final String subject;
    private final String installCommand;
    private final Set<PackageRef> offending = new LinkedHashSet<>();
    private final List<String> broken = new ArrayList<>();
    private final Set<String> installArguments = new LinkedHashSet<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private final List<String> undecided = new ArrayList<>();

    /** @param installCommand what installs a missing requirement: {@code pip install}, {@code conda install} */
    SubjectFindings(String ruleId, Severity severity, String subject, String installCommand) {
        this.ruleId = ruleId;
        this.severity = severity;
        this.subject = subject;
        this.installCommand = installCommand;
    }

    /** A requiring install; it heads the offending packages when something is broken. */
    void subjectInstall(PackageRef ref) {
        offending.add(ref);
    }

    /** A requirement certainly unmet, with the install that fails it (null when missing) and what installs it. */
    void broken(String message, PackageRef offender, String installArgument) {
        broken.add(message);
        if (offender != null) {
            offending.add(offender);
        }
        installArguments.add(installArgument);
    }

    /** A requirement certainly unmet that no install command fixes (a platform fact). */
    void brokenByPlatform(String message, String note) {
        broken.add(message);
        notes.add(note);
    }

    void undecided(String reason) {
        undecided.add(reason);
    }

    void report(AuditSink sink) {
        if (!broken.isEmpty()) {
            sink.conflict(new Conflict(ruleId, severity, subject, List.copyOf(offending), String.join(" ", broken),
                    fix(), null));
        } else if (!undecided.isEmpty()) {
            sink.undecided(new Undecided(ruleId, subject, String.join("; ", undecided)));
        }
    }

    private String fix() {
        List<String> parts = new ArrayList<>();
        if (!installArguments.isEmpty()) {
            List<String> quoted = installArguments.stream().map(SubjectFindings::shellQuoted).toList();
            parts.add(installCommand + " " + String.join(" ", quoted));
        }
        parts.addAll(notes);
        return String.join("; ", parts);
    }

    /** Single quotes around an argument the shell would otherwise split or expand. */
    static String shellQuoted(String argument) {
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '=' || c == '/' || c == ':')) {
                return "'" + argument.replace("'", "'\\''") + "'";
            }
        }
        return argument;
    }
}
