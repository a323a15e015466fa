package io.envaudit.cli;

import io.envaudit.engine.audit.Auditor;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.json.PlainJsonException;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.RuleFile;
import io.envaudit.engine.rules.RuleFileLoader;
import io.envaudit.engine.rules.Severity;
import io.envaudit.engine.text.IoFailures;
import io.envaudit.listings.ListingException;
import io.envaudit.listings.ListingFormat;
import io.envaudit.listings.ListingIdentity;
import io.envaudit.schemas.EnvironmentSnapshot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code envaudit audit}: check environment snapshots against the rules, with no Kafka at all. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Audit environments against the rules and the built-in checks, with no Kafka.",
            "Each FILE is snapshot JSON (docs/snapshot.md), one or more snapshots as agent scan --format json prints them, "
                    + "or a listing people already have, converted on the way; - reads stdin.",
            InputFormatOption.LISTINGS,
            "The default rule pack is used unless --rules names other files. --format sarif writes SARIF 2.1.0 for code "
                    + "scanning (docs/ci.md).",
            "Exit 0 when no conflict of severity error or above counts, 1 when one does, 2 on bad input."})
final class AuditCommand implements Callable<Integer> {
    enum Format { text, json, sarif }

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Snapshot JSON files (one or more snapshots each) or environment listings (docs/listings.md), told apart by their content; - reads stdin.")
    List<String> snapshots = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "PATH",
            description = "A rule file or a directory of them to use instead of the default pack; repeatable.")
    List<Path> rulePaths = new ArrayList<>();

    @Option(names = "--with-default-rules", description = "With --rules, use the default pack too.")
    boolean withDefaultRules;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, or sarif: SARIF 2.1.0 for code scanning, run from the repository's root (docs/ci.md).")
    Format format;

    @Option(names = "--drift-threshold", paramLabel = "SEVERITY", defaultValue = "warning", converter = SeverityConverter.class,
            description = "The lowest severity of an open conflict that makes an environment drifted: info, warning, error or "
                    + "critical (default: ${DEFAULT-VALUE}). It decides the state shown; the exit code depends on severity alone.")
    Severity driftThreshold;

    @Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Judge waivers at this moment instead of now: an ISO-8601 instant, or a date (its start, UTC).")
    Instant at;

    @Mixin
    InputFormatOption inputFormat;

    @Mixin
    LockSelectionOptions lock;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant now = at != null ? at : Instant.now();
        LoadedRules rules;
        try {
            rules = loadRules(err);
        } catch (RuleFileArguments.Unreadable e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (rules == null) {
            return 2;
        }
        Auditor auditor = new Auditor(rules.ruleSet(), BuiltInChecks.all());
        List<AuditReport.Unread> unread = new ArrayList<>();
        List<AuditReport.Audited> audits = new ArrayList<>();
        List<ListingFormat> listingsRead = new ArrayList<>();
        for (String name : snapshots) {
            try {
                InputFile input = InputFile.read(name);
                if (input.isSnapshotJson()) {
                    for (EnvironmentSnapshot snapshot : input.snapshotsJson()) {
                        audits.add(AuditReport.Audited.snapshotJson(name, snapshot, auditor.audit(EnvironmentView.of(snapshot), now)));
                    }
                } else {
                    InputFile.Listing listing = input.listing(inputFormat.format, lock.selection(),
                            ListingIdentity.collectedAt(input.modified()), err);
                    listingsRead.add(listing.format());
                    audits.add(AuditReport.Audited.listing(name, listing, auditor.audit(EnvironmentView.of(listing.snapshot()), now)));
                }
            } catch (NoSuchFileException e) {
                unread.add(unreadable(name, "no such file: " + name, err));
            } catch (PlainJsonException | ListingException e) {
                unread.add(unreadable(name, e.getMessage(), err));
            } catch (IOException e) {
                unread.add(unreadable(name, "cannot read " + name + ": " + IoFailures.describe(e), err));
            }
        }
        if (unread.isEmpty()) { // a file not read may be the lock the choice was for
            lock.warnIfUnused(listingsRead, err);
        }
        err.flush();
        boolean broken = audits.stream().anyMatch(a -> a.result().open().stream().anyMatch(c -> c.severity().atLeast(Severity.ERROR)));
        int exitCode = !unread.isEmpty() ? 2 : broken ? 1 : 0;
        switch (format) {
            case json -> AuditReport.json(audits, unread, driftThreshold, out);
            case sarif -> SarifReport.write(audits, unread, SarifRules.of(rules.ruleSet().rules(), auditor.enabledChecks()),
                    new SarifArtifacts(Path.of("").toAbsolutePath(), snapshots), exitCode, out);
            case text -> AuditReport.text(audits, driftThreshold, out);
        }
        return exitCode;
    }

    private static AuditReport.Unread unreadable(String file, String message, PrintWriter err) {
        err.println("error: " + message);
        return new AuditReport.Unread(file, message);
    }

    /** The chosen rules, or null after printing the problems that make them unusable. */
    private LoadedRules loadRules(PrintWriter err) throws RuleFileArguments.Unreadable {
        List<RuleFile> files = new ArrayList<>();
        if (rulePaths.isEmpty() || withDefaultRules) {
            files.addAll(DefaultRulePack.files());
        }
        if (!rulePaths.isEmpty()) {
            files.addAll(RuleFileArguments.read(rulePaths));
        }
        // expiry is the audit's to judge, at its own time: an expired waiver simply stops applying
        LoadedRules loaded = RuleFileLoader.load(files, "user", new HashSet<>(BuiltInChecks.ids()), null);
        if (loaded.hasErrors()) {
            loaded.problems().forEach(err::println);
            err.println("error: the rules have " + loaded.errorCount() + " error(s), listed above: nothing was audited");
            err.flush();
            return null;
        }
        return loaded;
    }

    /** Reads {@code --at}: an instant, or a date meaning its start in UTC. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        : Instant.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is neither an ISO-8601 instant "
                        + "(2026-12-01T00:00:00Z) nor a date (2026-12-01)");
            }
        }
    }

    /** Reads {@code --drift-threshold}. */
    static final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            try {
                return Severity.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
