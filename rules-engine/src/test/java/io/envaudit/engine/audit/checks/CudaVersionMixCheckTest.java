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

import static io.envaudit.engine.audit.checks.CheckFixtures.condaList;
import static io.envaudit.engine.audit.checks.CheckFixtures.snapshot;
import static io.envaudit.engine.audit.checks.CheckFixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CudaVersionMixCheckTest {
    private static final CudaVersionMixCheck CHECK = new CudaVersionMixCheck();

    private static EnvironmentSnapshot environment(InstalledPackage... packages) {
        return with(snapshot("linux-base.json"), packages);
    }

    /** A conda record as {@code conda list --export} shows it: no channel, no depends. */
    private static InstalledPackage conda(String name, String version, String... depends) {
        return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(Installer.CONDA).setBuild("0")
                .setDepends(List.of(depends)).build();
    }

    /** real-envs food101-pytorch241-cu118-cudaversion126-conda-export.txt, its CUDA part */
    private static EnvironmentSnapshot food101() {
        return environment(conda("cuda-cudart", "11.8.89"), conda("cuda-libraries", "11.8.0"), conda("cuda-runtime", "11.8.0"),
                conda("cuda-version", "12.6"), conda("libcublas", "11.11.3.6"), conda("libcufft", "10.9.0.58"),
                conda("libcurand", "10.3.7.77"), conda("pytorch-cuda", "11.8"));
    }

    @Test
    void food101ExportCudaVersion12BesideCuda11Components() {
        Conflict conflict = CheckFixtures.run(CHECK, food101()).conflicts.get(0);
        assertEquals("cuda-version-mix", conflict.ruleId());
        assertEquals(Severity.ERROR, conflict.severity());
        assertEquals("cuda-version", conflict.subject());
        // libcufft and libcurand have versions of their own, pytorch-cuda is PyTorch's selector: not judged
        assertEquals(List.of("cuda-version", "cuda-cudart", "cuda-libraries", "cuda-runtime", "libcublas"),
                conflict.offending().stream().map(PackageRef::name).toList());
        assertEquals("cuda-version 12.6 says this environment's CUDA packages are built for CUDA 12.6, but cuda-cudart 11.8.89, "
                + "cuda-libraries 11.8.0, cuda-runtime 11.8.0, libcublas 11.11.3.6 are from another CUDA major: packages built for CUDA "
                + "12.6 find none of its libraries (each CUDA major has its own sonames).", conflict.explanation());
        assertEquals("conda install cuda-version=11.8 (the CUDA release of the installed components), or reinstall the components "
                + "for the cuda-version installed", conflict.fix());
    }

    @Test
    void comfyuiListingAnotherMinorIsAWarning() {
        // cuda-version 12.6 from nvidia beside the 12.4 runtime pytorch-cuda 12.4 pulled in; cuda-cccl, cuda-opencl and
        // cuda-profiler-api are 12.6 and agree
        Findings findings = CheckFixtures.run(CHECK, condaList("comfyui-anaconda-torch241-cu124-win-condalist.txt", snapshot("linux-base.json")));
        Conflict conflict = findings.conflicts.get(0);
        assertEquals(1, findings.conflicts.size());
        assertEquals(Severity.WARNING, conflict.severity());
        assertEquals(List.of("cuda-version", "cuda-cudart", "cuda-cudart-dev", "cuda-cupti", "cuda-libraries", "cuda-libraries-dev",
                "cuda-nvrtc", "cuda-nvrtc-dev", "cuda-nvtx", "cuda-runtime"), conflict.offending().stream().map(PackageRef::name).toList());
        assertEquals("conda install cuda-version=12.4 (the CUDA release of the installed components), or reinstall the components "
                + "for the cuda-version installed", conflict.fix());
        // graded at most warning, as duplicate-distribution grades equal versions
        assertEquals(Severity.WARNING, CheckFixtures.run(CHECK, condaList("comfyui-anaconda-torch241-cu124-win-condalist.txt",
                snapshot("linux-base.json")), Severity.CRITICAL).conflicts.get(0).severity());
        assertEquals(Severity.INFO, CheckFixtures.run(CHECK, food101(), Severity.INFO).conflicts.get(0).severity());
    }

    @Test
    void oneReleaseIsNoMix() {
        // real-envs hetgnn: conda-forge cuda-version 11.8 with cudatoolkit 11.8.0; nvidia's 11.8 with cuBLAS 11.11
        assertEquals(List.of(), CheckFixtures.run(CHECK, environment(conda("cuda-version", "11.8"), conda("cudatoolkit", "11.8.0"),
                conda("libcublas", "11.11.3.6"), conda("cuda-nvrtc-dev", "11.8.89"))).conflicts);
        // no cuda-version: nothing states the release
        assertEquals(List.of(), CheckFixtures.run(CHECK, environment(conda("cuda-runtime", "11.8.0"), conda("cuda-cudart", "12.4.127"))).conflicts);
        // NVIDIA's Python bindings are versioned on their own
        assertEquals(List.of(), CheckFixtures.run(CHECK, environment(conda("cuda-version", "12.4"), conda("cuda-python", "12.6.0"))).conflicts);
    }

    @Test
    void aComponentWhoseDependsNameCudaVersionIsJudgedByThem() {
        // conda-forge's CTK components pin cuda-version in their depends; conda-depends judges those
        assertEquals(List.of(), CheckFixtures.run(CHECK, environment(conda("cuda-version", "12.6"),
                conda("cuda-cudart", "12.4.127", "cuda-version >=12.4,<12.5.0a0", "libgcc-ng >=12"))).conflicts);
    }

    @Test
    void pipInstallsAreNotConda() {
        InstalledPackage pipRuntime = InstalledPackage.newBuilder().setName("cuda-runtime").setVersion("11.8.0").setInstaller(Installer.PIP)
                .setChannel("pypi").build();
        assertEquals(List.of(), CheckFixtures.run(CHECK, environment(conda("cuda-version", "12.6"), pipRuntime)).conflicts);
    }
}
