package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.checks.CheckFixtures.Findings;
import io.envaudit.engine.names.NameMap;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.envaudit.engine.audit.checks.CheckFixtures.condaMeta;
import static io.envaudit.engine.audit.checks.CheckFixtures.partial;
import static io.envaudit.engine.audit.checks.CheckFixtures.platform;
import static io.envaudit.engine.audit.checks.CheckFixtures.snapshot;
import static io.envaudit.engine.audit.checks.CheckFixtures.with;
import static io.envaudit.engine.audit.checks.CheckFixtures.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CondaDependsCheckTest {
    private static final CondaDependsCheck CHECK = new CondaDependsCheck(NameMap.builtIn());

    private static Findings run(EnvironmentSnapshot snapshot) {
        return CheckFixtures.run(CHECK, snapshot);
    }

    private static InstalledPackage conda(String name, String version, String build, String channel) {
        return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.CONDA)
                .setChannel(channel).setBuild(build).build();
    }

    private static InstalledPackage pip(String name, String version) {
        return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.PIP).setChannel("pypi").build();
    }

    private static void assertClean(Findings findings) {
        assertEquals(List.of(), findings.conflicts);
        assertEquals(List.of(), findings.undecided);
    }

    // libgomp 11.2.0 h1234567_1 (defaults) depends on "_libgcc_mutex 0.1 main": exact version and build

    @Test
    void anExactVersionAndBuildPinIsMetByThatRecord() {
        assertClean(run(with(snapshot("linux-base.json"), condaMeta("libgomp-11.2.0-h1234567_1.json"),
                condaMeta("_libgcc_mutex-0.1-main.json"))));
    }

    @Test
    void aDependencyNotInstalledIsAConflict() {
        Findings findings = run(with(snapshot("linux-base.json"), condaMeta("libgomp-11.2.0-h1234567_1.json")));
        Conflict conflict = findings.conflict("libgomp").orElseThrow();
        assertEquals("conda-depends", conflict.ruleId());
        assertEquals(Severity.ERROR, conflict.severity());
        assertEquals("libgomp 11.2.0 requires _libgcc_mutex 0.1 main, which is not installed.", conflict.explanation());
        assertEquals(List.of(new PackageRef("libgomp", "11.2.0", "CONDA", "defaults", "h1234567_1")), conflict.offending());
        assertEquals("conda install '_libgcc_mutex 0.1 main'", conflict.fix());
    }

    @Test
    void aDependsNamingAChannelIsUndecidedOnARecordWhoseChannelIsUnknown() {
        // an environment.yml names no channel per package; a depends with a channel cannot be judged against it
        InstalledPackage app = InstalledPackage.newBuilder(conda("app", "1.0", "0", "conda-forge"))
                .setDepends(List.of("conda-forge::libzlib >=1.2.13")).build();
        Findings unknown = run(with(snapshot("linux-base.json"), app, conda("libzlib", "1.3.1", "hb9d3cd8_2", null)));
        assertEquals(List.of(), unknown.conflicts);
        assertEquals("the snapshot does not say which channel libzlib 1.3.1 came from", unknown.undecided("app").orElseThrow().reason());
        assertEquals(1, run(with(snapshot("linux-base.json"), app, conda("libzlib", "1.2.11", "h0", null))).conflicts.size(),
                "a version out of range is a conflict whatever the channel");
        assertClean(run(with(snapshot("linux-base.json"), app, conda("libzlib", "1.3.1", "hb9d3cd8_2", "conda-forge"))));
    }

    @Test
    void aDependencyMissingFromAPartialSnapshotIsUndecided() {
        Findings findings = run(partial(with(snapshot("linux-base.json"), condaMeta("libgomp-11.2.0-h1234567_1.json"))));
        assertEquals(List.of(), findings.conflicts);
        assertEquals("_libgcc_mutex is not in the snapshot, which lists only part of the environment",
                findings.undecided("libgomp").orElseThrow().reason());
    }

    @Test
    void anotherBuildOfThePinnedVersionIsAConflict() {
        // conda-forge's mutex beside defaults' libgomp: the defaults/conda-forge mix that breaks OpenMP
        Findings findings = run(with(without(snapshot("conda-forge-libgcc.json"), "libgomp"),
                condaMeta("libgomp-11.2.0-h1234567_1.json")));
        Conflict libgomp = findings.conflict("libgomp").orElseThrow();
        assertEquals("libgomp 11.2.0 has requirement _libgcc_mutex 0.1 main, but you have _libgcc_mutex 0.1 conda_forge.",
                libgomp.explanation());
        assertEquals(List.of("libgomp", "_libgcc_mutex"), libgomp.offending().stream().map(PackageRef::name).toList());
        // the defaults libgomp replaced conda-forge's 14.2.0, which libgcc constrains
        assertEquals("libgcc 14.2.0 constrains libgomp 14.2.0 h767d61c_2, but you have libgomp 11.2.0 h1234567_1.",
                findings.conflict("libgcc").orElseThrow().explanation());
    }

    // pip 22.2.2 py38h06a4308_0 (defaults): python >=3.8,<3.9.0a0, setuptools, wheel

    @Test
    void pythonRangesAreReadAsCondaSpecs() {
        EnvironmentSnapshot py38 = with(snapshot("linux-py38.json"), condaMeta("pip-22.2.2-py38h06a4308_0.json"));
        assertClean(run(py38));

        EnvironmentSnapshot py39 = with(without(py38, "python"), conda("python", "3.9.18", "h955ad1f_0", "defaults"));
        assertEquals("pip 22.2.2 has requirement python >=3.8,<3.9.0a0, but you have python 3.9.18 h955ad1f_0.",
                run(py39).conflict("pip").orElseThrow().explanation());

        // 3.9.0a0 is the lowest 3.9 in conda's order: a 3.9 release candidate is outside the range too
        EnvironmentSnapshot py39rc = with(without(py38, "python"), conda("python", "3.9.0rc1", "h955ad1f_0", "defaults"));
        assertEquals(1, run(py39rc).conflicts.size());
    }

    @Test
    void aPipInstallStandsInForAMissingCondaRecordByVersion() {
        EnvironmentSnapshot pipWheel = with(without(snapshot("linux-py38.json"), "wheel"),
                condaMeta("pip-22.2.2-py38h06a4308_0.json"), pip("wheel", "0.41.2"));
        assertClean(run(pipWheel));

        EnvironmentSnapshot nothing = with(without(snapshot("linux-py38.json"), "setuptools"), condaMeta("pip-22.2.2-py38h06a4308_0.json"));
        assertEquals("pip 22.2.2 requires setuptools, which is not installed.", run(nothing).conflict("pip").orElseThrow().explanation());
    }

    // numpy 1.15.1 py36had7ef94_0 (defaults, osx-64): blas 1.0 openblas, libgfortran >=3.0.1,
    // libopenblas >=0.3.2,<0.3.3.0a0, numpy-base 1.15.1 py36h42e5f7b_0, python >=3.6,<3.7.0a0

    private static EnvironmentSnapshot numpyEnvironment() {
        return with(snapshot("osx-numpy-py36.json"), condaMeta("numpy-1.15.1-py36had7ef94_0.json"), condaMeta("blas-1.0-openblas.json"));
    }

    @Test
    void theDefaultsNumpyMetapackageIsMetByItsExactNumpyBase() {
        assertClean(run(numpyEnvironment()));
    }

    @Test
    void everyUnmetDependsOfOneRecordIsOneConflict() {
        EnvironmentSnapshot broken = with(without(numpyEnvironment(), "numpy-base", "libopenblas"),
                conda("numpy-base", "1.15.1", "py36h6a91979_0", "defaults"), conda("libopenblas", "0.3.3", "h3d69b6c_0", "defaults"));
        Findings findings = run(broken);
        assertEquals(List.of("numpy"), findings.subjects());
        Conflict conflict = findings.conflicts.get(0);
        assertEquals("numpy 1.15.1 has requirement libopenblas >=0.3.2,<0.3.3.0a0, but you have libopenblas 0.3.3 h3d69b6c_0. "
                + "numpy 1.15.1 has requirement numpy-base 1.15.1 py36h42e5f7b_0, but you have numpy-base 1.15.1 py36h6a91979_0.",
                conflict.explanation());
        assertEquals(List.of("numpy", "libopenblas", "numpy-base"), conflict.offending().stream().map(PackageRef::name).toList());
        assertEquals("conda install 'libopenblas >=0.3.2,<0.3.3.0a0' 'numpy-base 1.15.1 py36h42e5f7b_0'", conflict.fix());
    }

    @Test
    void aPipNumpyStandsInForNumpyBaseByVersionOnly() {
        EnvironmentSnapshot sameVersion = with(without(numpyEnvironment(), "numpy-base"), pip("numpy", "1.15.1"));
        assertClean(run(sameVersion));

        EnvironmentSnapshot newer = with(without(numpyEnvironment(), "numpy-base"), pip("numpy", "1.16.0"));
        Conflict conflict = run(newer).conflict("numpy").orElseThrow();
        assertEquals("numpy 1.15.1 has requirement numpy-base 1.15.1 py36h42e5f7b_0, but you have numpy 1.16.0 (pip).",
                conflict.explanation());
        assertEquals(new PackageRef("numpy", "1.16.0", "PIP", "pypi", null), conflict.offending().get(1));
    }

    // libzlib 1.3.1 h8359307_2 (conda-forge, osx-arm64): depends __osx >=11.0, constrains zlib 1.3.1 *_2

    @Test
    void aVirtualPackageIsReadFromThePlatform() {
        EnvironmentSnapshot sonoma = with(snapshot("osx-arm64-base.json"), condaMeta("libzlib-1.3.1-h8359307_2.json"));
        assertClean(run(sonoma));

        Conflict catalina = run(platform(sonoma, p -> p.setOsVersion("10.15.7"))).conflict("libzlib").orElseThrow();
        assertEquals("libzlib 1.3.1 has requirement __osx >=11.0, but the platform has __osx 10.15.7.", catalina.explanation());
        assertEquals("run on a platform with __osx >=11.0, or install a build of libzlib that does not need it", catalina.fix());
        assertEquals(1, catalina.offending().size());

        Conflict linux = run(platform(sonoma, p -> p.setOs("linux").setOsVersion("5.15.0"))).conflict("libzlib").orElseThrow();
        assertEquals("libzlib 1.3.1 requires __osx >=11.0, which the platform (linux) does not provide.", linux.explanation());
    }

    @Test
    void aPlatformFactTheSnapshotLacksIsUndecided() {
        EnvironmentSnapshot sonoma = with(snapshot("osx-arm64-base.json"), condaMeta("libzlib-1.3.1-h8359307_2.json"));
        Findings noVersion = run(platform(sonoma, p -> p.setOsVersion(null)));
        assertEquals(List.of(), noVersion.conflicts);
        assertEquals("the snapshot does not record the osx version (__osx)", noVersion.undecided("libzlib").orElseThrow().reason());

        Findings noOs = run(platform(sonoma, p -> p.setOs(null)));
        assertEquals(List.of(), noOs.conflicts);
        assertEquals("the snapshot does not record the operating system (__osx)", noOs.undecided("libzlib").orElseThrow().reason());
    }

    @Test
    void constrainsHoldOnlyForAnInstalledRecordAndDependsPinBothWays() {
        // zlib 1.2.11 h90dfc92_1014 depends on "libzlib 1.2.11 h90dfc92_1014": an old zlib beside a new libzlib
        Findings findings = run(with(snapshot("osx-arm64-base.json"), condaMeta("libzlib-1.3.1-h8359307_2.json"),
                condaMeta("zlib-1.2.11-h90dfc92_1014.json")));
        assertEquals("libzlib 1.3.1 constrains zlib 1.3.1 *_2, but you have zlib 1.2.11 h90dfc92_1014.",
                findings.conflict("libzlib").orElseThrow().explanation());
        assertEquals("zlib 1.2.11 has requirement libzlib 1.2.11 h90dfc92_1014, but you have libzlib 1.3.1 h8359307_2.",
                findings.conflict("zlib").orElseThrow().explanation());
    }

    @Test
    void aConstrainsOnABuildStringTellsFreeThreadedPythonApart() {
        // python_abi 3.13 5_cp313t constrains "python 3.13.* *_cp313t"
        EnvironmentSnapshot freeThreaded = with(snapshot("osx-arm64-base.json"), condaMeta("python_abi-3.13-5_cp313t.json"),
                conda("python", "3.13.1", "h4f43103_102_cp313t", "conda-forge"));
        assertClean(run(freeThreaded));

        EnvironmentSnapshot gil = with(snapshot("osx-arm64-base.json"), condaMeta("python_abi-3.13-5_cp313t.json"),
                conda("python", "3.13.1", "h4f43103_102_cp313", "conda-forge"));
        assertEquals("python_abi 3.13 constrains python 3.13.* *_cp313t, but you have python 3.13.1 h4f43103_102_cp313.",
                run(gil).conflict("python_abi").orElseThrow().explanation());

        assertClean(run(with(snapshot("osx-arm64-base.json"), condaMeta("python_abi-3.13-5_cp313t.json"))));
    }

    @Test
    void pipInstallsDoNotAnswerToConstrains() {
        EnvironmentSnapshot pipZlib = with(snapshot("osx-arm64-base.json"), condaMeta("libzlib-1.3.1-h8359307_2.json"), pip("zlib", "1.0"));
        assertClean(run(pipZlib));
    }

    @Test
    void glibcIsCheckedAgainstThePlatformAndUnknownWhenNotGiven() {
        // conda-forge libgcc 14.2.0 depends on "__glibc >=2.17,<3.0.a0"
        assertClean(run(snapshot("conda-forge-libgcc.json")));

        Conflict centos6 = run(platform(snapshot("conda-forge-libgcc.json"), p -> p.setGlibcVersion("2.12"))).conflict("libgcc").orElseThrow();
        assertEquals("libgcc 14.2.0 has requirement __glibc >=2.17,<3.0.a0, but the platform has __glibc 2.12.", centos6.explanation());

        Findings unknown = run(platform(snapshot("conda-forge-libgcc.json"), p -> p.setGlibcVersion(null)));
        assertEquals(List.of(), unknown.conflicts);
        assertEquals("the snapshot does not record __glibc", unknown.undecided("libgcc").orElseThrow().reason());
    }

    @Test
    void condaVersionsOrderByCondaRules() {
        // vc 9 h7299396_1 depends on "vs2008_runtime >=9.0.30729.1,<10.0a0"; defaults' runtime is 9.00.30729.1
        EnvironmentSnapshot win = with(snapshot("linux-base.json"), condaMeta("vc-9-h7299396_1.json"),
                conda("vs2008_runtime", "9.00.30729.1", "hfaea7d5_1", "defaults"));
        assertClean(run(win));
        EnvironmentSnapshot vc10 = with(snapshot("linux-base.json"), condaMeta("vc-9-h7299396_1.json"),
                conda("vs2008_runtime", "10.0.40219.1", "h0", "defaults"));
        assertEquals(1, run(vc10).conflicts.size());
    }

    @Test
    void aRecordVersionThatDoesNotParseIsUndecided() {
        EnvironmentSnapshot snapshot = with(snapshot("linux-py38.json"), condaMeta("pip-22.2.2-py38h06a4308_0.json"));
        EnvironmentSnapshot odd = with(without(snapshot, "python"), conda("python", "3.8-18_rc", "h955ad1f_0", "defaults"));
        Findings findings = run(odd);
        assertEquals(List.of(), findings.conflicts);
        assertTrue(findings.undecided("pip").orElseThrow().reason().startsWith("python 3.8-18_rc has a version that does not parse"),
                findings.undecided("pip").orElseThrow().reason());
    }

    @Test
    void aDependsThatDoesNotParseIsUndecided() {
        InstalledPackage odd = InstalledPackage.newBuilder(conda("odd", "1.0", "0", "defaults")).setDepends(List.of("python >=3.8,,<<3.9")).build();
        Findings findings = run(with(snapshot("linux-py38.json"), odd));
        assertEquals(List.of(), findings.conflicts);
        assertTrue(findings.undecided("odd").orElseThrow().reason().startsWith("depends 'python >=3.8,,<<3.9' does not parse"));
    }

    @Test
    void aPartialListingLeavesEveryMissingDependencyUndecided() {
        // jupyterlab 4.4.3 (conda-forge noarch) has 16 depends; a partial snapshot shows only python
        EnvironmentSnapshot snapshot = with(snapshot("linux-base.json"), condaMeta("jupyterlab-4.4.3-pyhd8ed1ab_0.json"),
                conda("python", "3.13.3", "hf636f53_101_cp313", "conda-forge"));
        assertEquals(List.of(), run(partial(snapshot)).conflicts);
        assertTrue(run(partial(snapshot)).undecided("jupyterlab").isPresent());

        Conflict whole = run(snapshot).conflict("jupyterlab").orElseThrow();
        assertEquals(15, whole.explanation().split("which is not installed\\.").length);
        assertTrue(whole.explanation().startsWith("jupyterlab 4.4.3 requires async-lru >=1.0.0, which is not installed."));
    }

    @Test
    void theSeverityGivenIsTheSeverityReported() {
        Findings findings = CheckFixtures.run(CHECK, with(snapshot("linux-base.json"), condaMeta("libgomp-11.2.0-h1234567_1.json")),
                Severity.CRITICAL);
        assertEquals(Severity.CRITICAL, findings.conflicts.get(0).severity());
    }
}
