package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.audit.checks.CheckFixtures.Findings;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.envaudit.engine.audit.checks.CheckFixtures.snapshot;
import static io.envaudit.engine.audit.checks.CheckFixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PytorchReleasePairsCheckTest {
    private static final PytorchReleasePairsCheck CHECK = new PytorchReleasePairsCheck();

    private static Findings run(InstalledPackage... packages) {
        EnvironmentSnapshot snapshot = with(snapshot("linux-base.json"), packages);
        return CheckFixtures.run(CHECK, snapshot);
    }

    private static InstalledPackage pip(String name, String version) {
        return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.PIP).setChannel("pypi").build();
    }

    private static InstalledPackage conda(String name, String version, String build, String... depends) {
        return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.CONDA).setChannel("pytorch")
                .setBuild(build).setDepends(List.of(depends)).build();
    }

    @Test
    void assistantListingTorchvisionOfAnotherTorchMinor() {
        // real-envs assistant-torch230-torchvision0162-pip-freeze.txt
        Conflict conflict = run(pip("torch", "2.3.0"), pip("torchvision", "0.16.2")).conflicts.get(0);
        assertEquals("pytorch-release-pairs", conflict.ruleId());
        assertEquals(Severity.ERROR, conflict.severity());
        assertEquals("torchvision", conflict.subject());
        assertEquals(List.of(new PackageRef("torchvision", "0.16.2", "PIP", "pypi", null), new PackageRef("torch", "2.3.0", "PIP", "pypi", null)),
                conflict.offending());
        assertEquals("torchvision 0.16.2 is built against torch 2.1.2 (PyTorch's compatibility table), but torch 2.3.0 is installed: "
                + "its compiled operators are linked against another torch release and do not load.", conflict.explanation());
        assertEquals("pip install torchvision==0.18.0", conflict.fix());
    }

    @Test
    void embodmocapListingAWheelPinsTheExactTorchReleaseWhateverItsLocalLabel() {
        // real-envs embodmocap-torch240-torchvision0191-numpy24-pip-freeze.txt: same minor, another patch
        Conflict conflict = run(pip("torch", "2.4.0+cu121"), pip("torchvision", "0.19.1")).conflicts.get(0);
        assertEquals("torchvision 0.19.1 requires torch==2.4.1, but you have torch 2.4.0+cu121: its wheels pin the torch release "
                + "they were built with (PyTorch's compatibility table).", conflict.explanation());
        assertEquals("pip install torchvision==0.19.0 from the package index torch 2.4.0+cu121 came from", conflict.fix());
        // the release the wheel pins, with or without a local label on either side
        assertEquals(List.of(), run(pip("torch", "2.4.1+cu121"), pip("torchvision", "0.19.1+cu121")).conflicts);
        assertEquals(List.of(), run(pip("torch", "2.0.1+cu118"), pip("torchvision", "0.15.2+cu118"), pip("torchaudio", "2.0.2+cu118")).conflicts);
    }

    @Test
    void condaNamesAreTorchAndCondaBuildsAreJudgedByMinorOnly() {
        // conda builds state their own pins, which a listing without depends does not show: the patch is not judged
        assertEquals(List.of(), run(conda("pytorch", "2.4.0", "py3.10_cuda11.8_cudnn9.1.0_0"), conda("torchvision", "0.19.1", "py310_cu118")).conflicts);
        Conflict conflict = run(conda("pytorch", "2.3.1", "py3.10_cuda11.8_cudnn8.7.0_0"), conda("torchvision", "0.19.1", "py310_cu118"))
                .conflicts.get(0);
        assertEquals("torchvision 0.19.1 is built against torch 2.4.1 (PyTorch's compatibility table), but pytorch 2.3.1 is installed: "
                + "its compiled operators are linked against another torch release and do not load.", conflict.explanation());
        assertEquals("conda install torchvision=0.18.1", conflict.fix());
    }

    @Test
    void aCondaRecordWhoseDependsNameTorchIsJudgedByThem() {
        assertEquals(List.of(), run(conda("pytorch", "2.3.1", "py3.10_cuda11.8_cudnn8.7.0_0"),
                conda("torchvision", "0.19.1", "py310_cu118", "pytorch 2.3.1", "python >=3.10,<3.11.0a0")).conflicts);
    }

    @Test
    void aNightlyBesideAFinalTorchIsJudgedByMinorAndTwoNightliesAreNot() {
        // real-envs pytorch-issue47304: torchvision's 0.7 nightly was built against torch 1.6 nightlies
        Conflict conflict = run(pip("torch", "1.7.0+cu101"), pip("torchvision", "0.7.0.dev20200610")).conflicts.get(0);
        assertEquals("torchvision 0.7.0.dev20200610 is a pre-release of torchvision 0.7, which was built against torch 1.6 (PyTorch's "
                + "compatibility table), but torch 1.7.0+cu101 is installed: its compiled operators are linked against another torch release.",
                conflict.explanation());
        assertEquals(List.of(), run(pip("torch", "1.6.0"), pip("torchvision", "0.7.0.dev20200610")).conflicts);
        // real-envs pytorch-issue88820: the 1.14.0.dev nightlies of torch were paired with torchvision 0.15 nightlies
        assertEquals(List.of(), run(pip("torch", "1.14.0.dev20221104"), pip("torchvision", "0.15.0.dev20221104")).conflicts);
    }

    @Test
    void torchaudioHasItsOwnRows() {
        assertEquals(List.of(), run(pip("torch", "2.0.1"), pip("torchaudio", "2.0.2")).conflicts);
        assertEquals("torchaudio 2.0.1 requires torch==2.0.0, but you have torch 2.0.1: its wheels pin the torch release they were "
                + "built with (PyTorch's compatibility table).", run(pip("torch", "2.0.1"), pip("torchaudio", "2.0.1")).conflicts.get(0).explanation());
        // from 2.11 torchaudio is built on torch's stable ABI: its minor is not in the tables, and it is not judged
        assertEquals(List.of(), run(pip("torch", "2.12.0"), pip("torchaudio", "2.11.0")).conflicts);
    }

    @Test
    void aReleaseTheTablesDoNotNameIsJudgedByItsMinor() {
        // torchvision 0.11.1 was a fix release of the 1.10 line
        assertEquals(List.of(), run(pip("torch", "1.10.0"), pip("torchvision", "0.11.1")).conflicts);
        assertEquals(List.of("torchvision"), run(pip("torch", "1.9.0"), pip("torchvision", "0.11.1")).subjects());
    }

    @Test
    void theImportedInstallsAreJudged() {
        // real-envs dinof: pip's torch and torchvision over conda-forge's pytorch 2.5.1
        assertEquals(List.of(), run(conda("pytorch", "2.5.1", "cuda126_generic_py311_he8bc7c1_207"), pip("torch", "2.2.0+cu121"),
                pip("torchvision", "0.17.0+cu121"), pip("torchaudio", "2.2.0+cu121")).conflicts);
        // several pip installs of torch: which is imported is not known (duplicate-distribution reports them)
        assertEquals(List.of(), run(pip("torch", "2.3.0"), pip("torch", "2.1.2"), pip("torchvision", "0.16.2")).conflicts);
        // no torch, or a version that does not parse: nothing to judge
        assertEquals(List.of(), run(pip("torchvision", "0.16.2")).conflicts);
        assertEquals(List.of(), run(pip("torch", "custom"), pip("torchvision", "0.16.2")).conflicts);
    }
}
