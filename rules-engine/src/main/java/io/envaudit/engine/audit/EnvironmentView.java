package io.envaudit.engine.audit;

import io.envaudit.engine.names.Channel;
import io.envaudit.engine.names.Channels;
import io.envaudit.engine.names.NameMap;
import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.pep508.MarkerEnvironment;
import io.envaudit.engine.pep508.Truth;
import io.envaudit.engine.rules.PackageSpec;
import io.envaudit.engine.spec.InstalledVersion;
import io.envaudit.engine.version.Flavor;
import io.envaudit.engine.version.InvalidSpecException;
import io.envaudit.engine.version.InvalidVersionException;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.Platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot made ready for auditing, once: every package's distribution identity, version in its own
 * flavor and canonical channel; packages indexed by distribution and by conda name; the platform as
 * virtual packages and as marker facts. Rules then look packages up by name, never scanning.
 */
public final class EnvironmentView {
    private final EnvironmentSnapshot snapshot;
    private final List<InstalledPackageView> packages;
    private final Map<String, List<InstalledPackageView>> byDistribution = new HashMap<>();
    private final Map<String, List<InstalledPackageView>> byCondaName = new HashMap<>();
    private final Map<String, InstalledVersion> virtual;
    private final MarkerEnvironment markers;
    private final NameMap names;
    /** True when no package carries Python, so {@code python} specs read the platform's Python version. */
    private final boolean pythonIsVirtual;
    /** Every name a rule may be indexed by, made once. */
    private final List<String> indexNames;

    private EnvironmentView(EnvironmentSnapshot snapshot, List<InstalledPackageView> packages, NameMap names) {
        this.snapshot = snapshot;
        this.names = names;
        this.packages = List.copyOf(packages);
        for (InstalledPackageView p : this.packages) {
            byCondaName.computeIfAbsent(p.condaName(), k -> new ArrayList<>(1)).add(p);
            if (!p.metapackage()) {
                byDistribution.computeIfAbsent(p.distribution(), k -> new ArrayList<>(1)).add(p);
            }
        }
        this.virtual = VirtualPackages.of(snapshot.getPlatform());
        if (!byDistribution.containsKey("python") && snapshot.getPlatform().getPythonVersion() != null) {
            putPython(snapshot.getPlatform().getPythonVersion());
        }
        this.markers = MarkerEnvironment.of(markerFacts(snapshot.getPlatform(), pythonVersion()));
        this.pythonIsVirtual = !byDistribution.containsKey("python");
        Set<String> all = new java.util.LinkedHashSet<>(byDistribution.keySet());
        all.addAll(byCondaName.keySet()); // a pip package's conda name is its distribution: one lookup, not two
        all.addAll(virtual.keySet());
        this.indexNames = List.copyOf(all);
    }

    public static EnvironmentView of(EnvironmentSnapshot snapshot) {
        return of(snapshot, NameMap.builtIn());
    }

    public static EnvironmentView of(EnvironmentSnapshot snapshot, NameMap names) {
        List<InstalledPackage> records = snapshot.getPackages();
        List<InstalledPackageView> views = new ArrayList<>(records.size());
        java.util.Set<String> implemented = new java.util.HashSet<>();
        for (InstalledPackage record : records) {
            if (record.getInstaller() == Installer.CONDA) {
                String distribution = names.pypiNameOfConda(record.getName());
                if (names.roleOf(record.getName(), distribution).orElse(null) == NameMap.Role.IMPLEMENTATION) {
                    implemented.add(distribution);
                }
            }
        }
        for (InstalledPackage record : records) {
            views.add(view(record, names, implemented));
        }
        return new EnvironmentView(snapshot, views, names);
    }

    private static InstalledPackageView view(InstalledPackage record, NameMap names, Set<String> implemented) {
        boolean conda = record.getInstaller() == Installer.CONDA;
        String condaName = conda ? record.getName().toLowerCase(Locale.ROOT) : PackageName.normalize(record.getName());
        String distribution = conda ? names.pypiNameOfConda(record.getName()) : PackageName.normalize(record.getName());
        boolean metapackage = conda && implemented.contains(distribution)
                && names.roleOf(record.getName(), distribution).orElse(null) == NameMap.Role.METAPACKAGE;
        InstalledVersion version = null;
        String versionError = null;
        try {
            version = InstalledVersion.parse(conda ? Flavor.CONDA : Flavor.PEP440, record.getVersion());
        } catch (InvalidVersionException e) {
            versionError = e.getMessage();
        }
        // a conda record without a channel comes from a listing that names none per package: unknown, not defaults;
        // nor does a record whose installer is unknown say where it came from
        Channel channel = record.getChannel() != null ? Channels.canonical(record.getChannel())
                : conda || record.getInstaller() == Installer.UNKNOWN ? null : Channels.canonical(Channel.PYPI);
        return new InstalledPackageView(record, distribution, condaName, version, versionError, channel, metapackage);
    }

    private void putPython(String version) {
        try {
            virtual.put("python", InstalledVersion.parse(Flavor.PEP440, version));
        } catch (InvalidVersionException unreadable) {
            // stays unknown
        }
    }

    public EnvironmentSnapshot snapshot() {
        return snapshot;
    }

    public String id() {
        return snapshot.getEnvironment().getId();
    }

    public boolean partial() {
        return snapshot.getPartial();
    }

    public List<InstalledPackageView> packages() {
        return packages;
    }

    public MarkerEnvironment markers() {
        return markers;
    }

    /** The PyPI distribution a conda package name stands for, by this view's name map. */
    public String distributionOfConda(String condaName) {
        return names.pypiNameOfConda(condaName);
    }

    /** Installed packages of one distribution (metapackages beside an implementation left out). */
    public List<InstalledPackageView> distribution(String normalizedName) {
        return byDistribution.getOrDefault(normalizedName, List.of());
    }

    /** Installed packages recorded under a conda name: conda records, and pip records whose normalized name it is. */
    public List<InstalledPackageView> condaPackages(String condaName) {
        return byCondaName.getOrDefault(condaName.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * A virtual package's version ({@code __glibc}, {@code __cuda}) from the platform's facts, or the
     * platform's Python when no package carries it; empty when not known.
     */
    public Optional<InstalledVersion> virtualPackage(String name) {
        return Optional.ofNullable(virtual.get(name));
    }

    /** Every name a rule may be indexed by: distributions, conda names and virtual packages present. */
    public List<String> names() {
        return indexNames;
    }

    /** The packages a spec's name refers to: by distribution (PEP 508), conda name (conda) or virtual name. */
    List<InstalledPackageView> candidates(PackageSpec spec) {
        if (isVirtualPresent(spec)) {
            return List.of();
        }
        return spec.grammar() == Flavor.CONDA ? condaPackages(spec.name()) : distribution(spec.name());
    }

    boolean isVirtualPresent(PackageSpec spec) {
        return spec.isVirtual() || (pythonIsVirtual && spec.name().equals("python"));
    }

    /**
     * Does this package satisfy the spec's version, build, channel and marker? PEP 508 joins the marker to the rest
     * with "and", so a spec whose version the package does not have is not matched, whether or not the marker could
     * be evaluated. Allocates nothing on a plain answer.
     */
    Match matches(PackageSpec spec, InstalledPackageView p) {
        Match marker = markerHolds(spec);
        return marker.no() ? marker : marker.and(matchesIgnoringMarker(spec, p));
    }

    /** Does this package satisfy the spec's version, build and channel? */
    Match matchesIgnoringMarker(PackageSpec spec, InstalledPackageView p) {
        boolean byMatchSpec = spec.matchSpec() != null && p.isConda();
        if (spec.matchSpec() != null && !p.isConda() && spec.matchSpec().testsBuild()) {
            return Match.NO; // a pip install has no conda build, so a spec that names one cannot hold on it
        }
        if (!byMatchSpec && spec.version() == null) {
            return Match.YES;
        }
        if (p.version() == null) {
            return Match.unknown(p.name() + " has version '" + p.record().getVersion() + "', which does not parse: "
                    + p.versionError());
        }
        try {
            if (byMatchSpec && p.channel() == null && spec.matchSpec().testsChannel()) {
                return spec.matchSpec().matchesAllButChannel(p.condaRecord(), p.version().conda())
                        ? Match.unknown(unknownChannel(p)) : Match.NO;
            }
            boolean holds = byMatchSpec
                    ? spec.matchSpec().matches(p.condaRecord(), p.version().conda())
                    : spec.version().matches(p.version());
            return holds ? Match.YES : Match.NO;
        } catch (IllegalArgumentException e) {
            return Match.unknown("'" + spec + "' cannot be decided for " + p + ": " + e.getMessage());
        }
    }

    /** Does the platform fact behind a virtual spec satisfy it, marker and all? Unknown when the snapshot lacks the fact. */
    Match matchesVirtual(PackageSpec spec) {
        Match marker = markerHolds(spec);
        return marker.no() ? marker : marker.and(matchesVirtualIgnoringMarker(spec));
    }

    /** Does the platform fact behind a virtual spec satisfy its version? */
    Match matchesVirtualIgnoringMarker(PackageSpec spec) {
        Optional<InstalledVersion> version = virtualPackage(spec.name());
        if (version.isEmpty()) {
            return Match.unknown("the snapshot does not say " + describeVirtual(spec.name()));
        }
        if (spec.version() == null) {
            return Match.YES;
        }
        return decideVirtual(spec, version.get());
    }

    private Match decideVirtual(PackageSpec spec, InstalledVersion version) {
        try {
            return spec.version().matches(version) ? Match.YES : Match.NO;
        } catch (InvalidSpecException e) {
            return Match.unknown(e.getMessage());
        }
    }

    /** Does the spec's marker hold in this environment? Yes when it has none. */
    Match markerHolds(PackageSpec spec) {
        if (spec.marker() == null) {
            return Match.YES;
        }
        Truth truth;
        try {
            truth = spec.marker().evaluate(markers);
        } catch (IllegalArgumentException e) {
            return Match.unknown("the marker '" + spec.marker() + "' cannot be evaluated: " + e.getMessage());
        }
        return switch (truth) {
            case TRUE -> Match.YES;
            case FALSE -> Match.NO;
            case UNKNOWN -> Match.unknown("the snapshot lacks a fact the marker '" + spec.marker() + "' reads");
        };
    }

    /** Why a channel test on a conda record whose channel the snapshot does not say is undecided. */
    public static String unknownChannel(InstalledPackageView p) {
        return "the snapshot does not say which channel " + p.name() + " " + p.record().getVersion() + " came from";
    }

    static String describeVirtual(String name) {
        return switch (name) {
            case VirtualPackages.CUDA -> "the driver's CUDA version (__cuda)";
            case VirtualPackages.GLIBC -> "the glibc version (__glibc)";
            case VirtualPackages.NVIDIA_DRIVER -> "the NVIDIA driver version (__nvidia_driver)";
            case "python" -> "the Python version";
            default -> "the fact " + name;
        };
    }

    private String pythonVersion() {
        List<InstalledPackageView> python = byDistribution.get("python");
        if (python != null && !python.isEmpty()) {
            return python.get(0).record().getVersion();
        }
        return snapshot.getPlatform().getPythonVersion();
    }

    /** PEP 508's environment markers from the platform; what is not known is left out (unknown). */
    private static Map<String, String> markerFacts(Platform platform, String pythonVersion) {
        Map<String, String> facts = new HashMap<>();
        if (pythonVersion != null) {
            facts.put("python_full_version", pythonVersion);
            String[] parts = pythonVersion.split("\\.");
            if (parts.length >= 2) {
                facts.put("python_version", parts[0] + "." + parts[1]);
            }
        }
        String os = platform.getOs() == null ? null : platform.getOs().toLowerCase(Locale.ROOT);
        if (os != null) {
            switch (os) {
                case "linux" -> {
                    facts.put("sys_platform", "linux");
                    facts.put("platform_system", "Linux");
                    facts.put("os_name", "posix");
                }
                case "osx" -> {
                    facts.put("sys_platform", "darwin");
                    facts.put("platform_system", "Darwin");
                    facts.put("os_name", "posix");
                }
                case "win" -> {
                    facts.put("sys_platform", "win32");
                    facts.put("platform_system", "Windows");
                    facts.put("os_name", "nt");
                }
                default -> { }
            }
        }
        if (platform.getArch() != null) {
            facts.put("platform_machine", platform.getArch());
        }
        if (platform.getOsVersion() != null && "linux".equals(os)) {
            facts.put("platform_release", platform.getOsVersion());
        }
        return facts;
    }
}
