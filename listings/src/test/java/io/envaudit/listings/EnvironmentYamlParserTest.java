package io.envaudit.listings;

import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code conda env export} and environment.yml. */
class EnvironmentYamlParserTest {

    private static InstalledPackage find(ParsedListing listing, String name) {
        return listing.packages().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    private static ParsedListing parse(String yaml) {
        return ListingFormat.CONDA_ENV_EXPORT.parser().parse(ListingText.of("environment.yml", yaml));
    }

    @Test
    void anExportGivesNamePrefixCondaPinsAndThePipSection() {
        ParsedListing listing = RealEnvs.read("epilepsy-pip-torch201-cu118-nvidia-label-env-export.yml");
        assertEquals("torch_env", listing.environmentName());
        assertEquals("/home/mariopasc/Python/miniconda3/envs/torch_env", listing.prefix());
        assertFalse(listing.partial());
        InstalledPackage mutex = find(listing, "_libgcc_mutex");
        assertEquals(List.of("0.1", "main"), List.of(mutex.getVersion(), mutex.getBuild()));
        assertNull(mutex.getChannel(), "an export lists the channels searched, not the one each package came from");
        InstalledPackage torch = find(listing, "torch");
        assertEquals(Installer.PIP, torch.getInstaller());
        assertEquals("2.0.1+cu118", torch.getVersion());
    }

    @Test
    void aSingleEqualsInThePipSectionIsReadAsThePinItMeans() {
        InstalledPackage joblib = find(RealEnvs.read("hetgnn-condaforge-tf211-cpu-protobuf421-env-export.yml"), "joblib");
        assertEquals(Installer.PIP, joblib.getInstaller());
        assertEquals("1.3.2", joblib.getVersion());
    }

    @Test
    void anEpochIsAVersionNotARange() {
        InstalledPackage x264 = find(RealEnvs.read("denoising-tfgpu140-user-channel-keras-conda-and-pip-env-export.yml"), "x264");
        assertEquals("1!152.20180717", x264.getVersion());
        assertEquals("h470a237_1", x264.getBuild());
    }

    @Test
    void aChannelPrefixGivesTheChannelAndUnpinnedSpecsAreSkipped() {
        ParsedListing listing = parse(String.join("\n",
                "name: demo",
                "channels:",
                "  - conda-forge",
                "dependencies:",
                "  - conda-forge::numpy=1.26.4=py312h8753938_0",
                "  - python=3.12",
                "  - scipy>=1.11",
                "  - pandas",
                "  - cudatoolkit=11.*",
                "  - pip",
                "  - pip:",
                "    - requests==2.32.3",
                "    - -r requirements-dev.txt",
                "    - torch>=2"));
        assertEquals(List.of("numpy", "python", "requests"), listing.packages().stream().map(InstalledPackage::getName).toList());
        assertEquals("conda-forge", find(listing, "numpy").getChannel());
        assertEquals("3.12", find(listing, "python").getVersion());
        assertEquals(List.of(7, 8, 9, 10, 13, 14), listing.skipped().stream().map(SkippedLine::line).toList());
        assertTrue(listing.skipped().get(4).reason().contains("another requirements file"), listing.skipped().get(4).reason());
    }

    @Test
    void brokenYamlAndAFileWithoutDependenciesAreErrorsWithTheLine() {
        ListingException broken = assertThrows(ListingException.class, () -> parse("name: x\ndependencies:\n  - a=1=b\n - c=2=d\n"));
        assertEquals("environment.yml:4: not valid YAML at column 2: expected <block end>, but found '<block sequence start>'", broken.getMessage());
        ListingException none = assertThrows(ListingException.class, () -> parse("name: x\nchannels: [defaults]\n"));
        assertEquals("environment.yml: expected a 'dependencies:' list (conda env export or environment.yml)", none.getMessage());
        ListingException wrong = assertThrows(ListingException.class, () -> parse("name: x\ndependencies:\n  - numpy=1.26=h_0\n  - extras: [a]\n"));
        assertEquals("environment.yml:4: expected a dependency or a 'pip:' list", wrong.getMessage());
    }

    /** A build with white space in it is no conda build: a tab typed into it, or a line YAML folded into it. */
    @Test
    void whiteSpaceInABuildIsASkippedEntryNamingItsLine() {
        ParsedListing listing = parse(String.join("\n",
                "name: demo",
                "dependencies:",
                "  - python=3.10.12=h7a1cb2a_0",
                "  - future=0.18.3=py_0\tbad",
                "  - zlib=1.2.13=h8cdb687_6",
                "    - badindent",
                "  - pip:",
                "    - requests==2.32.3",
                "      - urllib3==2.2.2",
                ""));
        assertEquals(List.of("python"), listing.packages().stream().map(InstalledPackage::getName).toList());
        assertEquals(List.of(4, 5, 8), listing.skipped().stream().map(SkippedLine::line).toList());
        assertEquals("white space in the build 'py_0\\tbad': conda's names, versions and builds have none", listing.skipped().get(0).reason());
        assertEquals("zlib=1.2.13=h8cdb687_6 - badindent", listing.skipped().get(1).text());
        assertEquals("white space in the build 'h8cdb687_6 - badindent': conda's names, versions and builds have none (the entry runs "
                + "on to line 6: YAML reads a line indented deeper than the list's items as more of the item above it)",
                listing.skipped().get(1).reason());
        assertTrue(listing.skipped().get(2).reason().endsWith("(the entry runs on to line 9: YAML reads a line indented deeper than "
                + "the list's items as more of the item above it)"), listing.skipped().get(2).reason());
    }

    /** SnakeYAML notices an unclosed bracket only where the file can no longer belong to it: line 192 of 197 here. */
    @Test
    void anUnclosedBracketIsReportedWhereItOpens() {
        List<String> lines = new ArrayList<>(RealEnvs.text("hetgnn-condaforge-tf211-cpu-protobuf421-env-export.yml").lines());
        lines.set(9, "  - [broken");
        ListingException e = assertThrows(ListingException.class, () -> parse(String.join("\n", lines)));
        assertEquals("environment.yml:10: not valid YAML at column 5: the '[' is not closed (at line 192, column 8: "
                + "expected ',' or ']', but got :)", e.getMessage());
        ListingException quote = assertThrows(ListingException.class, () -> parse("name: x\ndependencies:\n  - \"numpy=1.26\n  - b\n"));
        assertEquals("environment.yml:3: not valid YAML at column 5: the quote is not closed (at line 4, column 6: "
                + "found unexpected end of stream)", quote.getMessage());
    }
}
