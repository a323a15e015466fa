package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** uv.lock, on an example written from uv's documentation (lock-files/vision-service.uv.lock) and on broken ones. */
class UvLockParserTest {
    private static final String EXAMPLE = "vision-service.uv.lock";

    private static ParsedListing parse(String toml) {
        return ListingFormat.UV_LOCK.parser().parse(ListingText.of("uv.lock", toml));
    }

    private static Map<String, String> versions(ParsedListing listing) {
        return listing.packages().stream().collect(Collectors.toMap(InstalledPackage::getName, InstalledPackage::getVersion));
    }

    @Test
    void everyInstalledSourceIsAPipInstallUnderItsPypiName() {
        ParsedListing listing = LockFiles.read(EXAMPLE);
        assertEquals(ListingFormat.UV_LOCK, listing.format());
        assertEquals(EnvironmentManager.VENV, listing.manager());
        assertEquals(Map.of("colorama", "0.4.6", "pillow", "10.4.0", "segment-anything", "1.0", "tensorflow", "2.10.1",
                "protobuf", "4.21.12", "torch", "2.4.1+cu121", "tqdm", "4.66.5", "vision-models", "0.3.0",
                "vision-service", "0.1.0", "labelling", "0.2.0"), versions(listing),
                "registry, url, git, path, editable and directory sources are installed");
        assertTrue(listing.packages().stream().allMatch(p -> p.getInstaller() == Installer.PIP && "pypi".equals(p.getChannel())
                && p.getBuild() == null), listing.packages().toString());
    }

    @Test
    void aUniversalLockFixesNoPlatformAndARangeOfPythonsNamesNoVersion() {
        ParsedListing listing = LockFiles.read(EXAMPLE);
        assertNull(listing.platform().getSubdir());
        assertNull(listing.platform().getOs());
        assertNull(listing.platform().getPythonVersion(), "requires-python >=3.10 is a range, not the interpreter");
        assertEquals("3.12.4", parse("version = 1\nrequires-python = \"==3.12.4\"\n[[package]]\nname = \"six\"\n"
                + "version = \"1.16.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n").platform().getPythonVersion());
    }

    @Test
    void aPackageForkedByMarkersIsUnknownAndMakesTheSnapshotPartial() {
        ParsedListing listing = LockFiles.read(EXAMPLE);
        assertFalse(versions(listing).containsKey("numpy"), "1.26.4 or 2.1.3 depends on the Python the lock leaves open");
        assertTrue(listing.partial());
        List<SkippedLine> numpy = listing.skipped().stream().filter(s -> s.text().contains("\"numpy\"")).toList();
        assertEquals(List.of(28, 37), numpy.stream().map(SkippedLine::line).toList());
        assertTrue(numpy.get(0).reason().startsWith("locked at 2 versions (1.26.4 where python_full_version < '3.12'; "
                + "2.1.3 where python_full_version >= '3.12')"), numpy.get(0).reason());
    }

    @Test
    void aVirtualProjectAndASourceTreeWithoutAVersionAreSkippedWithTheirReason() {
        Map<String, String> reasons = LockFiles.read(EXAMPLE).skipped().stream()
                .collect(Collectors.toMap(SkippedLine::text, SkippedLine::reason, (a, b) -> a));
        assertEquals("a virtual project: uv installs its dependencies, not the project itself",
                reasons.get("name = \"vision-workspace\""));
        assertEquals("locked without a version: uv reads the version of this editable source when it builds it",
                reasons.get("name = \"vision-tools\""));
    }

    @Test
    void aLockWithoutForksIsWhole() {
        ParsedListing listing = parse("version = 1\nrequires-python = \">=3.9\"\n\n[[package]]\nname = \"six\"\nversion = \"1.16.0\"\n"
                + "source = { registry = \"https://pypi.org/simple\" }\n");
        assertFalse(listing.partial());
        assertEquals(Map.of("six", "1.16.0"), versions(listing));
    }

    @Test
    void anotherLockVersionIsAnErrorNamingItsLine() {
        ListingException e = assertThrows(ListingException.class, () -> parse("# a future uv\nversion = 2\n"));
        assertEquals("uv.lock:2: expected a uv.lock of version 1, found version 2", e.getMessage());
    }

    @Test
    void aPackageWithoutASourceIsAnErrorNamingItsTable() {
        ListingException e = assertThrows(ListingException.class, () -> parse(
                "version = 1\n\n[[package]]\nname = \"six\"\nversion = \"1.16.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n"
                + "\n[[package]]\nname = \"idna\"\nversion = \"3.7\"\n"));
        assertEquals("uv.lock:8: expected package 'idna' to have a 'source'", e.getMessage());
    }

    @Test
    void aSourceOfNoKindUvWritesIsAnErrorNamingTheField() {
        ListingException e = assertThrows(ListingException.class, () -> parse(
                "version = 1\n\n[[package]]\nname = \"six\"\nversion = \"1.16.0\"\nsource = { mirror = \"x\" }\n"));
        assertEquals("uv.lock:6: expected the source of package 'six' to name one of directory, editable, git, path, "
                + "registry, url, virtual, found none", e.getMessage());
    }

    @Test
    void aPackageWithoutANameIsAnErrorNamingItsTable() {
        ListingException e = assertThrows(ListingException.class, () -> parse("version = 1\n[[package]]\nversion = \"1.0\"\n"));
        assertEquals("uv.lock:2: expected a [[package]] table to have a 'name'", e.getMessage());
    }

    @Test
    void invalidTomlIsAnErrorNamingTheLine() {
        ListingException e = assertThrows(ListingException.class, () -> parse("version = 1\n[[package]]\nname = \"six\nversion = 2\n"));
        assertTrue(e.getMessage().startsWith("uv.lock:3: not valid TOML: "), e.getMessage());
    }
}
