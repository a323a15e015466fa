package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PyTorch's collect_env reports, as pasted in issues. */
class CollectEnvParserTest {

    private static List<String> installs(ParsedListing listing, String name) {
        return listing.packages().stream().filter(p -> p.getName().equals(name))
                .map(p -> p.getInstaller() + " " + p.getVersion()).toList();
    }

    @Test
    void aPackageBothSectionsShowAtOneVersionIsOneInstallAndThePlatformIsRead() {
        ParsedListing listing = RealEnvs.read("pytorch-issue82889-collect-env-conda-cu116-healthy.txt");
        assertTrue(listing.partial(), "collect_env shows selected packages only");
        assertEquals(EnvironmentManager.CONDA, listing.manager());
        // the [conda] section's 16 rows; the four [pip3] lines are the same installs
        assertEquals(16, listing.packages().size());
        assertEquals(List.of("CONDA 1.12.0"), installs(listing, "pytorch"));
        assertEquals(List.of(), installs(listing, "torch"));
        assertEquals(List.of("PIP 1.22.4"), installs(listing, "numpy"));
        Platform platform = listing.platform();
        assertEquals(List.of("linux", "5.4.0-122-generic", "x86_64", "3.9.13", "2.31", "515.43.04"),
                List.of(platform.getOs(), platform.getOsVersion(), platform.getArch(), platform.getPythonVersion(),
                        platform.getGlibcVersion(), platform.getNvidiaDriverVersion()));
        assertEquals(List.of("NVIDIA GeForce RTX 2080"), platform.getGpus());
        assertNull(platform.getCudaDriverVersion(), "collect_env does not print the driver's CUDA version");
    }

    @Test
    void sevenTorchRowsAndOnePipLineAreSevenInstallsAndTheOldPipListFormatIsRead() {
        ParsedListing listing = RealEnvs.read("pytorch-issue11157-collect-env-seven-torch-pip-entries.txt");
        assertEquals(7, installs(listing, "torch").size());
        assertTrue(installs(listing, "torch").stream().allMatch(i -> i.startsWith("PIP 0.5.0a0+")));
        assertEquals(List.of("PIP 1.15.0"), installs(listing, "numpy"));
        assertEquals(10, listing.packages().size());
        assertEquals(List.of("osx", "10.13.3", "3.6"), List.of(listing.platform().getOs(), listing.platform().getOsVersion(),
                listing.platform().getPythonVersion()));
        assertNull(listing.platform().getNvidiaDriverVersion(), "No CUDA");
    }

    @Test
    void aPipLineAtAnotherVersionThanItsCondaRowHasAnUnknownInstallerUnlessItIsTheTorchThatImports() {
        ParsedListing macos = RealEnvs.read("pytorch-issue88820-collect-env-pip-conda-dup-macos-arm64.txt");
        assertEquals(List.of("CONDA 1.13.0.dev20220826"), installs(macos, "pytorch"));
        // 'PyTorch version: 1.14.0.dev20221104': pip's torch is what imports, over conda's pytorch
        assertEquals(List.of("PIP 1.14.0.dev20221104"), installs(macos, "torch"));
        assertEquals("pytorch", macos.packages().stream().filter(p -> p.getName().equals("torch")).findFirst().orElseThrow().getShadows());
        assertEquals(List.of("CONDA 1.21.5", "UNKNOWN 1.23.2"), installs(macos, "numpy"));
        assertEquals(List.of("PIP 1.1.0"), installs(macos, "condor-pytorch"), "no conda row of it: pip's");
        assertEquals(List.of("osx", "13.0", "arm64"), List.of(macos.platform().getOs(), macos.platform().getOsVersion(),
                macos.platform().getArch()));
        ParsedListing nvidia = RealEnvs.read("pytorch-issue65652-collect-env-conda-cu111-nvidia-channel.txt");
        assertEquals(List.of("CONDA 0.9.1", "UNKNOWN 0.9.0a0+a85b239"), installs(nvidia, "torchaudio"));
        assertEquals(List.of(), installs(nvidia, "torch"), "the import is conda's pytorch 1.9.1, which pip's torch 1.9.1 is");
        assertEquals(4, nvidia.platform().getGpus().size());
        assertEquals("nvidia", nvidia.packages().stream().filter(p -> p.getName().equals("cudatoolkit")).findFirst()
                .map(InstalledPackage::getChannel).orElseThrow());
    }

    @Test
    void aSectionThatCouldNotBeCollectedAddsNothing() {
        ParsedListing pipOnly = RealEnvs.read("pytorch-issue20978-collect-env-reported-vs-pip-torch-mismatch.txt");
        assertEquals(EnvironmentManager.UNKNOWN, pipOnly.manager());
        assertEquals(9, pipOnly.packages().size(), "8 pip lines and the torch that imports");
        assertEquals(8, pipOnly.packages().stream().filter(p -> p.getInstaller() == Installer.PIP).count());
        assertEquals(List.of("GeForce GTX 980 Ti", "GeForce GTX TITAN X"), pipOnly.platform().getGpus());
        assertEquals("linux", pipOnly.platform().getOs(), "from the OS line: Ubuntu");
        assertNull(pipOnly.platform().getOsVersion(), "a distribution's release is not the kernel's");
        ParsedListing condaOnly = RealEnvs.read("pytorch-issue15319-collect-env-cuda92-vs-cu90-build.txt");
        assertEquals(8, condaOnly.packages().size());
        assertEquals(List.of("CONDA 1.0"), installs(condaOnly, "cuda92"));
        assertEquals("396.54", condaOnly.platform().getNvidiaDriverVersion());
    }

    @Test
    void theTorchThatImportsIsAnInstallWhenNoSectionShowsItsVersion() {
        // pytorch#20978: 'PyTorch version: 1.2.0.dev20190526' on line 2, pip says torch==1.0.0
        ParsedListing listing = RealEnvs.read("pytorch-issue20978-collect-env-reported-vs-pip-torch-mismatch.txt");
        assertEquals(List.of("PIP 1.0.0", "UNKNOWN 1.2.0.dev20190526"), installs(listing, "torch"));
        int imported = listing.packages().indexOf(listing.packages().stream()
                .filter(p -> p.getInstaller() == Installer.UNKNOWN).findFirst().orElseThrow());
        assertEquals(2, listing.packageLines().get(imported));

        // shown by a section at that version, or not collected: nothing is added
        String report = String.join("\n", "PyTorch version: %s", "Versions of relevant libraries:", "[pip3] torch==2.3.0+cu121", "");
        assertEquals(List.of("PIP 2.3.0+cu121"), installs(parse(report.formatted("2.3.0+cu121")), "torch"));
        assertEquals(List.of("PIP 2.3.0+cu121"), installs(parse(report.formatted("N/A")), "torch"));
        assertEquals(List.of("UNKNOWN 2.4.0"), installs(parse("PyTorch version: 2.4.0\nVersions of relevant libraries:\n"), "torch"),
                "a torch that imports is a fact even when no section lists one");
    }

    @Test
    void aPytorchStackBuildStampsItsVersionWithItsBuildNumberOrItsTreesCommit() {
        // conda-forge's pytorch 2.4.1 build 300 reports 2.4.1.post300 (torch's setup: PYTORCH_BUILD_VERSION + .post<N>)
        String condaForge = String.join("\n", "PyTorch version: 2.4.1.post300", "Versions of relevant libraries:",
                "[pip3] torch==2.4.1.post300", "[pip3] torchvision==0.19.1.post2",
                "[conda] pytorch                   2.4.1           cuda120_py312h26b3cf7_300    conda-forge",
                "[conda] torchvision               0.19.1          cuda_120_py312_h3e2ff97_1    conda-forge", "");
        ParsedListing listing = parse(condaForge);
        assertEquals(List.of("CONDA 2.4.1"), installs(listing, "pytorch"));
        assertEquals(List.of(), installs(listing, "torch"), "one install: the stamp of build 300");
        assertEquals(List.of("CONDA 0.19.1", "UNKNOWN 0.19.1.post2"), installs(listing, "torchvision"),
                "build 1 stamps no .post: .post2 is another claim");

        // a source-tree stamp may be the conda package's own even where it is the torch that imports
        String tree = String.join("\n", "PyTorch version: 2.1.0a0+git1a2b3c4", "Versions of relevant libraries:",
                "[pip3] torch==2.1.0a0+git1a2b3c4", "[conda] pytorch                   2.1.0           py3.10_cuda12.1_cudnn8_0    pytorch", "");
        assertEquals(List.of("UNKNOWN 2.1.0a0+git1a2b3c4"), installs(parse(tree), "torch"));
    }

    private static ParsedListing parse(String report) {
        return ListingFormat.COLLECT_ENV.parser().parse(ListingText.of("issue.txt", report));
    }

    @Test
    void anUnknownLibraryLineIsSkippedAndAReportWithoutLibrariesIsAnError() {
        ParsedListing listing = ListingFormat.COLLECT_ENV.parser().parse(ListingText.of("issue.txt", String.join("\r\n",
                "PyTorch version: 2.3.0",
                "Versions of relevant libraries:",
                "[pip3] torch==2.3.0",
                "[rocm] nothing",
                "")));
        assertEquals(List.of("PIP 2.3.0"), installs(listing, "torch"));
        assertEquals(4, listing.skipped().get(0).line());
        ListingException e = assertThrows(ListingException.class, () -> ListingFormat.COLLECT_ENV.parser()
                .parse(ListingText.of("issue.txt", "PyTorch version: 2.3.0\n")));
        assertEquals("issue.txt: expected a 'Versions of relevant libraries:' section (PyTorch collect_env output)", e.getMessage());
    }
}
