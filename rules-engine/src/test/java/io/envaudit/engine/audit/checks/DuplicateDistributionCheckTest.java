package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.checks.CheckFixtures.Findings;
import io.envaudit.engine.names.NameMap;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.envaudit.engine.audit.checks.CheckFixtures.change;
import static io.envaudit.engine.audit.checks.CheckFixtures.condaList;
import static io.envaudit.engine.audit.checks.CheckFixtures.snapshot;
import static io.envaudit.engine.audit.checks.CheckFixtures.with;
import static io.envaudit.engine.audit.checks.CheckFixtures.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplicateDistributionCheckTest {
    private static final DuplicateDistributionCheck CHECK = new DuplicateDistributionCheck(NameMap.builtIn());

    private static Findings run(EnvironmentSnapshot snapshot) {
        return CheckFixtures.run(CHECK, snapshot);
    }

    private static Findings listing(String file) {
        return run(condaList(file, snapshot("linux-base.json")));
    }

    /** subject to severity, sorted */
    private static Map<String, Severity> graded(Findings findings) {
        return findings.conflicts.stream().collect(Collectors.toMap(Conflict::subject, Conflict::severity, (a, b) -> a, TreeMap::new));
    }

    @Test
    void epilepsyListingPipNumpyOverCondaNumpyBaseAndTwoSpellingsOfTypingExtensions() {
        Findings findings = listing("epilepsy-pip-torch201-cu118-nvidia-label-condalist.txt");
        assertEquals(Map.of("numpy", Severity.ERROR, "typing-extensions", Severity.ERROR), graded(findings));

        Conflict numpy = findings.conflict("numpy").orElseThrow();
        assertEquals("duplicate-distribution", numpy.ruleId());
        assertEquals(List.of(new PackageRef("numpy", "1.24.4", "PIP", "pypi", null),
                new PackageRef("numpy-base", "1.24.3", "CONDA", "defaults", "py38h060ed82_1")), numpy.offending());
        assertEquals("numpy is installed twice at different versions: numpy 1.24.4 (pip, pypi), "
                + "numpy-base 1.24.3 (conda, defaults, build py38h060ed82_1). pip wrote its files over the conda package's, "
                + "so conda's record no longer describes what is imported.", numpy.explanation());
        assertEquals("pip uninstall numpy, then conda install --force-reinstall numpy-base", numpy.fix());

        assertEquals(List.of("typing-extensions", "typing_extensions"),
                findings.conflict("typing-extensions").orElseThrow().offending().stream().map(PackageRef::name).toList());
    }

    @Test
    void fypListingThreeNumpysAndPipOverCondaAtTheSameVersion() {
        Findings findings = listing("fyp-tf010-py27-duplicate-pip-numpy-condalist.txt");
        assertEquals(new TreeMap<>(Map.of("numpy", Severity.ERROR, "scipy", Severity.ERROR, "setuptools", Severity.ERROR,
                "pandas", Severity.WARNING, "python-dateutil", Severity.WARNING, "pytz", Severity.WARNING,
                "six", Severity.WARNING, "wheel", Severity.WARNING)), graded(findings));

        Conflict numpy = findings.conflict("numpy").orElseThrow();
        assertEquals(List.of("1.11.1", "1.11.1", "1.11.2"), numpy.offending().stream().map(PackageRef::version).toList());
        assertTrue(numpy.explanation().startsWith("numpy is installed 3 times at different versions: "), numpy.explanation());
        assertEquals("run pip uninstall numpy until pip reports it is not installed, then conda install --force-reinstall numpy",
                numpy.fix());
        assertTrue(findings.conflict("pandas").orElseThrow().explanation().startsWith("pandas is installed twice at the same version: "));
    }

    @Test
    void trafficSignListingScipyThreeTimesNumpyBaseIsNotADuplicateCLibrariesAreNotPythonDistributions() {
        Findings findings = listing("trafficsign-tfgpu1131-pip-three-scipy-mirror-channel-condalist.txt");
        assertEquals(new TreeMap<>(Map.ofEntries(
                Map.entry("imageio", Severity.WARNING), Map.entry("networkx", Severity.WARNING), Map.entry("pywavelets", Severity.WARNING),
                Map.entry("imgaug", Severity.WARNING), Map.entry("matplotlib", Severity.ERROR), Map.entry("opencv-python", Severity.ERROR),
                Map.entry("pillow", Severity.ERROR), Map.entry("pyqt5", Severity.ERROR), Map.entry("scikit-image", Severity.ERROR),
                Map.entry("scipy", Severity.ERROR))), graded(findings));
        // conda's libtiff 4.1.0, tk 8.6.8, zstd 1.3.7, mkl, intel-openmp are C libraries beside PyPI projects of those names;
        // numpy 1.17.4 is defaults' metapackage beside numpy-base 1.17.4
        assertEquals(List.of("opencv-python", "py-opencv"),
                findings.conflict("opencv-python").orElseThrow().offending().stream().map(PackageRef::name).toList());
        // conda-forge's imgaug 0.3.0 is noarch (py_0): pip's 0.2.6 replaced all of it
        assertTrue(findings.conflict("imgaug").orElseThrow().explanation().endsWith("pip replaced the files of a pure-Python conda "
                + "package, so pip's version is what imports; conda's record no longer describes it, and a later conda update or "
                + "removal of the package may delete pip's files."), findings.conflict("imgaug").orElseThrow().explanation());
    }

    @Test
    void onePipInstallOverAPurePythonCondaPackageIsAWarningOverACompiledOneOrTwiceAnError() {
        // tf217's listing: defaults' python-tzdata 2023.3 (noarch) and pip's tzdata 2024.1, both the tzdata module
        InstalledPackage noarch = InstalledPackage.newBuilder().setName("python-tzdata").setVersion("2023.3")
                .setInstaller(io.envaudit.schemas.Installer.CONDA).setChannel("defaults").setBuild("pyhd3eb1b0_0").build();
        InstalledPackage pip = InstalledPackage.newBuilder().setName("tzdata").setVersion("2024.1")
                .setInstaller(io.envaudit.schemas.Installer.PIP).setChannel("pypi").build();
        EnvironmentSnapshot base = snapshot("linux-base.json");
        assertEquals(Map.of("tzdata", Severity.WARNING), graded(run(with(base, noarch, pip))));
        InstalledPackage bySubdir = InstalledPackage.newBuilder(noarch).setBuild("0").setSubdir("noarch").build();
        assertEquals(Map.of("tzdata", Severity.WARNING), graded(run(with(base, bySubdir, pip))));

        InstalledPackage compiled = InstalledPackage.newBuilder(noarch).setBuild("py310h06a4308_0").build();
        assertEquals(Map.of("tzdata", Severity.ERROR), graded(run(with(base, compiled, pip))), "a compiled package keeps files pip does not know");
        InstalledPackage secondPip = InstalledPackage.newBuilder(pip).setVersion("2022.7").build();
        assertEquals(Map.of("tzdata", Severity.ERROR), graded(run(with(base, noarch, pip, secondPip))), "two pip installs of one distribution");
    }

    @Test
    void aCondaPackageBesideMetadataOfAnUnknownInstallerAtAnotherVersionIsTwoClaimsAWarning() {
        // collect_env in pytorch#65652: the pytorch channel's torchaudio 0.9.1, and pip sees torchaudio 0.9.0a0+a85b239
        InstalledPackage conda = InstalledPackage.newBuilder().setName("torchaudio").setVersion("0.9.1")
                .setInstaller(io.envaudit.schemas.Installer.CONDA).setChannel("pytorch").setBuild("py38").build();
        InstalledPackage unknown = InstalledPackage.newBuilder().setName("torchaudio").setVersion("0.9.0a0+a85b239")
                .setInstaller(io.envaudit.schemas.Installer.UNKNOWN).build();
        Conflict claims = run(with(snapshot("linux-base.json"), conda, unknown)).conflict("torchaudio").orElseThrow();
        assertEquals(Severity.WARNING, claims.severity());
        assertEquals("torchaudio has two versions: torchaudio 0.9.1 (conda, pytorch, build py38), torchaudio 0.9.0a0+a85b239 (installer unknown). "
                + "Either the conda package's own metadata states another version than its record, or a second install shadows it (in "
                + "the user site or on PYTHONPATH); the Location that python -m pip show torchaudio prints says which.",
                claims.explanation());

        // collect_env in pytorch#20978: pip's torch 1.0.0, and the torch that imports is 1.2.0.dev20190526
        InstalledPackage pipTorch = InstalledPackage.newBuilder().setName("torch").setVersion("1.0.0")
                .setInstaller(io.envaudit.schemas.Installer.PIP).setChannel("pypi").build();
        InstalledPackage imported = InstalledPackage.newBuilder().setName("torch").setVersion("1.2.0.dev20190526")
                .setInstaller(io.envaudit.schemas.Installer.UNKNOWN).build();
        assertEquals(Map.of("torch", Severity.ERROR), graded(run(with(snapshot("linux-base.json"), pipTorch, imported))),
                "pip's record beside another install is two installs for certain");
    }

    @Test
    void pipBesideAnInstallOfUnknownOriginIsToldToLookWhichImportsNotThatAnOsPackageStays() {
        // collect_env in pytorch#20978: pip's torch 1.0.0, and the torch that imports is 1.2.0.dev20190526, installed by whatever
        InstalledPackage pipTorch = InstalledPackage.newBuilder().setName("torch").setVersion("1.0.0")
                .setInstaller(io.envaudit.schemas.Installer.PIP).setChannel("pypi").build();
        InstalledPackage imported = InstalledPackage.newBuilder().setName("torch").setVersion("1.2.0.dev20190526")
                .setInstaller(io.envaudit.schemas.Installer.UNKNOWN).build();
        assertEquals("python -m pip show torch names the install that imports (Version, Location): if that is pip's 1.0.0 and not "
                        + "the version wanted, pip uninstall torch; remove an unwanted install of unknown origin with whatever put it there",
                run(with(snapshot("linux-base.json"), pipTorch, imported)).conflict("torch").orElseThrow().fix());
        InstalledPackage another = InstalledPackage.newBuilder(imported).setVersion("1.1.0").build();
        assertEquals("python -m pip show torch names the install that imports (Version, Location): "
                        + "remove an unwanted install of unknown origin with whatever put it there",
                run(with(snapshot("linux-base.json"), imported, another)).conflict("torch").orElseThrow().fix(),
                "no pip install: nothing for pip to remove");
    }

    @Test
    void esrganListingMetapackagesBesideTheirImplementationsAreNotDuplicates() {
        // tensorflow, tensorflow-gpu, tensorflow-base 1.14.0 and keras-gpu, keras-base 2.2.4, all defaults
        assertEquals(List.of(), listing("esrgan-keras-tf114-gpu-win-condalist.txt").conflicts);
    }

    @Test
    void shadowsNamesTheCondaPackageAPipInstallWasPutOver() {
        // the map has no pair for RAPIDS' pip name cudf-cu12; the agent's shadows field joins them
        Findings findings = run(snapshot("rapids-pip-over-conda.json"));
        Conflict cudf = findings.conflict("cudf-cu12").orElseThrow();
        assertEquals(Severity.WARNING, cudf.severity(), "24.4.1 and 24.04.01 are one version");
        assertEquals(List.of("cudf", "cudf-cu12"), cudf.offending().stream().map(PackageRef::name).toList());

        EnvironmentSnapshot unlinked = change(snapshot("rapids-pip-over-conda.json"), "cudf-cu12", p -> p.setShadows(null));
        assertEquals(List.of(), run(unlinked).conflicts);
    }

    @Test
    void theEpilepsyFixtureWithShadowsGivesTheSameTwoConflicts() {
        assertEquals(Map.of("numpy", Severity.ERROR, "typing-extensions", Severity.ERROR), graded(run(snapshot("epilepsy-shadows.json"))));
    }

    @Test
    void aCondaWrapperThatDependsOnTheImplementationIsNotADuplicate() {
        EnvironmentSnapshot condaForge = snapshot("conda-forge-typing-extensions.json");
        assertEquals(List.of(), run(condaForge).conflicts);
    }

    @Test
    void aPipInstallBesideACondaWrapperAndItsImplementationIsOneDuplicate() {
        // defaults' typing-extensions wrapper is a py38 build pinning typing_extensions; pip's 4.8.0 is over both
        EnvironmentSnapshot snapshot = with(change(change(snapshot("conda-forge-typing-extensions.json"),
                        "typing-extensions", p -> p.setBuild("py38h06a4308_0").setChannel("defaults")
                                .setDepends(List.of("typing_extensions 4.9.0 py38h06a4308_0"))),
                        "typing_extensions", p -> p.setBuild("py38h06a4308_0").setChannel("defaults")),
                InstalledPackage.newBuilder().setName("typing-extensions").setVersion("4.8.0")
                        .setInstaller(io.envaudit.schemas.Installer.PIP).setChannel("pypi").build());
        Conflict conflict = run(snapshot).conflict("typing-extensions").orElseThrow();
        assertEquals(List.of("typing_extensions 4.9.0", "typing-extensions 4.8.0"),
                conflict.offending().stream().map(r -> r.name() + " " + r.version()).toList());
        assertTrue(conflict.explanation().startsWith("typing-extensions is installed twice at different versions"), conflict.explanation());
    }

    @Test
    void comfyuiListingCondaForgeRuamelDotYamlAndDefaultsRuamelUnderscoreYamlAreTwoDistributions() {
        // conda-forge ruamel.yaml 0.18.6 (import ruamel.yaml) beside defaults ruamel_yaml 0.17.21 (import ruamel_yaml,
        // PyPI's ruamel-yaml-conda) in one Anaconda base environment: no file of one is a file of the other
        Findings findings = listing("comfyui-anaconda-torch241-cu124-win-condalist.txt");
        assertTrue(findings.conflicts.stream().noneMatch(c -> c.subject().startsWith("ruamel")), findings.conflicts.toString());
    }

    @Test
    void pipRuamelYamlOverCondaForgeRuamelYamlIsOneDistribution() {
        InstalledPackage conda = InstalledPackage.newBuilder().setName("ruamel.yaml").setVersion("0.17.21")
                .setInstaller(io.envaudit.schemas.Installer.CONDA).setChannel("conda-forge").setBuild("py310h5764c6d_3").build();
        InstalledPackage pip = InstalledPackage.newBuilder().setName("ruamel.yaml").setVersion("0.18.6")
                .setInstaller(io.envaudit.schemas.Installer.PIP).setChannel("pypi").build();
        Conflict conflict = run(with(snapshot("linux-base.json"), conda, pip)).conflict("ruamel-yaml").orElseThrow();
        assertEquals(List.of("CONDA", "PIP"), conflict.offending().stream().map(PackageRef::installer).toList());
        assertEquals(Severity.ERROR, conflict.severity());
    }

    @Test
    void condaRecordsOfOneDistributionWithoutDependsDifferingInVersionAreReported() {
        // a conda list records no depends: defaults' typing-extensions wrapper and typing_extensions, both py38 builds
        EnvironmentSnapshot listed = change(change(snapshot("conda-forge-typing-extensions.json"),
                "typing-extensions", p -> p.setDepends(List.of()).setBuild("py38h06a4308_0").setChannel("defaults")),
                "typing_extensions", p -> p.setDepends(List.of()).setBuild("py38h06a4308_0").setChannel("defaults"));
        assertEquals(List.of(), run(listed).conflicts, "without depends, one version across the names is the wrapper pattern");

        Conflict conflict = run(change(listed, "typing-extensions", p -> p.setVersion("4.8.0"))).conflict("typing-extensions").orElseThrow();
        assertEquals(Severity.ERROR, conflict.severity());
        assertEquals("conda update typing-extensions typing_extensions (the solver makes them one consistent set)", conflict.fix());
    }

    @Test
    void aCondaRecordWithoutSignOfPythonIsNotAnInstallOfThePypiNamesake() {
        // conda-forge's typing-extensions wrapper (build hd8ed1ab_0, no depends listed) carries no Python code
        EnvironmentSnapshot listed = change(change(snapshot("conda-forge-typing-extensions.json"),
                "typing-extensions", p -> p.setDepends(List.of()).setVersion("4.8.0")),
                "typing_extensions", p -> p.setDepends(List.of()));
        assertEquals(List.of(), run(listed).conflicts);
    }

    @Test
    void aPipInstallOverAnOsPackage() {
        // Ubuntu's PyYAML 5.4.1 (OS) and pip's PyYAML 6.0.1 in /usr/local
        Conflict pyyaml = run(snapshot("ubuntu-system.json")).conflict("pyyaml").orElseThrow();
        assertEquals(Severity.ERROR, pyyaml.severity());
        assertEquals("pip uninstall PyYAML (the OS package stays)", pyyaml.fix());
        assertTrue(pyyaml.explanation().startsWith("pyyaml is installed twice at different versions: PyYAML 5.4.1 (os, pypi), "
                + "PyYAML 6.0.1 (pip, pypi)."), pyyaml.explanation());
    }

    @Test
    void versionsThatDoNotParseDifferWhenTheirTextDiffers() {
        InstalledPackage pipDebian = InstalledPackage.newBuilder().setName("python-debian").setVersion("0.1.43")
                .setInstaller(io.envaudit.schemas.Installer.PIP).setChannel("pypi").build();
        EnvironmentSnapshot snapshot = with(without(snapshot("ubuntu-system.json"), "PyYAML"), pipDebian);
        assertEquals(Map.of("python-debian", Severity.ERROR), graded(run(snapshot)));
    }

    @Test
    void sameVersionReadsBothFlavors() {
        assertTrue(DuplicateDistributionCheck.sameVersion("1.0", "1.0.0"));
        assertTrue(DuplicateDistributionCheck.sameVersion("24.4.1", "24.04.01"));
        assertTrue(DuplicateDistributionCheck.sameVersion("1.0.2k", "1.0.2K"), "openssl's letters: conda only, case-insensitive");
        assertFalse(DuplicateDistributionCheck.sameVersion("2.0.1+cu118", "2.0.1"));
        assertFalse(DuplicateDistributionCheck.sameVersion("0.1.43ubuntu1", "0.1.43"));
        assertFalse(DuplicateDistributionCheck.sameVersion("1.11.1", "1.11.2"));
    }

    @Test
    void aConfiguredSeverityGradesDifferentVersionsAndCapsEqualOnesAtWarning() {
        EnvironmentSnapshot fyp = condaList("fyp-tf010-py27-duplicate-pip-numpy-condalist.txt", snapshot("linux-base.json"));
        Map<String, Severity> critical = graded(CheckFixtures.run(CHECK, fyp, Severity.CRITICAL));
        assertEquals(Severity.CRITICAL, critical.get("numpy"));
        assertEquals(Severity.WARNING, critical.get("pandas"));
        Map<String, Severity> info = graded(CheckFixtures.run(CHECK, fyp, Severity.INFO));
        assertEquals(Severity.INFO, info.get("numpy"));
        assertEquals(Severity.INFO, info.get("pandas"));
    }
}
