package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.Undecided;
import io.envaudit.engine.audit.checks.CheckFixtures.Findings;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.envaudit.engine.audit.checks.CheckFixtures.partial;
import static io.envaudit.engine.audit.checks.CheckFixtures.snapshot;
import static io.envaudit.engine.audit.checks.CheckFixtures.wheelMetadata;
import static io.envaudit.engine.audit.checks.CheckFixtures.with;
import static io.envaudit.engine.audit.checks.CheckFixtures.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipRequirementsCheckTest {
    private static final PipRequirementsCheck CHECK = new PipRequirementsCheck();

    private static Findings run(EnvironmentSnapshot snapshot) {
        return CheckFixtures.run(CHECK, snapshot);
    }

    private static InstalledPackage pip(String name, String version, String... requires) {
        return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.PIP)
                .setChannel("pypi").setRequires(List.of(requires)).build();
    }

    private static InstalledPackage conda(String name, String version, String build) {
        return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.CONDA)
                .setChannel("defaults").setBuild(build).build();
    }

    @Test
    void torchvisionPinsTheTorchItWasBuiltWithAsPipCheckSaysIt() {
        Findings findings = run(snapshot("embodmocap-torchvision.json"));

        Conflict conflict = findings.conflicts.get(0);
        assertEquals(1, findings.conflicts.size());
        assertEquals("pip-requirements", conflict.ruleId());
        assertEquals(Severity.ERROR, conflict.severity());
        assertEquals("torchvision", conflict.subject());
        assertEquals("torchvision 0.19.1 has requirement torch==2.4.1, but you have torch 2.4.0+cu121.", conflict.explanation());
        assertEquals(List.of(new PackageRef("torchvision", "0.19.1", "PIP", "pypi", null),
                new PackageRef("torch", "2.4.0+cu121", "PIP", "pypi", null)), conflict.offending());
        assertEquals("pip install torch==2.4.1", conflict.fix());
        assertEquals(List.of(), findings.undecided);
    }

    @Test
    void aLocalLabelDoesNotStopEqualityAndExtrasNeverApply() {
        // torch 2.4.1+cu121 is ==2.4.1; scipy and gdown are only for the extras, and are not installed
        EnvironmentSnapshot fixed = with(without(snapshot("embodmocap-torchvision.json"), "torch"),
                pip("torch", "2.4.1+cu121"));
        Findings findings = run(fixed);
        assertEquals(List.of(), findings.conflicts);
        assertEquals(List.of(), findings.undecided);
    }

    @Test
    void requestsListsEveryUnmetRequirementInOneConflict() {
        EnvironmentSnapshot snapshot = with(snapshot("py27-win-requests.json"), wheelMetadata("requests-2.19.1", Installer.PIP));
        Findings findings = run(snapshot);

        assertEquals(List.of("requests"), findings.subjects());
        Conflict conflict = findings.conflicts.get(0);
        assertEquals("requests 2.19.1 requires chardet, which is not installed. "
                + "requests 2.19.1 has requirement idna<2.8,>=2.5, but you have idna 2.8.", conflict.explanation());
        assertEquals(List.of("requests", "idna"), conflict.offending().stream().map(PackageRef::name).toList());
        assertEquals("pip install 'chardet<3.1.0,>=3.0.2' 'idna<2.8,>=2.5'", conflict.fix());
    }

    @Test
    void requestsIsContentWithItsRangesMetByPipAndCondaInstalls() {
        // certifi is a conda record (its distribution identity counts); the socks extra's
        // win-inet-pton (sys_platform == "win32" and python 2.7 and extra == 'socks') does not apply
        EnvironmentSnapshot snapshot = with(without(snapshot("py27-win-requests.json"), "idna"),
                wheelMetadata("requests-2.19.1", Installer.PIP), pip("idna", "2.7"), pip("chardet", "3.0.4"));
        Findings findings = run(snapshot);
        assertEquals(List.of(), findings.conflicts);
        assertEquals(List.of(), findings.undecided);
    }

    @Test
    void aCondaRecordIsJudgedByItsVersionThroughItsDistribution() {
        // cryptography 2.3.1: cffi (!=1.11.3,>=1.7), here the conda record cffi 1.11.3
        EnvironmentSnapshot snapshot = with(without(snapshot("py27-win-requests.json"), "cffi"),
                wheelMetadata("cryptography-2.3.1", Installer.PIP), conda("cffi", "1.11.3", "py27h0c8e037_0"),
                pip("enum34", "1.1.6"), pip("ipaddress", "1.0.22"));
        Conflict conflict = run(snapshot).conflict("cryptography").orElseThrow();
        assertEquals("cryptography 2.3.1 has requirement cffi!=1.11.3,>=1.7, but you have cffi 1.11.3.", conflict.explanation());
        assertEquals(new PackageRef("cffi", "1.11.3", "CONDA", "defaults", "py27h0c8e037_0"), conflict.offending().get(1));
    }

    @Test
    void markersAreEvaluatedOnThePythonOfTheEnvironment() {
        // cryptography 2.3.1: enum34; python_version < '3' and ipaddress; python_version < '3'
        EnvironmentSnapshot py27 = with(snapshot("py27-win-requests.json"), wheelMetadata("cryptography-2.3.1", Installer.PIP));
        assertEquals("cryptography 2.3.1 requires enum34, which is not installed. "
                        + "cryptography 2.3.1 requires ipaddress, which is not installed.",
                run(py27).conflict("cryptography").orElseThrow().explanation());
        assertEquals("pip install enum34 ipaddress", run(py27).conflict("cryptography").orElseThrow().fix());

        EnvironmentSnapshot py36 = with(without(py27, "python"), conda("python", "3.6.6", "hea74fb7_0"));
        assertEquals(List.of(), run(py36).conflicts);
        assertEquals(List.of(), run(py36).undecided);
    }

    @Test
    void aMarkerOnAFactTheSnapshotLacksIsUndecidedNotAConflict() {
        EnvironmentSnapshot noPython = with(without(snapshot("py27-win-requests.json"), "python"),
                wheelMetadata("cryptography-2.3.1", Installer.PIP));
        Findings findings = run(noPython);
        assertEquals(List.of(), findings.conflicts);
        Undecided undecided = findings.undecided("cryptography").orElseThrow();
        assertEquals("pip-requirements", undecided.ruleId());
        assertEquals("the snapshot lacks a fact the marker of 'enum34; python_version < \"3\"' reads; "
                + "the snapshot lacks a fact the marker of 'ipaddress; python_version < \"3\"' reads", undecided.reason());
    }

    @Test
    void anUnknownMarkerDoesNotMatterWhenTheRequirementHoldsAnyway() {
        EnvironmentSnapshot noPython = with(without(snapshot("py27-win-requests.json"), "python"),
                wheelMetadata("cryptography-2.3.1", Installer.PIP), pip("enum34", "1.1.6"), pip("ipaddress", "1.0.22"));
        assertEquals(List.of(), run(noPython).undecided);
        assertEquals(List.of(), run(noPython).conflicts);
    }

    @Test
    void theMarkerOfAnUnmetRequirementIsPrintedAsPipPrintsIt() {
        // annotated-types 0.7.0: typing-extensions>=4.0.0; python_version < '3.9' (conda records, Python 3.8)
        EnvironmentSnapshot snapshot = with(snapshot("linux-py38.json"), wheelMetadata("annotated_types-0.7.0", Installer.PIP),
                conda("typing_extensions", "3.7.4.3", "pyha847dfd_0"));
        Conflict conflict = run(snapshot).conflict("annotated-types").orElseThrow();
        assertEquals("annotated-types 0.7.0 has requirement typing-extensions>=4.0.0; python_version < \"3.9\", "
                + "but you have typing-extensions 3.7.4.3.", conflict.explanation());
        assertEquals("pip install 'typing-extensions>=4.0.0'", conflict.fix());

        EnvironmentSnapshot py310 = with(without(snapshot, "python"), conda("python", "3.10.13", "h955ad1f_0"));
        assertEquals(List.of(), run(py310).conflicts);
    }

    @Test
    void aPipInstallShadowsTheCondaRecordOfItsDistribution() {
        EnvironmentSnapshot base = with(snapshot("linux-py38.json"), wheelMetadata("annotated_types-0.7.0", Installer.PIP));
        EnvironmentSnapshot pipNewer = with(base, conda("typing_extensions", "3.7.4.3", "pyha847dfd_0"), pip("typing-extensions", "4.8.0"));
        assertEquals(List.of(), run(pipNewer).conflicts);

        EnvironmentSnapshot pipOlder = with(base, conda("typing_extensions", "4.9.0", "py38h06a4308_1"), pip("typing-extensions", "3.7.4.3"));
        Conflict conflict = run(pipOlder).conflict("annotated-types").orElseThrow();
        assertEquals(new PackageRef("typing-extensions", "3.7.4.3", "PIP", "pypi", null), conflict.offending().get(1));
    }

    @Test
    void installsOfOneKindThatDisagreeLeaveTheRequirementUndecided() {
        // the fyp listing's two pip numpys (1.11.1 and 1.11.2): which one Python imports is unknown
        EnvironmentSnapshot snapshot = with(snapshot("linux-py38.json"), pip("numpy", "1.11.1"), pip("numpy", "1.11.2"),
                pip("numpy-consumer", "1.0", "numpy>=1.11.2"));
        Findings findings = run(snapshot);
        assertEquals(List.of(), findings.conflicts);
        assertEquals("numpy is installed more than once and only some installs satisfy 'numpy>=1.11.2'",
                findings.undecided("numpy-consumer").orElseThrow().reason());
    }

    @Test
    void condaRecordsAreNotSubjectsAndCondaMetapackagesDoNotCount() {
        // h5py 2.8.0 needs numpy>=1.7 and six: numpy is there as defaults' numpy + numpy-base
        EnvironmentSnapshot snapshot = with(snapshot("osx-numpy-py36.json"), wheelMetadata("h5py-2.8.0", Installer.PIP),
                CheckFixtures.condaMeta("numpy-1.15.1-py36had7ef94_0.json"), conda("six", "1.11.0", "py36_1"));
        assertEquals(List.of(), run(snapshot).conflicts);

        EnvironmentSnapshot oldBase = with(without(snapshot, "numpy-base"), conda("numpy-base", "1.6.2", "py36_0"));
        assertEquals("h5py 2.8.0 has requirement numpy>=1.7, but you have numpy 1.6.2.",
                run(oldBase).conflict("h5py").orElseThrow().explanation());
    }

    @Test
    void extrasOnlyRequirementsNeverApply() {
        // networkx 3.0 declares requirements for its extras only; none of them is installed
        Findings findings = run(with(snapshot("linux-py38.json"), wheelMetadata("networkx-3.0", Installer.PIP)));
        assertEquals(List.of(), findings.conflicts);
        assertEquals(List.of(), findings.undecided);
    }

    @Test
    void aMissingPackageInAPartialSnapshotIsUndecided() {
        EnvironmentSnapshot snapshot = partial(with(without(snapshot("py27-win-requests.json"), "idna"),
                wheelMetadata("requests-2.19.1", Installer.PIP), pip("idna", "2.7")));
        Findings findings = run(snapshot);
        assertEquals(List.of(), findings.conflicts);
        assertEquals("chardet is not in the snapshot, which lists only part of the environment",
                findings.undecided("requests").orElseThrow().reason());
    }

    @Test
    void aPartialSnapshotStillShowsAVersionOutOfRange() {
        EnvironmentSnapshot snapshot = partial(with(snapshot("py27-win-requests.json"), wheelMetadata("requests-2.19.1", Installer.PIP)));
        Findings findings = run(snapshot);
        assertEquals("requests 2.19.1 has requirement idna<2.8,>=2.5, but you have idna 2.8.",
                findings.conflict("requests").orElseThrow().explanation());
    }

    @Test
    void osPackagesAreCheckedAndAVersionThatDoesNotParseIsUndecided() {
        // Ubuntu 22.04's python3-debian is 0.1.43ubuntu1: not a PEP 440 version
        Findings findings = run(snapshot("ubuntu-system.json"));
        assertEquals(List.of(), findings.conflicts);
        Undecided undecided = findings.undecided("release-tooling").orElseThrow();
        assertTrue(undecided.reason().startsWith("python-debian 0.1.43ubuntu1 has a version that does not parse"), undecided.reason());

        Findings noChardet = run(without(snapshot("ubuntu-system.json"), "chardet"));
        assertEquals("python-debian 0.1.43ubuntu1 requires chardet, which is not installed.",
                noChardet.conflict("python-debian").orElseThrow().explanation());
    }

    @Test
    void aRequiresDistLineThatDoesNotParseIsUndecided() {
        Findings findings = run(with(snapshot("linux-py38.json"), pip("broken-metadata", "1.0", "numpy (>=1.7")));
        assertEquals(List.of(), findings.conflicts);
        assertTrue(findings.undecided("broken-metadata").orElseThrow().reason().startsWith("Requires-Dist 'numpy (>=1.7' does not parse"));
    }

    @Test
    void theSeverityGivenIsTheSeverityReported() {
        Findings findings = CheckFixtures.run(CHECK, snapshot("embodmocap-torchvision.json"), Severity.WARNING);
        assertEquals(Severity.WARNING, findings.conflicts.get(0).severity());
    }
}
