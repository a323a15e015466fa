package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.AuditSink;
import io.envaudit.engine.audit.Check;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.InstalledPackageView;
import io.envaudit.engine.conda.CondaVersion;
import io.envaudit.engine.names.NameMap;
import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.engine.rules.Severity;
import io.envaudit.engine.version.InvalidVersionException;
import io.envaudit.schemas.Installer;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One distribution (its PyPI identity: conda records through the name map, pip records by PEP 503 name)
 * installed more than once: pip over conda, two spellings ({@code typing-extensions} and
 * {@code typing_extensions}), two versions. An error when the versions differ, a warning when they are
 * equal. A pip record's {@code shadows} joins the conda package it was installed over even where the
 * name map does not.
 *
 * <p>Two more are warnings although the versions differ. One pip install over pure-Python conda packages
 * (noarch: python, whose build strings are {@code py_0} or {@code pyh<hash>_0}): there is no compiled code of
 * two builds to mix, so what imports is pip's version, whole (installed over the package or shadowing it from
 * the user site); conda's record no longer describes it (the requirement checks judge that version against
 * its dependents). And a
 * conda package beside metadata of an unknown installer: that is how a listing shows a version it cannot
 * place (collect_env's pip section also lists conda's packages), and a conda package's own metadata may state
 * another version than its record (one built from a source tree carries the tree's), so the listing shows
 * two version claims, not two installs for certain.
 *
 * <p>Not duplicates: a metapackage beside its implementation (the environment view leaves it out); a
 * conda record whose depends name another conda record of the same distribution (conda-forge's
 * {@code typing-extensions} pulling in {@code typing_extensions}, defaults' {@code numpy} pulling in
 * {@code numpy-base}); and, where listings record no depends, conda records of different names at one
 * version, which is how such wrapper packages are pinned. Conda records of different names at different
 * versions are reported.
 *
 * <p>A conda record counts only when it carries Python code: an unmapped conda name is a PyPI name only
 * by coincidence, and conda's C libraries share names with unrelated PyPI projects ({@code libtiff},
 * {@code tk}, {@code zstd}). The evidence is the name map (a mapped name or a known part), depends on
 * {@code python} or {@code python_abi}, or a build string with conda's Python tag ({@code py37_0},
 * {@code pyhd3eb1b0_0}, {@code np111py27_0}); builds are hashes and numbers otherwise. pip's wheels of
 * C libraries ({@code mkl}, {@code intel-openmp}) beside conda's are thus not reported: no import clashes.
 */
public final class DuplicateDistributionCheck implements Check {
    public static final String ID = "duplicate-distribution";
    private static final About ABOUT = new About(ID, Severity.ERROR,
            "One distribution installed twice: pip and conda, two spellings, two versions (a warning when the versions are equal).");

    /** conda-build's build string for a noarch: python package: {@code py_0}, or {@code pyh} and a variant hash. */
    private static final Pattern NOARCH_PYTHON_BUILD = Pattern.compile("py(h[0-9a-f]+)?_\\d+");

    private final NameMap names;

    /** @param names the name map the environment views are built with */
    public DuplicateDistributionCheck(NameMap names) {
        this.names = names;
    }

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void run(EnvironmentView environment, Severity severity, AuditSink sink) {
        for (Map.Entry<String, List<InstalledPackageView>> group : groups(environment).entrySet()) {
            List<InstalledPackageView> installs = withoutWrappers(group.getValue());
            if (installs.size() < 2) {
                continue;
            }
            boolean sameVersion = sameVersion(installs);
            boolean condaOnly = installs.stream().allMatch(InstalledPackageView::isConda);
            long condaNames = installs.stream().map(InstalledPackageView::condaName).distinct().count();
            if (condaOnly && condaNames == installs.size() && sameVersion) {
                continue;
            }
            Kind kind = sameVersion ? Kind.SAME_VERSION : pipOverPureConda(installs) ? Kind.PIP_OVER_PURE_PYTHON
                    : versionClaims(installs) ? Kind.VERSION_CLAIMS : Kind.DIFFERENT_VERSIONS;
            Severity graded = kind != Kind.DIFFERENT_VERSIONS && severity.atLeast(Severity.WARNING) ? Severity.WARNING : severity;
            sink.conflict(new Conflict(ID, graded, group.getKey(),
                    installs.stream().map(InstalledPackageView::ref).toList(),
                    explanation(group.getKey(), installs, kind), fix(group.getKey(), installs, kind), null));
        }
    }

    /** What the installs of a group are, which decides how it is graded and explained. */
    private enum Kind { SAME_VERSION, DIFFERENT_VERSIONS, PIP_OVER_PURE_PYTHON, VERSION_CLAIMS }

    /** One pip install, the rest conda packages of pure Python. */
    private static boolean pipOverPureConda(List<InstalledPackageView> installs) {
        return installs.stream().filter(p -> p.record().getInstaller() == Installer.PIP).count() == 1
                && installs.stream().filter(p -> p.record().getInstaller() != Installer.PIP).allMatch(p -> p.isConda() && pureConda(p));
    }

    /** A noarch: python conda package, by its subdir or by conda-build's build string for one. */
    private static boolean pureConda(InstalledPackageView p) {
        String build = p.record().getBuild();
        return "noarch".equals(p.record().getSubdir()) || build != null && NOARCH_PYTHON_BUILD.matcher(build).matches();
    }

    /** One conda package and one record of an unknown installer. */
    private static boolean versionClaims(List<InstalledPackageView> installs) {
        return installs.size() == 2 && installs.stream().anyMatch(InstalledPackageView::isConda)
                && installs.stream().anyMatch(p -> p.record().getInstaller() == Installer.UNKNOWN);
    }

    /** Installs by distribution, metapackages left out; a pip install joins the conda package it shadows. */
    private Map<String, List<InstalledPackageView>> groups(EnvironmentView environment) {
        // by identity: a listing may hold the same line twice, and those are two installs
        Map<InstalledPackageView, String> groupOf = new IdentityHashMap<>();
        for (InstalledPackageView p : environment.packages()) {
            if (!p.metapackage() && carriesPython(p)) {
                groupOf.put(p, p.distribution());
            }
        }
        for (InstalledPackageView p : environment.packages()) {
            String shadows = p.record().getShadows();
            if (p.isConda() || shadows == null || !groupOf.containsKey(p)) {
                continue;
            }
            for (InstalledPackageView shadowed : environment.condaPackages(shadows)) {
                if (shadowed.isConda() && groupOf.containsKey(shadowed)) {
                    groupOf.put(shadowed, groupOf.get(p));
                }
            }
        }
        Map<String, List<InstalledPackageView>> groups = new LinkedHashMap<>();
        for (InstalledPackageView p : environment.packages()) {
            String group = groupOf.get(p);
            if (group != null) {
                groups.computeIfAbsent(group, k -> new ArrayList<>(2)).add(p);
            }
        }
        return groups;
    }

    private boolean carriesPython(InstalledPackageView p) {
        if (!p.isConda()) {
            return true;
        }
        if (!p.distribution().equals(PackageName.normalize(p.name())) || names.roleOf(p.condaName(), p.distribution()).isPresent()) {
            return true;
        }
        for (String dependency : DependsNames.of(p)) {
            if ("python".equals(dependency) || "python_abi".equals(dependency)) {
                return true;
            }
        }
        String build = p.record().getBuild();
        return build != null && build.toLowerCase(Locale.ROOT).contains("py");
    }

    /** Leaves out conda records that depend on another conda record of the group: they only pull it in. */
    private static List<InstalledPackageView> withoutWrappers(List<InstalledPackageView> installs) {
        if (installs.size() < 2) {
            return installs;
        }
        Set<String> condaNames = new LinkedHashSet<>();
        installs.stream().filter(InstalledPackageView::isConda).forEach(p -> condaNames.add(p.condaName()));
        return installs.stream().filter(p -> !p.isConda() || !dependsOnAnother(p, condaNames)).toList();
    }

    private static boolean dependsOnAnother(InstalledPackageView p, Set<String> condaNames) {
        for (String name : DependsNames.of(p)) {
            if (!name.equals(p.condaName()) && condaNames.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameVersion(List<InstalledPackageView> installs) {
        String first = installs.get(0).record().getVersion();
        return installs.stream().allMatch(p -> sameVersion(first, p.record().getVersion()));
    }

    /**
     * Equal as written, or equal in a flavor both read in ({@code 1.0} and {@code 1.0.0}); versions that no
     * flavor shows equal are different ({@code 0.1.43ubuntu1} and {@code 0.1.43}).
     */
    static boolean sameVersion(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        Pep440Version pa = Pep440Version.tryParse(a);
        Pep440Version pb = Pep440Version.tryParse(b);
        if (pa != null && pb != null) {
            return pa.equals(pb);
        }
        try {
            return CondaVersion.parse(a).equals(CondaVersion.parse(b));
        } catch (InvalidVersionException unreadable) {
            return false;
        }
    }

    private static String explanation(String distribution, List<InstalledPackageView> installs, Kind kind) {
        String listed = String.join(", ", installs.stream().map(p -> p.ref().toString()).toList());
        if (kind == Kind.VERSION_CLAIMS) {
            return distribution + " has two versions: " + listed + ". Either the conda package's own metadata states another version "
                    + "than its record, or a second install shadows it (in the user site or on PYTHONPATH); the Location that "
                    + "python -m pip show " + distribution + " prints says which.";
        }
        StringBuilder out = new StringBuilder(distribution).append(" is installed ")
                .append(installs.size() == 2 ? "twice" : installs.size() + " times")
                .append(kind == Kind.SAME_VERSION ? " at the same version: " : " at different versions: ");
        out.append(listed).append('.');
        if (kind == Kind.PIP_OVER_PURE_PYTHON) {
            return out.append(" pip replaced the files of a pure-Python conda package, so pip's version is what imports; conda's record "
                    + "no longer describes it, and a later conda update or removal of the package may delete pip's files.").toString();
        }
        boolean pip = installs.stream().anyMatch(p -> p.record().getInstaller() == Installer.PIP);
        boolean conda = installs.stream().anyMatch(InstalledPackageView::isConda);
        if (pip && conda) {
            out.append(" pip wrote its files over the conda package's, so conda's record no longer describes what is imported.");
        } else if (installs.stream().map(p -> p.record().getInstaller()).distinct().count() == 1) {
            out.append(" Their files overlap; which version is imported depends on which was installed last.");
        }
        return out.toString();
    }

    private static String fix(String distribution, List<InstalledPackageView> installs, Kind kind) {
        if (kind == Kind.VERSION_CLAIMS) {
            return "if python -m pip show " + distribution + " names a Location outside the environment, python -m pip uninstall "
                    + distribution + " until it names the environment's; if it names the environment's, nothing is wrong";
        }
        List<String> pip = names(installs, Installer.PIP);
        List<String> conda = names(installs, Installer.CONDA);
        long pipInstalls = installs.stream().filter(p -> p.record().getInstaller() == Installer.PIP).count();
        String uninstall = "pip uninstall " + String.join(" ", pip);
        String uninstallAll = pipInstalls > 1 ? "run " + uninstall + " until pip reports it is not installed" : uninstall;
        if (!pip.isEmpty() && !conda.isEmpty()) {
            return uninstallAll + ", then conda install --force-reinstall " + String.join(" ", conda);
        }
        if (!pip.isEmpty() && pipInstalls == installs.size()) {
            return uninstallAll + ", then pip install the one version wanted";
        }
        if (installs.stream().anyMatch(p -> p.record().getInstaller() == Installer.UNKNOWN)) {
            String pipVersions = String.join(" or ", installs.stream().filter(p -> p.record().getInstaller() == Installer.PIP)
                    .map(p -> p.record().getVersion()).distinct().toList());
            return whichImports(distribution, pip.isEmpty() ? "" : "if that is pip's " + pipVersions + " and not the version wanted, "
                    + uninstallAll + "; ");
        }
        if (!pip.isEmpty()) {
            return uninstallAll + " (the OS package stays)";
        }
        if (conda.size() > 1) {
            return "conda update " + String.join(" ", conda) + " (the solver makes them one consistent set)";
        }
        return "remove all but one of the installs";
    }

    /**
     * With an install of unknown origin (a version a listing shows without saying who installed it) nothing certain
     * can be removed: what pip shows first is what Python imports, so that is where to look.
     */
    private static String whichImports(String distribution, String pipStep) {
        return "python -m pip show " + distribution + " names the install that imports (Version, Location): " + pipStep
                + "remove an unwanted install of unknown origin with whatever put it there";
    }

    private static List<String> names(List<InstalledPackageView> installs, Installer installer) {
        return installs.stream().filter(p -> p.record().getInstaller() == installer).map(InstalledPackageView::name)
                .distinct().toList();
    }
}
