package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pixi.lock versions 5, 6 and 7, on examples written from pixi's documentation (lock-files/*.pixi.lock) and on broken ones. */
class PixiLockParserTest {

    private static ParsedListing parse(String yaml) {
        return ListingFormat.PIXI_LOCK.parser().parse(ListingText.of("pixi.lock", yaml));
    }

    private static InstalledPackage find(ParsedListing listing, String name) {
        return listing.packages().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    private static ParsedListing read(String file, String environment, String platform) {
        return Listings.read(LockFiles.text(file), null, new LockSelection(environment, platform));
    }

    private static List<String> names(ParsedListing listing) {
        return listing.packages().stream().map(InstalledPackage::getName).toList();
    }

    @Test
    void theDefaultEnvironmentOnTheFirstPlatformItLists() {
        ParsedListing listing = LockFiles.read("robotics.pixi.lock");
        assertEquals(ListingFormat.PIXI_LOCK, listing.format());
        assertEquals(EnvironmentManager.PIXI, listing.manager());
        assertEquals("default", listing.environmentName(), "not cuda, which the lock lists first");
        assertEquals(List.of("linux-64", "linux", "x86_64"),
                List.of(listing.platform().getSubdir(), listing.platform().getOs(), listing.platform().getArch()));
        assertEquals(List.of("_libgcc_mutex", "bzip2", "libblas", "libgcc-ng", "libzlib", "colorama", "python", "python_abi",
                        "numpy", "tqdm", "opencv-python", "robot-control"),
                names(listing), "osx-arm64's packages and the cuda environment's are not this environment");
        assertFalse(listing.partial());
        assertTrue(listing.skipped().isEmpty(), listing.skipped().toString());
    }

    @Test
    void aVersion6CondaEntryTakesNameVersionBuildChannelAndSubdirFromItsUrl() {
        InstalledPackage numpy = find(LockFiles.read("robotics.pixi.lock"), "numpy");
        assertEquals(List.of("1.26.4", "py311h64a7726_0", "conda-forge", "linux-64"),
                List.of(numpy.getVersion(), numpy.getBuild(), numpy.getChannel(), numpy.getSubdir()));
        assertEquals(Installer.CONDA, numpy.getInstaller());
        assertEquals(List.of("libblas >=3.9.0,<4.0a0", "libgcc-ng >=12", "python >=3.11,<3.12.0a0", "python_abi 3.11.* *_cp311"),
                numpy.getDepends());
        assertEquals(List.of("numpy-base <0a0"), numpy.getConstrains());
        assertNull(numpy.getBuildNumber(), "version 6 states the build number only where it is not 0");
        InstalledPackage abi = find(LockFiles.read("robotics.pixi.lock"), "python_abi");
        assertEquals(List.of("noarch", "5"), List.of(abi.getSubdir(), String.valueOf(abi.getBuildNumber())));
        assertEquals(22L, find(LockFiles.read("robotics.pixi.lock"), "libblas").getBuildNumber());
    }

    @Test
    void pypiEntriesArePipInstallsWithTheirRequiresDist() {
        ParsedListing listing = LockFiles.read("robotics.pixi.lock");
        InstalledPackage opencv = find(listing, "opencv-python");
        assertEquals(List.of("4.10.0.84", "PIP", "pypi"), List.of(opencv.getVersion(), opencv.getInstaller().name(), opencv.getChannel()));
        assertEquals(List.of("numpy>=1.21.2 ; python_full_version >= '3.10'", "numpy>=1.23.5 ; python_full_version >= '3.11'"),
                opencv.getRequires());
        assertEquals("0.2.0", find(listing, "robot-control").getVersion(), "an editable path package names its version");
    }

    @Test
    void version5EntriesNameTheirKindAndFields() {
        ParsedListing listing = LockFiles.read("notebooks-v5.pixi.lock");
        assertEquals(ListingFormat.PIXI_LOCK, listing.format());
        assertEquals("osx-64", listing.platform().getSubdir());
        assertEquals(List.of("python", "requests", "nbformat"), names(listing));
        InstalledPackage requests = find(listing, "requests");
        assertEquals(List.of("2.31.0", "pyhd8ed1ab_0", "conda-forge", "noarch"),
                List.of(requests.getVersion(), requests.getBuild(), requests.getChannel(), requests.getSubdir()));
        assertEquals(List.of("fastjsonschema>=2.15", "jsonschema>=2.6"), find(listing, "nbformat").getRequires());
    }

    @Test
    void pythonComesFromTheCondaPythonPackage() {
        var snapshot = ListingSnapshots.snapshot(LockFiles.read("robotics.pixi.lock"),
                ListingIdentity.collectedAt(java.time.Instant.parse("2026-11-30T09:00:00Z")), "pixi.lock");
        assertEquals("3.11.9", snapshot.getPlatform().getPythonVersion());
    }

    @Test
    void anotherEnvironmentAndPlatformAreReadWhenAskedFor() {
        ParsedListing cuda = read("robotics.pixi.lock", "cuda", null);
        assertEquals("cuda", cuda.environmentName());
        assertEquals(List.of("python", "cuda-version"), names(cuda));
        ParsedListing mac = read("robotics.pixi.lock", null, "osx-arm64");
        assertEquals(List.of("default", "osx-arm64", "arm64"),
                List.of(mac.environmentName(), mac.platform().getSubdir(), mac.platform().getArch()));
        assertEquals(List.of("python", "tqdm"), names(mac));
    }

    @Test
    void anEnvironmentOrPlatformTheLockDoesNotHaveIsAnErrorNamingTheOnesItHas() {
        ListingException environment = assertThrows(ListingException.class, () -> read("robotics.pixi.lock", "gpu", null));
        assertEquals("robotics.pixi.lock:7: no environment 'gpu' in the lock; it has cuda, default", environment.getMessage());
        ListingException platform = assertThrows(ListingException.class, () -> read("robotics.pixi.lock", null, "win-64"));
        assertEquals("robotics.pixi.lock:21: no platform 'win-64' in environment 'default'; it has linux-64, osx-arm64",
                platform.getMessage());
        ListingException cudaOnMac = assertThrows(ListingException.class, () -> read("robotics.pixi.lock", "cuda", "osx-arm64"));
        assertEquals("robotics.pixi.lock:12: no platform 'osx-arm64' in environment 'cuda'; it has linux-64", cudaOnMac.getMessage());
    }

    @Test
    void version7KeysEnvironmentsByPlatformNamesAndLocksSourcePackagesByIdentifier() {
        ParsedListing listing = LockFiles.read("gpu-training-v7.pixi.lock");
        assertEquals(ListingFormat.PIXI_LOCK, listing.format());
        assertEquals(List.of("default", "linux-64", "linux"),
                List.of(listing.environmentName(), listing.platform().getSubdir(), listing.platform().getOs()));
        assertEquals(List.of("ld_impl_linux-64", "numpy", "python", "trainer"), names(listing),
                "cmake is trainer's build package, not installed; the local pypi project has no version");
        InstalledPackage trainer = find(listing, "trainer");
        assertEquals(Arrays.asList("0.4.0", "py312_0", "linux-64", null),
                Arrays.asList(trainer.getVersion(), trainer.getBuild(), trainer.getSubdir(), trainer.getChannel()));
        assertEquals(List.of("numpy >=2.0", "python >=3.12,<3.13.0a0"), trainer.getDepends());
        assertEquals(List.of(new SkippedLine(41, "pypi: ./",
                "locked without a version (a local project whose version is known only once it is built)")), listing.skipped());
    }

    @Test
    void aVersion7SourcePackageNotBuiltYetIsSkipped() {
        ParsedListing mac = read("gpu-training-v7.pixi.lock", null, "osx-arm64");
        assertEquals(List.of("numpy", "python"), names(mac));
        assertEquals(List.of("conda_source: trainer[7b2d4e90] @ ./trainer", "pypi: ./"),
                mac.skipped().stream().map(SkippedLine::text).toList());
        assertTrue(mac.skipped().get(0).reason().startsWith("a source package locked without a version"), mac.skipped().get(0).reason());
    }

    @Test
    void aVersion7NamedPlatformStandsForItsSubdirAndCanBeAskedForByEither() {
        ParsedListing gpu = read("gpu-training-v7.pixi.lock", "gpu", null);
        assertEquals(List.of("linux-64", "linux", "x86_64"), List.of(gpu.platform().getSubdir(), gpu.platform().getOs(), gpu.platform().getArch()));
        assertEquals(List.of("ld_impl_linux-64", "python", "pytorch", "cuda-version"), names(gpu));
        assertEquals(names(gpu), names(read("gpu-training-v7.pixi.lock", "gpu", "linux-64-cuda12")));
        assertEquals(names(gpu), names(read("gpu-training-v7.pixi.lock", "gpu", "linux-64")), "the one platform of the gpu environment on linux-64");
        ListingException e = assertThrows(ListingException.class, () -> read("gpu-training-v7.pixi.lock", "gpu", "osx-arm64"));
        assertEquals("gpu-training-v7.pixi.lock:51: no platform 'osx-arm64' in environment 'gpu'; it has linux-64-cuda12 (linux-64)",
                e.getMessage());
    }

    @Test
    void aSourceIdentifierWithoutItsHashIsSkippedWithTheReason() {
        ParsedListing listing = parse(TWO_CUDAS.replace("      cuda12: []", "      cuda12:\n      - conda_source: trainer @ ./trainer")
                .replace("packages: []", "packages:\n- conda_source: trainer @ ./trainer\n  version: 0.4.0\n  subdir: linux-64"));
        assertEquals(List.of(new SkippedLine(12, "conda_source: trainer @ ./trainer",
                "expected a source package identifier NAME[HASH] @ LOCATION, found 'trainer @ ./trainer'")), listing.skipped());
    }

    private static final String TWO_CUDAS = String.join("\n",
            "version: 7",
            "platforms:",
            "- name: cuda12",
            "  subdir: linux-64",
            "- name: cuda13",
            "  subdir: linux-64",
            "environments:",
            "  default:",
            "    channels: []",
            "    packages:",
            "      cuda12: []",
            "      cuda13: []",
            "packages: []",
            "");

    @Test
    void aSubdirOfMoreThanOneNamedPlatformIsAnErrorAskingForTheName() {
        ListingException e = assertThrows(ListingException.class, () -> ListingFormat.PIXI_LOCK.parser()
                .parse(ListingText.of("pixi.lock", TWO_CUDAS), new LockSelection(null, "linux-64")));
        assertEquals("pixi.lock:11: platform 'linux-64' is the subdir of more than one platform of environment 'default': "
                + "cuda12 (linux-64), cuda13 (linux-64); name one", e.getMessage());
    }

    @Test
    void aVersion7PlatformTheLockDoesNotDefineIsAnError() {
        ListingException e = assertThrows(ListingException.class, () -> parse(TWO_CUDAS.replace("      cuda12: []", "      gpu: []")));
        assertEquals("pixi.lock:11: expected the lock's platforms to define platform 'gpu', which environment 'default' uses",
                e.getMessage());
    }

    private static final String HEAD = "version: 6\nenvironments:\n  default:\n    channels:\n"
            + "    - url: https://conda.anaconda.org/conda-forge/\n    packages:\n      linux-64:\n";

    @Test
    void aPackageTheEnvironmentNamesButTheLockDoesNotDescribeIsAnErrorNamingTheLine() {
        ListingException e = assertThrows(ListingException.class, () -> parse(HEAD
                + "      - conda: https://conda.anaconda.org/conda-forge/linux-64/zlib-1.3.1-hb9d3cd8_2.conda\npackages: []\n"));
        assertEquals("pixi.lock:8: expected the lock's packages to describe the conda package "
                + "https://conda.anaconda.org/conda-forge/linux-64/zlib-1.3.1-hb9d3cd8_2.conda", e.getMessage());
    }

    @Test
    void aPypiEntryWithoutAVersionIsAnErrorNamingItsEntry() {
        ListingException e = assertThrows(ListingException.class, () -> parse(HEAD
                + "      - pypi: https://files.pythonhosted.org/six-1.16.0-py2.py3-none-any.whl\npackages:\n"
                + "- pypi: https://files.pythonhosted.org/six-1.16.0-py2.py3-none-any.whl\n  name: six\n"));
        assertEquals("pixi.lock:10: expected the locked package 'six' to have a version", e.getMessage());
    }

    @Test
    void aCondaLocationThatIsNoPackageFileAndNamesNothingIsSkippedWithTheReason() {
        ParsedListing listing = parse(HEAD + "      - conda: https://conda.anaconda.org/conda-forge/linux-64/zlib-1.3.1-hb9d3cd8_2.conda\n"
                + "      - conda: ./recipes/mytool\npackages:\n"
                + "- conda: https://conda.anaconda.org/conda-forge/linux-64/zlib-1.3.1-hb9d3cd8_2.conda\n  sha256: ab12\n"
                + "- conda: ./recipes/mytool\n  sha256: cd34\n");
        assertEquals(List.of("zlib"), names(listing));
        assertEquals(List.of(new SkippedLine(9, "conda: ./recipes/mytool",
                "expected the URL of a conda package file (.conda or .tar.bz2), found 'mytool'")), listing.skipped());
    }

    @Test
    void aSourcePackageThatNamesItselfIsRead() {
        ParsedListing listing = parse(HEAD + "      - conda: ./recipes/mytool\npackages:\n"
                + "- conda: ./recipes/mytool\n  name: mytool\n  version: 0.1.0\n  build: ''\n  subdir: linux-64\n");
        InstalledPackage tool = find(listing, "mytool");
        assertEquals("0.1.0", tool.getVersion());
        assertNull(tool.getChannel(), "a local source package comes from no channel");
        assertNull(tool.getBuild());
    }

    @Test
    void anotherVersionIsAnErrorNamingItsLine() {
        ListingException e = assertThrows(ListingException.class, () -> parse("version: 4\nenvironments: {}\npackages: []\n"));
        assertEquals("pixi.lock:1: expected a pixi.lock of version 5, 6 or 7, found version 4", e.getMessage());
    }

    @Test
    void aVersion5EntryOfAnUnknownKindIsAnError() {
        ListingException e = assertThrows(ListingException.class, () -> parse("version: 5\nenvironments:\n  default:\n"
                + "    packages:\n      linux-64: []\npackages:\n- kind: npm\n  url: https://x/y\n"));
        assertEquals("pixi.lock:7: expected the package's kind to be conda or pypi, found 'npm'", e.getMessage());
    }
}
