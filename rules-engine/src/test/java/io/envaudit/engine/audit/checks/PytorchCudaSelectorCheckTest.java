package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.envaudit.engine.audit.checks.CheckFixtures.snapshot;
import static io.envaudit.engine.audit.checks.CheckFixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PytorchCudaSelectorCheckTest {
    private static final PytorchCudaSelectorCheck CHECK = new PytorchCudaSelectorCheck();

    private static EnvironmentSnapshot environment(InstalledPackage... packages) {
        return with(snapshot("linux-base.json"), packages);
    }

    private static InstalledPackage conda(String name, String version, String build, String channel) {
        return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.CONDA).setBuild(build)
                .setChannel(channel).build();
    }

    private static InstalledPackage pip(String name, String version) {
        return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.PIP).setChannel("pypi").build();
    }

    /** real-envs pytorch-issue15319-collect-env-cuda92-vs-cu90-build.txt, its [conda] section */
    private static EnvironmentSnapshot issue15319() {
        return environment(conda("cuda92", "1.0", "0", "pytorch"), conda("pytorch", "1.0.0", "py3.7_cuda9.0.176_cudnn7.4.1_1", "pytorch"),
                pip("torch", "1.0.0"), conda("torchfile", "0.1.0", "py_0", "conda-forge"), pip("torchfile", "0.1.0"),
                conda("torchvision", "0.2.1", "py37_1000", "conda-forge"));
    }

    @Test
    void issue15319Cuda92SelectorBesideTheCuda90BuildOfPytorch() {
        List<Conflict> conflicts = CheckFixtures.run(CHECK, issue15319()).conflicts;
        assertEquals(1, conflicts.size());
        Conflict conflict = conflicts.get(0);
        assertEquals("pytorch-cuda-selector", conflict.ruleId());
        assertEquals(Severity.WARNING, conflict.severity());
        assertEquals("cuda92", conflict.subject());
        // pip's torch has no build, conda-forge's torchvision 0.2.1 names no variant
        assertEquals(List.of("cuda92", "pytorch"), conflict.offending().stream().map(PackageRef::name).toList());
        assertEquals("cuda92 1.0 is the pytorch channel's selector of its CUDA 9.2 builds, but pytorch 1.0.0 "
                + "(py3.7_cuda9.0.176_cudnn7.4.1_1) is built for CUDA 9.0. The selector installs no files, only the track_features "
                + "conda weighs when it chooses builds, so nothing fails to load for it; but the environment is not the CUDA variant "
                + "it was set up for, and the next conda install in it is weighted towards the selected builds.", conflict.explanation());
        assertEquals("conda install -c pytorch cuda92 pytorch=1.0.0 to take the builds it selects, or conda remove cuda92 to keep "
                + "the ones installed", conflict.fix());
    }

    @Test
    void theSelectorsReleaseInEveryBuildStringShapeIsNoConflict() {
        // dotted (1.0.0 for CUDA 9.2), undotted (Windows 1.2.0 for CUDA 10.0) and torchvision's cu suffix
        assertEquals(List.of(), CheckFixtures.run(CHECK, environment(conda("cuda92", "1.0", "0", "pytorch"),
                conda("pytorch", "1.0.0", "py3.7_cuda9.2.148_cudnn7.4.1_1", "pytorch"),
                conda("torchvision", "0.2.1", "py37_cu92", "pytorch"))).conflicts);
        assertEquals(List.of(), CheckFixtures.run(CHECK, environment(conda("cuda100", "1.0", "0", "pytorch"),
                conda("pytorch", "1.2.0", "py3.6_cuda100_cudnn7_1", "pytorch"),
                conda("torchvision", "0.4.0", "py36_cu100", "pytorch"))).conflicts);
    }

    @Test
    void everyBuildOfAnotherVariantIsNamedAndTheFixInstallsTheirCudaPackages() {
        Conflict conflict = CheckFixtures.run(CHECK, environment(conda("cuda100", "1.0", "0", "pytorch"),
                conda("pytorch-cpu", "1.0.0", "py3.6_cpu_1", "pytorch"), conda("torchvision-cpu", "0.2.1", "py36_cpu_1", "pytorch"),
                conda("torchaudio", "0.4.0", "py36_cu92", "pytorch"))).conflicts.get(0);
        assertEquals(List.of("cuda100", "pytorch-cpu", "torchvision-cpu", "torchaudio"),
                conflict.offending().stream().map(PackageRef::name).toList());
        assertEquals("cuda100 1.0 is the pytorch channel's selector of its CUDA 10.0 builds, but pytorch-cpu 1.0.0 (py3.6_cpu_1) is "
                + "a CPU-only build, torchvision-cpu 0.2.1 (py36_cpu_1) is a CPU-only build, torchaudio 0.4.0 (py36_cu92) is built for "
                + "CUDA 9.2. The selector installs no files, only the track_features conda weighs when it chooses builds, so nothing "
                + "fails to load for it; but the environment is not the CUDA variant it was set up for, and the next conda install in "
                + "it is weighted towards the selected builds.", conflict.explanation());
        assertEquals("conda install -c pytorch cuda100 pytorch=1.0.0 torchvision=0.2.1 torchaudio=0.4.0 to take the builds it selects, "
                + "or conda remove cuda100 to keep the ones installed", conflict.fix());
    }

    @Test
    void anotherMajorIsStillAWarningAndTheSeverityIsTheOneConfigured() {
        // the selector holds no library: CUDA 8.0 selected beside a CUDA 10.0 build breaks no load either
        EnvironmentSnapshot otherMajor = environment(conda("cuda80", "1.0", "0", "pytorch"),
                conda("pytorch", "1.0.1", "py3.7_cuda10.0.130_cudnn7.4.2_2", "pytorch"));
        assertEquals(Severity.WARNING, CheckFixtures.run(CHECK, otherMajor).conflicts.get(0).severity());
        assertEquals(Severity.ERROR, CheckFixtures.run(CHECK, otherMajor, Severity.ERROR).conflicts.get(0).severity());
    }

    @Test
    void onlyThePytorchChannelsSelectorsAndBuildShapesCount() {
        // real-envs dcl: a CUDA 8.0 build and no selector
        assertEquals(List.of(), CheckFixtures.run(CHECK, environment(
                conda("pytorch", "0.4.0", "py36_cuda8.0.61_cudnn7.1.2_1", "pytorch"))).conflicts);
        // conda-forge and Anaconda name their variant builds otherwise
        assertEquals(List.of(), CheckFixtures.run(CHECK, environment(conda("cuda92", "1.0", "0", "pytorch"),
                conda("pytorch", "2.5.1", "cuda126_generic_py311_he8bc7c1_207", "conda-forge"),
                conda("torchvision", "0.20.1", "cpu_py311h6e929f7_0", "conda-forge"))).conflicts);
        // a cuda92 of another channel is not the pytorch channel's selector
        assertEquals(List.of(), CheckFixtures.run(CHECK, environment(conda("cuda92", "1.0", "0", "my-mirror"),
                conda("pytorch", "1.0.0", "py3.7_cuda9.0.176_cudnn7.4.1_1", "pytorch"))).conflicts);
        // cudatoolkit, cuda-version and NVIDIA's cuda metapackage are no selectors
        assertEquals(List.of(), CheckFixtures.run(CHECK, environment(conda("cudatoolkit", "9.2", "0", "defaults"),
                conda("cuda-version", "12.4", "h3060b56_3", "conda-forge"), conda("cuda", "12.4.0", "0", "nvidia"),
                conda("pytorch", "1.0.0", "py3.7_cuda9.0.176_cudnn7.4.1_1", "pytorch"))).conflicts);
    }

    @Test
    void aSelectorWhoseChannelTheListingDoesNotSayIsStillOne() {
        // conda list --export names no channel; only the pytorch channel published packages of these names
        InstalledPackage exported = InstalledPackage.newBuilder().setName("cuda92").setVersion("1.0").setInstaller(Installer.CONDA)
                .setBuild("0").build();
        assertEquals(List.of("cuda92"), CheckFixtures.run(CHECK, environment(exported,
                conda("pytorch", "1.0.0", "py3.7_cuda9.0.176_cudnn7.4.1_1", null))).subjects());
    }
}
