package io.envaudit.listings;

import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pip freeze} and pinned requirements files. */
class PipFreezeParserTest {

    private static Optional<InstalledPackage> find(ParsedListing listing, String name) {
        return listing.packages().stream().filter(p -> p.getName().equals(name)).findFirst();
    }

    private static String version(ParsedListing listing, String name) {
        InstalledPackage p = find(listing, name).orElseThrow(() -> new AssertionError("no " + name));
        assertEquals(Installer.PIP, p.getInstaller());
        assertEquals("pypi", p.getChannel());
        return p.getVersion();
    }

    private static SkippedLine skipped(ParsedListing listing, int line) {
        return listing.skipped().stream().filter(s -> s.line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("line " + line + " not skipped: " + listing.skipped()));
    }

    @Test
    void directReferencesToDistributionFilesGiveTheirVersionLocalVersionsAreKept() {
        ParsedListing colab = RealEnvs.read("colab-tf220-keras313-torch210-jax072-pip-freeze.txt");
        assertEquals("1.0.0", version(colab, "google-colab"));
        assertEquals("26.2.0", version(colab, "cucim-cu12"));
        assertEquals("3.8.0", version(colab, "en_core_web_sm"));
        assertEquals("2.10.0+cu128", version(colab, "torch"));
        assertTrue(skipped(colab, 5).reason().startsWith("an editable install of aereo_water_sam from a git repository"));
        assertTrue(skipped(colab, 373).reason().startsWith("a direct reference to a git repository"));
    }

    @Test
    void theCommentBeforeAnEditableInstallGivesItsVersionAndAFileFragmentIsNoComment() {
        ParsedListing listing = RealEnvs.read("embodmocap-torch240-torchvision0191-numpy24-pip-freeze.txt");
        assertEquals("1.7.2", version(listing, "mmcv"));
        assertEquals("1.0", version(listing, "t3drender"));
        assertEquals("1.17.1", version(listing, "scipy"));
        assertTrue(skipped(listing, 19).reason().startsWith("a direct reference to a local path"), skipped(listing, 19).reason());
    }

    @Test
    void aHandWrittenPreambleIsSkippedLineByLineAndTheLastLineNeedsNoNewline() {
        ParsedListing listing = RealEnvs.read("mediapipe-jax050-protobuf4256-pip-freeze.txt");
        assertEquals(List.of(1, 4), listing.skipped().stream().map(SkippedLine::line).toList());
        assertEquals("pip freeze", listing.skipped().get(1).text());
        assertEquals(31, listing.packages().size());
        assertEquals("0.5.1", version(listing, "sounddevice"));
    }

    @Test
    void conda_builtPackagesPipFreezeShowsAsLocalFoldersHaveNoVersion() {
        ParsedListing listing = RealEnvs.read("polecart-tf211-intel-torch1131-win-pip-freeze.txt");
        assertTrue(find(listing, "colorama").isEmpty());
        assertTrue(skipped(listing, 42).reason().startsWith("a direct reference to a git repository"));
        assertEquals("2.11.0", version(listing, "tensorflow-intel"));
    }

    @Test
    void requirementsFileSyntax() {
        ParsedListing listing = ListingFormat.PIP_FREEZE.parser().parse(ListingText.of("requirements.txt", String.join("\n",
                "# pinned for the image",
                "--index-url https://download.pytorch.org/whl/cu121",
                "numpy==1.26.4  # the last 1.x",
                "Django[argon2]==4.2.11 ; python_version >= \"3.8\"",
                "cryptography==42.0.5 \\",
                "    --hash=sha256:0270572b8bd2c833c3981724b8ee9747b3ec96f699a9665470018594301439ee",
                "legacy-thing===1.0-custom",
                "requests>=2.31",
                "six",
                "-r base.txt",
                "pydantic==2.*")));
        assertEquals(List.of("numpy", "Django", "cryptography", "legacy-thing"),
                listing.packages().stream().map(InstalledPackage::getName).toList());
        assertEquals("1.26.4", version(listing, "numpy"));
        assertEquals("4.2.11", version(listing, "Django"));
        assertEquals("42.0.5", version(listing, "cryptography"));
        assertEquals("1.0-custom", version(listing, "legacy-thing"));
        assertEquals(List.of(8, 9, 10, 11), listing.skipped().stream().map(SkippedLine::line).toList());
        assertEquals("not pinned to one version: '>=2.31'", skipped(listing, 8).reason());
        assertEquals("no version given", skipped(listing, 9).reason());
    }

    /**
     * Lines pip itself rejects are no packages: read as written they would put a numpy at version {@code >1.2} beside
     * the real one. Each is a skipped line saying why; the real listing's own lines read as before.
     */
    @Test
    void linesPipRejectsAreSkippedWithTheReason() {
        String real = new String(RealEnvs.bytes("webcam-tf210-plus-tensorflow-cpu-pip-freeze.txt"), StandardCharsets.UTF_8);
        ParsedListing before = RealEnvs.read("webcam-tf210-plus-tensorflow-cpu-pip-freeze.txt");
        ParsedListing listing = ListingFormat.PIP_FREEZE.parser().parse(ListingText.of("freeze.txt", real + String.join("\n",
                "numpy=>1.2",
                "pandas=1.5",
                "torch==2.0.0garbage!!",
                "foo==1.0 ; python_version >",
                "bar @ https://example.org/bar-1.0-py3-none-any.whl ; os_name ==",
                "legacy-thing===2.0.0garbage!!",
                "Django==4.2.11 ; python_version >= \"3.8\"",
                "")));
        assertEquals(before.packages().size() + 2, listing.packages().size());
        assertEquals("2.0.0garbage!!", version(listing, "legacy-thing"), "=== is PEP 440's arbitrary equality: any string");
        assertEquals("4.2.11", version(listing, "Django"));
        assertEquals("1.18.3", version(listing, "numpy"), "the line pip rejects adds no second numpy");
        int first = real.split("\n", -1).length;
        assertEquals(List.of(first, first + 1, first + 2, first + 3, first + 4), listing.skipped().stream().map(SkippedLine::line).toList());
        assertEquals("'=>' is no version operator; pip rejects the line (did you mean '>='?)", skipped(listing, first).reason());
        assertEquals("'=' is no version operator; pip rejects the line (did you mean '=='?)", skipped(listing, first + 1).reason());
        assertEquals("invalid PEP 440 version '2.0.0garbage!!': does not follow the PEP 440 version scheme; pip rejects the line "
                + "('===' pins a version that is not PEP 440)", skipped(listing, first + 2).reason());
        assertTrue(skipped(listing, first + 3).reason().startsWith("invalid PEP 508 marker 'python_version >'"),
                skipped(listing, first + 3).reason());
        assertTrue(skipped(listing, first + 4).reason().startsWith("invalid PEP 508 marker 'os_name =='"), skipped(listing, first + 4).reason());
        assertEquals("pandas=1.5", skipped(listing, first + 1).text());
    }
}
