package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.AuditSink;
import io.envaudit.engine.audit.ParseCache;
import io.envaudit.engine.audit.Check;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.InstalledPackageView;
import io.envaudit.engine.conda.CondaVersion;
import io.envaudit.engine.conda.MatchSpec;
import io.envaudit.engine.names.NameMap;
import io.envaudit.engine.rules.Severity;
import io.envaudit.engine.spec.InstalledVersion;
import io.envaudit.engine.spec.VersionSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A conda record's own metadata, checked as conda's solver would: each {@code depends} MatchSpec
 * ({@code python >=3.8,<3.9.0a0}, {@code numpy-base 1.15.1 py36h42e5f7b_0}) must be met by an installed
 * conda record of that name, and each {@code constrains} must hold for the conda record of that name
 * when one is installed. Virtual packages ({@code __glibc >=2.17}, {@code __osx >=11.0}) are read from the
 * platform's facts; a fact the snapshot lacks makes the requirement undecided.
 *
 * <p>pip installs: conda ignores them, but Python imports them. When no conda record carries a depended-on
 * name, a pip (or OS) install of the same distribution stands in for it and is judged by the spec's version
 * only (a pip install has no conda build); pip over a conda package is {@code duplicate-distribution}'s
 * finding, not this one's. {@code constrains} are checked against conda records only, as conda does.
 */
public final class CondaDependsCheck implements Check {

    public static final String ID = "conda-depends";
    private static final About ABOUT = new About(ID, Severity.ERROR,
            "A conda record's depends or constrains unmet by the conda records installed.");

    /** The virtual packages of the operating system, and which {@code Platform.os} values provide them. */
    private static final Map<String, Set<String>> OS_PACKAGES = Map.of(
            "__linux", Set.of("linux"), "__osx", Set.of("osx"), "__win", Set.of("win"), "__unix", Set.of("linux", "osx"));

    private final NameMap names;

    /** @param names the name map the environment views are built with, to find a pip install of a conda name */
    public CondaDependsCheck(NameMap names) {
        this.names = names;
    }

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void run(EnvironmentView environment, Severity severity, AuditSink sink) {
        Map<String, SubjectFindings> bySubject = new LinkedHashMap<>();
        for (InstalledPackageView p : environment.packages()) {
            if (!p.isConda() || (p.record().getDepends().isEmpty() && p.record().getConstrains().isEmpty())) {
                continue;
            }
            SubjectFindings findings = bySubject.computeIfAbsent(p.condaName(),
                    s -> new SubjectFindings(ID, severity, s, "conda install"));
            findings.subjectInstall(p.ref());
            for (String depends : p.record().getDepends()) {
                depends(environment, p, depends.strip(), findings);
            }
            for (String constrains : p.record().getConstrains()) {
                constrains(environment, p, constrains.strip(), findings);
            }
        }
        bySubject.values().forEach(f -> f.report(sink));
    }

    private void depends(EnvironmentView environment, InstalledPackageView p, String text, SubjectFindings findings) {
        MatchSpec spec = parse(text, "depends", findings);
        if (spec == null) {
            return;
        }
        String requirer = requirer(p);
        if (spec.name().startsWith("__")) {
            virtual(environment, p, text, spec, true, findings);
            return;
        }
        List<InstalledPackageView> records = condaRecords(environment, spec.name());
        if (records.isEmpty()) {
            List<InstalledPackageView> standIns = environment.distribution(names.pypiNameOfConda(spec.name())).stream()
                    .filter(install -> !install.isConda()).toList();
            if (!standIns.isEmpty()) {
                pipStandIn(requirer, text, spec, standIns, findings);
            } else if (environment.partial()) {
                findings.undecided(spec.name() + " is not in the snapshot, which lists only part of the environment");
            } else {
                findings.broken(requirer + " requires " + text + ", which is not installed.", null, text);
            }
            return;
        }
        InstalledPackageView failing = null;
        for (InstalledPackageView record : records) {
            Optional<Boolean> matches = matches(spec, record, text, findings);
            if (matches.isEmpty()) {
                return;
            }
            if (matches.get()) {
                return;
            }
            failing = record;
        }
        findings.broken(requirer + " has requirement " + text + ", but you have " + recordForm(failing) + ".",
                failing.ref(), text);
    }

    private void constrains(EnvironmentView environment, InstalledPackageView p, String text, SubjectFindings findings) {
        MatchSpec spec = parse(text, "constrains", findings);
        if (spec == null) {
            return;
        }
        String requirer = requirer(p);
        if (spec.name().startsWith("__")) {
            virtual(environment, p, text, spec, false, findings);
            return;
        }
        for (InstalledPackageView record : condaRecords(environment, spec.name())) {
            Optional<Boolean> matches = matches(spec, record, text, findings);
            if (matches.isPresent() && !matches.get()) {
                findings.broken(requirer + " constrains " + text + ", but you have " + recordForm(record) + ".",
                        record.ref(), text);
            }
        }
    }

    /** A pip install in place of a conda record: only the spec's version can be asked of it. */
    private static void pipStandIn(String requirer, String text, MatchSpec spec, List<InstalledPackageView> standIns,
                                   SubjectFindings findings) {
        if (spec.version() == null) {
            return;
        }
        VersionSpec version = VersionSpec.of(spec.version());
        for (InstalledPackageView install : standIns) {
            if (install.version() == null) {
                findings.undecided(install + " has a version that does not parse: " + install.versionError());
                return;
            }
            try {
                if (!version.matches(install.version())) {
                    findings.broken(requirer + " has requirement " + text + ", but you have " + install.name() + " "
                                    + install.record().getVersion() + " (" + install.record().getInstaller().name()
                                    .toLowerCase(Locale.ROOT) + ").", install.ref(), text);
                    return;
                }
            } catch (IllegalArgumentException e) {
                findings.undecided("'" + text + "' cannot be decided for " + install + ": " + e.getMessage());
                return;
            }
        }
    }

    /**
     * A virtual package from the platform's facts. An OS package ({@code __osx}) is absent for sure when
     * the snapshot names another OS; the others ({@code __glibc}, {@code __cuda}) are unknown when not given.
     */
    private static void virtual(EnvironmentView environment, InstalledPackageView p, String text, MatchSpec spec,
                                boolean required, SubjectFindings findings) {
        String requirer = requirer(p);
        String name = spec.name();
        String os = environment.snapshot().getPlatform().getOs();
        os = os == null ? null : os.toLowerCase(Locale.ROOT);
        Set<String> providers = OS_PACKAGES.get(name);
        Optional<InstalledVersion> fact = environment.virtualPackage(name);
        if (providers != null) {
            if (os == null) {
                findings.undecided("the snapshot does not record the operating system (" + name + ")");
                return;
            }
            if (!providers.contains(os)) {
                if (required) {
                    findings.brokenByPlatform(requirer + " requires " + text + ", which the platform (" + os
                            + ") does not provide.", "install a build of " + p.name() + " for " + os);
                }
                return;
            }
            if (spec.version() == null || name.equals("__unix")) {
                return;
            }
            if (environment.snapshot().getPlatform().getOsVersion() == null || fact.isEmpty()) {
                findings.undecided("the snapshot does not record the " + os + " version (" + name + ")");
                return;
            }
        } else if (fact.isEmpty()) {
            findings.undecided("the snapshot does not record " + name);
            return;
        }
        if (spec.version() == null) {
            return;
        }
        if (spec.build() != null && !spec.build().matchesAll()) {
            findings.undecided("the snapshot does not record the build of " + name + " that '" + text + "' names");
            return;
        }
        boolean holds;
        try {
            holds = VersionSpec.of(spec.version()).matches(fact.get());
        } catch (IllegalArgumentException e) {
            findings.undecided("'" + text + "' cannot be decided on " + name + " " + fact.get() + ": " + e.getMessage());
            return;
        }
        if (!holds) {
            String verb = required ? " has requirement " : " constrains ";
            findings.brokenByPlatform(requirer + verb + text + ", but the platform has " + name + " " + fact.get() + ".",
                    "run on a platform with " + text + ", or install a build of " + p.name() + " that does not need it");
        }
    }

    private static MatchSpec parse(String text, String field, SubjectFindings findings) {
        MatchSpec spec;
        try {
            spec = ParseCache.MATCH_SPECS.get(text);
        } catch (IllegalArgumentException e) {
            findings.undecided(field + " '" + text + "' does not parse: " + e.getMessage());
            return null;
        }
        if (!spec.nameMatch().isExact()) {
            findings.undecided(field + " '" + text + "' does not name one package");
            return null;
        }
        return spec;
    }

    private static List<InstalledPackageView> condaRecords(EnvironmentView environment, String condaName) {
        return environment.condaPackages(condaName).stream().filter(InstalledPackageView::isConda).toList();
    }

    /** Whether the record matches; empty (reported as undecided) when its version cannot be read. */
    private static Optional<Boolean> matches(MatchSpec spec, InstalledPackageView record, String text, SubjectFindings findings) {
        if (spec.version() != null && record.version() == null) {
            findings.undecided(record + " has a version that does not parse: " + record.versionError());
            return Optional.empty();
        }
        try {
            CondaVersion version = record.version() == null ? null : record.version().conda();
            if (record.channel() == null && spec.testsChannel()) {
                if (!spec.matchesAllButChannel(record.condaRecord(), version)) {
                    return Optional.of(false);
                }
                findings.undecided(EnvironmentView.unknownChannel(record));
                return Optional.empty();
            }
            return Optional.of(spec.matches(record.condaRecord(), version));
        } catch (IllegalArgumentException e) {
            findings.undecided("'" + text + "' cannot be decided for " + record + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String requirer(InstalledPackageView p) {
        return p.name() + " " + p.record().getVersion();
    }

    /** conda's {@code name version build}. */
    private static String recordForm(InstalledPackageView record) {
        String build = record.record().getBuild();
        return record.name() + " " + record.record().getVersion() + (build == null || build.isEmpty() ? "" : " " + build);
    }
}
