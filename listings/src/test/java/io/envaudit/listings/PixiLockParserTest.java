package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pixi.lock versions 5 and 6, on examples written from pixi's documentation (lock-files/*.pixi.lock) and on broken ones. */
class PixiLockParserTest {

    private static ParsedListing parse(String yaml) {
        return ListingFormat.PIXI_LOCK.parser().parse(ListingText.of("pixi.lock", yaml));
    }

    private static InstalledPackage find(ParsedListing listing, String name) {
        return listing.packages().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
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
        assertEquals("pixi.lock:10: expected the locked package to have a version", e.getMessage());
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
        assertEquals("pixi.lock:1: expected a pixi.lock of version 5 or 6, found version 4", e.getMessage());
    }

    @Test
    void aVersion5EntryOfAnUnknownKindIsAnError() {
        ListingException e = assertThrows(ListingException.class, () -> parse("version: 5\nenvironments:\n  default:\n"
                + "    packages:\n      linux-64: []\npackages:\n- kind: npm\n  url: https://x/y\n"));
        assertEquals("pixi.lock:7: expected the package's kind to be conda or pypi, found 'npm'", e.getMessage());
    }
}
