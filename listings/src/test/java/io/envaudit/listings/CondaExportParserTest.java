package io.envaudit.listings;

import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code conda list --export}. */
class CondaExportParserTest {

    @Test
    void thePlatformLineGivesThePlatformAndEachLineAPackageWithNoChannel() {
        ParsedListing listing = RealEnvs.read("food101-pytorch241-cu118-cudaversion126-conda-export.txt");
        assertEquals("linux-64", listing.platform().getSubdir());
        assertEquals("linux", listing.platform().getOs());
        assertEquals("x86_64", listing.platform().getArch());
        InstalledPackage pytorch = listing.packages().stream().filter(p -> p.getName().equals("pytorch")).findFirst().orElseThrow();
        assertEquals("2.4.1", pytorch.getVersion());
        assertEquals("py3.10_cuda11.8_cudnn9.1.0_0", pytorch.getBuild());
        assertEquals(Installer.CONDA, pytorch.getInstaller());
        assertNull(pytorch.getChannel(), "an export names no channel per package");
        assertNull(pytorch.getSubdir(), "nor which packages are noarch");
        InstalledPackage torchsummary = listing.packages().stream().filter(p -> p.getName().equals("torchsummary")).findFirst().orElseThrow();
        assertEquals(Installer.PIP, torchsummary.getInstaller());
        assertEquals("1.5.1", torchsummary.getVersion());
    }

    @Test
    void legacyAndEditablePipMarkersAndALineThatIsNoPackage() {
        ParsedListing listing = ListingFormat.CONDA_EXPORT.parser().parse(ListingText.of("spec.txt", String.join("\n",
                "# platform: osx-arm64",
                "keras=2.0.8=<pip>",
                "mylib=0.1=dev_0",
                "numpy=1.26.4",
                "zlib=1.3.1=h8359307_2")));
        assertEquals("osx", listing.platform().getOs());
        assertEquals("arm64", listing.platform().getArch());
        assertEquals(List.of(Installer.PIP, Installer.PIP, Installer.CONDA),
                listing.packages().stream().map(InstalledPackage::getInstaller).toList());
        assertEquals(1, listing.skipped().size());
        assertEquals(4, listing.skipped().get(0).line());
        assertEquals("expected name=version=build", listing.skipped().get(0).reason());
    }
}
