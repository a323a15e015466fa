package io.envaudit.listings;

import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** conda-lock's lock file, version 1. */
class CondaLockParserTest {

    private static InstalledPackage find(ParsedListing listing, String name) {
        return listing.packages().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    private static ParsedListing parse(String yaml) {
        return ListingFormat.CONDA_LOCK.parser().parse(ListingText.of("conda-lock.yml", yaml));
    }

    @Test
    void condaPackagesTakeBuildChannelAndSubdirFromTheirUrlAndDependsFromTheLock() {
        ParsedListing listing = RealEnvs.read("yi-pytorch201-cu118-deepspeed-conda-lock.yml");
        assertEquals("linux-64", listing.platform().getSubdir());
        InstalledPackage pytorch = find(listing, "pytorch");
        assertEquals(List.of("2.0.1", "py3.10_cuda11.8_cudnn8.7.0_0", "pytorch", "linux-64"),
                List.of(pytorch.getVersion(), pytorch.getBuild(), pytorch.getChannel(), pytorch.getSubdir()));
        assertEquals(List.of("_libgcc_mutex 0.1", "llvm-openmp >=9.0.1"), find(listing, "_openmp_mutex").getDepends());
        assertEquals("noarch", find(listing, "accelerate").getSubdir());
        assertTrue(find(listing, "accelerate").getDepends().contains("psutil"), "an empty spec is the bare name");
    }

    @Test
    void pipPackagesTakeTheirDependenciesAsRequires() {
        InstalledPackage flash = find(RealEnvs.read("yi-pytorch201-cu118-deepspeed-conda-lock.yml"), "flash-attn");
        assertEquals(Installer.PIP, flash.getInstaller());
        assertEquals("2.3.6", flash.getVersion());
        assertEquals(List.of("torch", "einops", "packaging", "ninja"), flash.getRequires());
    }

    private static final String TWO_PLATFORMS = String.join("\n",
            "version: 1",
            "metadata:",
            "  platforms:",
            "  - osx-arm64",
            "  - linux-64",
            "package:",
            "- name: zlib",
            "  version: 1.3.1",
            "  manager: conda",
            "  platform: linux-64",
            "  url: https://conda.anaconda.org/conda-forge/linux-64/zlib-1.3.1-hb9d3cd8_2.conda",
            "- name: zlib",
            "  version: 1.3.1",
            "  manager: conda",
            "  platform: osx-arm64",
            "  url: https://conda.anaconda.org/conda-forge/osx-arm64/zlib-1.3.1-h8359307_2.conda",
            "- name: pytest",
            "  version: 8.2.0",
            "  manager: conda",
            "  platform: osx-arm64",
            "  url: https://conda.anaconda.org/conda-forge/noarch/pytest-8.2.0-pyhd8ed1ab_0.conda",
            "  category: dev",
            "  optional: true",
            "");

    @Test
    void aLockForSeveralPlatformsIsReadForTheFirstAndOptionalPackagesAreSkipped() {
        ParsedListing listing = parse(TWO_PLATFORMS);
        assertEquals("osx-arm64", listing.platform().getSubdir());
        assertEquals(List.of("h8359307_2"), listing.packages().stream().map(InstalledPackage::getBuild).toList());
        assertEquals(17, listing.skipped().get(0).line());
        assertTrue(listing.skipped().get(0).reason().startsWith("optional (category dev)"), listing.skipped().get(0).reason());
    }

    @Test
    void thePlatformAskedForIsReadInstead() {
        ParsedListing listing = ListingFormat.CONDA_LOCK.parser().parse(ListingText.of("conda-lock.yml", TWO_PLATFORMS),
                new LockSelection(null, "linux-64"));
        assertEquals("linux-64", listing.platform().getSubdir());
        assertEquals(List.of("hb9d3cd8_2"), listing.packages().stream().map(InstalledPackage::getBuild).toList());
        assertTrue(listing.skipped().isEmpty(), "the optional pytest is locked for osx-arm64 only");
    }

    @Test
    void aPlatformTheLockDoesNotHaveIsAnErrorNamingTheOnesItHas() {
        ListingException e = assertThrows(ListingException.class, () -> ListingFormat.CONDA_LOCK.parser()
                .parse(ListingText.of("conda-lock.yml", TWO_PLATFORMS), new LockSelection(null, "win-64")));
        assertEquals("conda-lock.yml:4: no platform 'win-64' in the lock; it has osx-arm64, linux-64", e.getMessage());
    }

    @Test
    void anotherLockVersionIsAnError() {
        ListingException e = assertThrows(ListingException.class, () -> parse(TWO_PLATFORMS.replace("version: 1", "version: 2")));
        assertEquals("conda-lock.yml:1: expected a conda-lock file of version 1, found version 2", e.getMessage());
    }

    /** The real lock cut after {@code - name: async-timeout}, as a paste that stopped short leaves it. */
    @Test
    void aLockCutShortIsAnErrorNamingTheEntryAndWhatItLacks() {
        String lock = new String(RealEnvs.bytes("yi-pytorch201-cu118-deepspeed-conda-lock.yml"), StandardCharsets.UTF_8);
        String cut = String.join("\n", lock.lines().limit(116).toList()) + "\n";
        assertTrue(cut.endsWith("- name: async-timeout\n"));
        ListingException e = assertThrows(ListingException.class, () -> parse(cut));
        assertEquals("conda-lock.yml:116: expected the locked package 'async-timeout' to have a version, manager, platform and url "
                + "(the lock ends with it: is the file cut short?)", e.getMessage());
        String withPlatform = String.join("\n", lock.lines().limit(119).toList()) + "\n";
        ListingException platformKept = assertThrows(ListingException.class, () -> parse(withPlatform));
        assertEquals("conda-lock.yml:116: expected the locked package 'async-timeout' to have a url "
                + "(the lock ends with it: is the file cut short?)", platformKept.getMessage());
    }

    @Test
    void anEntryWithoutAFieldIsAnErrorWhateverItsPlatform() {
        ListingException e = assertThrows(ListingException.class,
                () -> parse(TWO_PLATFORMS.replace("  url: https://conda.anaconda.org/conda-forge/linux-64/zlib-1.3.1-hb9d3cd8_2.conda\n", "")),
                "the osx-arm64 packages are read, not the linux-64 one, but a lock with an entry cut short is broken");
        assertEquals("conda-lock.yml:7: expected the locked package 'zlib' to have a url", e.getMessage());
        ListingException nameless = assertThrows(ListingException.class,
                () -> parse(TWO_PLATFORMS.replace("- name: pytest\n  version", "- version")));
        assertEquals("conda-lock.yml:17: expected a locked package to have a name (the lock ends with it: is the file cut short?)",
                nameless.getMessage());
    }
}
