package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Platform;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The platform of a listing that states none, from the conda packages built for one platform only. */
class PlatformInferenceTest {
    private static final Instant AT = Instant.parse("2026-11-30T09:00:00Z");

    /** A {@code conda list} of these rows, as a snapshot. */
    private static EnvironmentSnapshot condaList(String... rows) {
        ParsedListing listing = Listings.read(ListingText.of("env.txt", String.join("\n", rows)), ListingFormat.CONDA_LIST);
        return ListingSnapshots.snapshot(listing, ListingIdentity.collectedAt(AT), "env.txt");
    }

    private static List<String> osArchSubdir(EnvironmentSnapshot snapshot) {
        Platform p = snapshot.getPlatform();
        return Arrays.asList(p.getOs(), p.getArch(), p.getSubdir());
    }

    @Test
    void aNameEndingInASubdirGivesTheSubdirAndTheSourceSaysFromWhat() {
        EnvironmentSnapshot s = condaList(
                "_libgcc_mutex             0.1                        main",
                "ld_impl_linux-64          2.35.1               h7274673_9",
                "libgcc-ng                 9.3.0               h5101ec6_17",
                "python                    3.8.12               h12debd9_0",
                "tensorflow-gpu            2.4.1                    pypi_0    pypi");
        assertEquals(List.of("linux", "x86_64", "linux-64"), osArchSubdir(s));
        assertEquals("3.8.12", s.getPlatform().getPythonVersion(), "the Python version still comes from the python package");
        assertEquals("conda-list listing env.txt; platform linux-64 inferred from ld_impl_linux-64, libgcc-ng", s.getSource());
    }

    @Test
    void compilerActivationsNameTheirPlatform() {
        assertEquals(List.of("osx", "arm64", "osx-arm64"), osArchSubdir(condaList("clang_osx-arm64  16.0.6  h54d7cd3_15  conda-forge")));
        assertEquals(List.of("linux", "aarch64", "linux-aarch64"),
                osArchSubdir(condaList("gcc_linux-aarch64  13.2.0  h9d1ab2e_6  conda-forge")));
        assertEquals(List.of("win", "x86_64", "win-64"), osArchSubdir(condaList("vs2019_win-64  19.29.30139  he1865b1_20  conda-forge")));
    }

    @Test
    void linuxOnlyRuntimesGiveTheOsAlone() {
        EnvironmentSnapshot s = condaList("libgcc-ng  11.2.0  h1234567_1", "libstdcxx-ng  11.2.0  h1234567_1");
        assertEquals(Arrays.asList("linux", null, null), osArchSubdir(s), "linux-64, linux-aarch64 and others have them");
        assertEquals("conda-list listing env.txt; platform OS linux inferred from libgcc-ng, libstdcxx-ng", s.getSource());
    }

    @Test
    void windowsOnlyRuntimesGiveWin() {
        assertEquals(Arrays.asList("win", null, null), osArchSubdir(condaList("vc  14.2  h21ff451_1", "vs2015_runtime  14.27.29016  h5e58377_2")));
        assertEquals(Arrays.asList("win", null, null), osArchSubdir(condaList("ucrt  10.0.22621.0  h57928b3_1  conda-forge")));
        assertEquals(Arrays.asList("win", null, null), osArchSubdir(condaList("m2w64-gcc-libs  5.3.0  7  conda-forge")));
    }

    @Test
    void packagesBuiltForMoreThanOneOsAreNoEvidence() {
        EnvironmentSnapshot s = condaList("_libgcc_mutex  0.1  main", "_openmp_mutex  4.5  2_gnu  conda-forge",
                "libgcc  14.2.0  h767d61c_2  conda-forge", "libgomp  14.2.0  h767d61c_2  conda-forge",
                "libstdcxx  14.2.0  h8f9b012_2  conda-forge", "libgfortran-ng  7.5.0  ha8ba4b0_17");
        assertEquals(Arrays.asList(null, null, null), osArchSubdir(s));
        assertEquals("conda-list listing env.txt", s.getSource());
    }

    @Test
    void evidenceThatDisagreesOnTheOsGivesNothing() {
        assertEquals(Arrays.asList(null, null, null), osArchSubdir(condaList("libgcc-ng  11.2.0  h1234567_1", "vc  14.2  h21ff451_1")));
        assertEquals(Arrays.asList(null, null, null),
                osArchSubdir(condaList("ld_impl_linux-64  2.40  h12ee557_0", "clang_osx-64  16.0.6  hd6fc8da_15  conda-forge")));
    }

    @Test
    void aCrossCompilerBesideTheNativeLinkerGivesTheOsTheyShare() {
        EnvironmentSnapshot s = condaList("ld_impl_linux-64  2.40  h12ee557_0", "gcc_linux-aarch64  13.2.0  h9d1ab2e_6  conda-forge");
        assertEquals(Arrays.asList("linux", null, null), osArchSubdir(s));
        assertEquals("conda-list listing env.txt; platform OS linux inferred from ld_impl_linux-64, gcc_linux-aarch64", s.getSource());
    }

    @Test
    void pipInstallsAreNoEvidence() {
        assertEquals(Arrays.asList(null, null, null), osArchSubdir(condaList("libgcc-ng  11.2.0  pypi_0  pypi", "numpy  1.26.4  pypi_0  pypi")));
    }

    @Test
    void aStatedPlatformWins() {
        ParsedListing export = Listings.read(ListingText.of("spec.txt", "# platform: osx-64\nld_impl_linux-64=2.40=h12ee557_0\n"), null);
        EnvironmentSnapshot s = ListingSnapshots.snapshot(export, ListingIdentity.collectedAt(AT), "spec.txt");
        assertEquals(List.of("osx", "x86_64", "osx-64"), osArchSubdir(s));
        assertEquals("conda-export listing spec.txt", s.getSource());
    }

    @Test
    void theFactsAListingStatesBesideThePlatformAreKept() {
        InstalledPackage ldImpl = Packages.conda("ld_impl_linux-64", "2.40", "h12ee557_0", null, null);
        Platform glibcOnly = Platform.newBuilder().setGlibcVersion("2.31").setNvidiaDriverVersion("535.104.05").build();
        ParsedListing listing = new ParsedListing(ListingFormat.COLLECT_ENV, List.of(ldImpl), List.of(3), glibcOnly, null, null,
                EnvironmentManager.CONDA, true, List.of());
        Platform p = ListingSnapshots.snapshot(listing, ListingIdentity.collectedAt(AT), "issue.txt").getPlatform();
        assertEquals(List.of("linux-64", "2.31", "535.104.05"), List.of(p.getSubdir(), p.getGlibcVersion(), p.getNvidiaDriverVersion()));
    }

    @Test
    void theSourceNamesTheFirstFewPackagesOfTheEvidence() {
        EnvironmentSnapshot s = condaList("vs2019_win-64  19.29.30139  he1865b1_20  conda-forge", "m2w64-gcc-libs  5.3.0  7",
                "m2w64-gmp  6.1.0  2", "m2w64-libwinpthread-git  5.0.0.4634.697f757  2", "ucrt  10.0.22621.0  h57928b3_1", "vc  14.2  h21ff451_1");
        assertEquals("conda-list listing env.txt; platform win-64 inferred from vs2019_win-64, m2w64-gcc-libs, m2w64-gmp, "
                + "m2w64-libwinpthread-git, ...", s.getSource());
    }

    @Test
    void aListingWithoutCondaPackagesStaysUnknown() {
        ParsedListing freeze = Listings.read(ListingText.of("requirements.txt", "numpy==1.26.4\n"), null);
        assertNull(ListingSnapshots.snapshot(freeze, ListingIdentity.collectedAt(AT), "requirements.txt").getPlatform().getOs());
    }
}
