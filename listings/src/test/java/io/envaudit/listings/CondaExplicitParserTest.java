package io.envaudit.listings;

import io.envaudit.schemas.InstalledPackage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code conda list --explicit}: every fact from the URLs. */
class CondaExplicitParserTest {

    private static InstalledPackage find(ParsedListing listing, String name) {
        return listing.packages().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> facts(InstalledPackage p) {
        return List.of(p.getName(), p.getVersion(), p.getBuild(), p.getChannel(), p.getSubdir());
    }

    @Test
    void aNameWithDashesOldDefaultsUrlsAndChannelsOfAnacondaOrg() {
        ParsedListing listing = RealEnvs.read("dcl-pytorch040-caffe2-cuda8-explicit.txt");
        assertTrue(listing.partial(), "pip installs are not in an explicit listing");
        assertEquals("linux-64", listing.platform().getSubdir());
        assertEquals(List.of("caffe2-cuda8.0-cudnn7", "0.8.dev", "py36_2018.05.14", "caffe2", "linux-64"),
                facts(find(listing, "caffe2-cuda8.0-cudnn7")));
        assertEquals(List.of("cudatoolkit", "8.0", "3", "defaults", "linux-64"), facts(find(listing, "cudatoolkit")));
        assertEquals(List.of("pandas", "0.23.4", "py36hf8a1672_0", "conda-forge", "linux-64"), facts(find(listing, "pandas")));
    }

    @Test
    void condaFilesAndCrlfOnWindowsWithNoarchPackages() {
        assertEquals(List.of("_tflow_select", "2.3.0", "mkl", "defaults", "linux-64"),
                facts(find(RealEnvs.read("dogbreed-tf210-keras231-tensorboard230-explicit.txt"), "_tflow_select")));
        ParsedListing tetris = RealEnvs.read("tetris-tf114-condaforge-keras231-anaconda-h5py3-win-explicit.txt");
        assertEquals("win", tetris.platform().getOs());
        assertEquals(List.of("pytorch-mutex", "1.0", "cuda", "pytorch", "noarch"), facts(find(tetris, "pytorch-mutex")));
        assertEquals(List.of("ca-certificates", "2020.10.14", "0", "anaconda", "win-64"), facts(find(tetris, "ca-certificates")));
    }

    @Test
    void checksumsAreDroppedAndWithoutAPlatformLineTheUrlsGiveIt() {
        ParsedListing listing = ListingFormat.CONDA_EXPLICIT.parser().parse(ListingText.of("spec.txt", String.join("\n",
                "@EXPLICIT",
                "https://conda.anaconda.org/conda-forge/noarch/tzdata-2024a-h0c530f3_0.conda#161081fc7cec0bfda0d86d7cb595f8d8",
                "https://conda.anaconda.org/conda-forge/osx-arm64/libzlib-1.3.1-h8359307_2.conda#sha256:0d3f2e1c",
                "https://conda.anaconda.org/conda-forge/osx-arm64/python-3.12.3-h4a7b5fc_0_cpython.conda",
                "https://example.org/not-a-package.txt")));
        assertEquals(List.of("tzdata", "2024a", "h0c530f3_0", "conda-forge", "noarch"), facts(listing.packages().get(0)));
        assertEquals(List.of("libzlib", "1.3.1", "h8359307_2", "conda-forge", "osx-arm64"), facts(listing.packages().get(1)));
        assertEquals("osx-arm64", listing.platform().getSubdir());
        assertEquals("arm64", listing.platform().getArch());
        assertEquals(5, listing.skipped().get(0).line());
        assertTrue(listing.skipped().get(0).reason().contains("not-a-package.txt"), listing.skipped().get(0).reason());
    }

    @Test
    void urlsBeforeTheExplicitLineAreAnError() {
        ListingException e = assertThrows(ListingException.class, () -> ListingFormat.CONDA_EXPLICIT.parser().parse(
                ListingText.of("spec.txt", "# platform: linux-64\nhttps://repo.anaconda.com/pkgs/main/linux-64/zlib-1.2.13-h5eee18b_1.conda\n")));
        assertEquals("spec.txt:2: expected the @EXPLICIT line before the first package URL", e.getMessage());
    }
}
