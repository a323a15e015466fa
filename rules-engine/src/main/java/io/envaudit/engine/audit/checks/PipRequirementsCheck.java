package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.AuditSink;
import io.envaudit.engine.audit.ParseCache;
import io.envaudit.engine.audit.Check;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.InstalledPackageView;
import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.pep508.Requirement;
import io.envaudit.engine.pep508.Truth;
import io.envaudit.engine.rules.Severity;
import io.envaudit.engine.spec.VersionSpec;
import io.envaudit.engine.version.Flavor;
import io.envaudit.schemas.Installer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code pip check} on a snapshot: every {@code Requires-Dist} of a pip- or OS-installed package whose
 * marker holds (with {@code extra} empty, so requirements of extras never apply) must name an installed
 * distribution at a version its specifier contains, pre-releases allowed. Conda records count through
 * their distribution identity and are ordered by conda's rules. Messages are pip's, with its canonical
 * names: "requests 2.19.1 has requirement idna<2.8,>=2.5, but you have idna 2.8."
 *
 * <p>Where a distribution is installed more than once, the install Python imports is judged: a pip install
 * shadows OS and conda ones; several installs of the same kind must agree, or the requirement is undecided.
 */
public final class PipRequirementsCheck implements Check {

    public static final String ID = "pip-requirements";
    private static final About ABOUT = new About(ID, Severity.ERROR,
            "A pip-installed package's Requires-Dist unmet, markers evaluated against the environment (what pip check prints).");

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void run(EnvironmentView environment, Severity severity, AuditSink sink) {
        Map<String, SubjectFindings> bySubject = new LinkedHashMap<>();
        for (InstalledPackageView p : environment.packages()) {
            Installer installer = p.record().getInstaller();
            if ((installer != Installer.PIP && installer != Installer.OS) || p.record().getRequires().isEmpty()) {
                continue;
            }
            String subject = PackageName.normalize(p.name());
            SubjectFindings findings = bySubject.computeIfAbsent(subject,
                    s -> new SubjectFindings(ID, severity, s, "pip install"));
            findings.subjectInstall(p.ref());
            for (String requirement : p.record().getRequires()) {
                check(environment, subject + " " + p.record().getVersion(), requirement, findings);
            }
        }
        bySubject.values().forEach(f -> f.report(sink));
    }

    private static void check(EnvironmentView environment, String requirer, String text, SubjectFindings findings) {
        Requirement requirement;
        try {
            requirement = ParseCache.REQUIREMENTS.get(text);
        } catch (IllegalArgumentException e) {
            findings.undecided("Requires-Dist '" + text + "' does not parse: " + e.getMessage());
            return;
        }
        Truth applies;
        try {
            applies = requirement.appliesTo(environment.markers());
        } catch (IllegalArgumentException e) {
            // a marker packaging cannot evaluate either (os_name ~= "posix"): undecided, never a crash
            findings.undecided("the marker of '" + text + "' cannot be evaluated: " + e.getMessage());
            return;
        }
        if (applies == Truth.FALSE) {
            return;
        }
        String markerUnknown = "the snapshot lacks a fact the marker of '" + requirement + "' reads";
        String name = requirement.normalizedName();
        List<InstalledPackageView> installs = imported(environment.distribution(name));
        if (installs.isEmpty()) {
            if (applies == Truth.UNKNOWN) {
                findings.undecided(markerUnknown);
            } else if (environment.partial()) {
                findings.undecided(name + " is not in the snapshot, which lists only part of the environment");
            } else {
                findings.broken(requirer + " requires " + name + ", which is not installed.", null, installArgument(requirement));
            }
            return;
        }
        if (requirement.specifier().isEmpty()) {
            return;
        }
        VersionSpec spec = VersionSpec.parse(Flavor.PEP440, requirement.specifier().toString());
        List<InstalledPackageView> failing = new ArrayList<>();
        String unknown = null;
        for (InstalledPackageView install : installs) {
            if (install.version() == null) {
                unknown = install + " has a version that does not parse: " + install.versionError();
                continue;
            }
            try {
                if (!spec.matches(install.version())) {
                    failing.add(install);
                }
            } catch (IllegalArgumentException e) {
                unknown = "'" + requirement + "' cannot be decided for " + install + ": " + e.getMessage();
            }
        }
        if (failing.isEmpty() && unknown == null) {
            return;
        }
        if (applies == Truth.UNKNOWN) {
            findings.undecided(markerUnknown);
        } else if (unknown != null) {
            findings.undecided(unknown);
        } else if (failing.size() < installs.size()) {
            findings.undecided(name + " is installed more than once and only some installs satisfy '" + requirement + "'");
        } else {
            for (InstalledPackageView install : failing) {
                findings.broken(requirer + " has requirement " + requirement + ", but you have " + name + " "
                        + install.record().getVersion() + ".", install.ref(), installArgument(requirement));
            }
        }
    }

    /**
     * The installs Python imports: pip's files shadow an OS package's (an earlier {@code sys.path} entry) and
     * a conda package's (pip writes over them in the same site-packages).
     */
    private static List<InstalledPackageView> imported(List<InstalledPackageView> installs) {
        for (Installer layer : new Installer[] {Installer.PIP, Installer.OS, Installer.UNKNOWN}) {
            List<InstalledPackageView> found = installs.stream().filter(p -> p.record().getInstaller() == layer).toList();
            if (!found.isEmpty()) {
                return found;
            }
        }
        return installs;
    }

    /** The requirement without its marker, as {@code pip install} takes it. */
    private static String installArgument(Requirement requirement) {
        StringBuilder out = new StringBuilder(requirement.name());
        if (!requirement.extras().isEmpty()) {
            out.append('[').append(String.join(",", new TreeSet<>(requirement.extras()))).append(']');
        }
        if (requirement.url() != null) {
            return out.append(" @ ").append(requirement.url()).toString();
        }
        return out.append(requirement.specifier()).toString();
    }
}
