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

/** poetry.lock, on examples written from Poetry's lock format (lock-files/*.poetry.lock) and on broken ones. */
class PoetryLockParserTest {

    private static ParsedListing parse(String toml) {
        return ListingFormat.POETRY_LOCK.parser().parse(ListingText.of("poetry.lock", toml));
    }

    private static Map<String, String> versions(ParsedListing listing) {
        return listing.packages().stream().collect(Collectors.toMap(InstalledPackage::getName, InstalledPackage::getVersion));
    }

    @Test
    void lockVersionTwoWithGitAndDirectorySourcesAndADevGroup() {
        ParsedListing listing = LockFiles.read("training-jobs.poetry.lock");
        assertEquals(ListingFormat.POETRY_LOCK, listing.format());
        assertEquals(EnvironmentManager.VENV, listing.manager());
        assertEquals(Map.of("absl-py", "2.1.0", "keras", "2.10.0", "pytest", "8.3.3", "tensorflow", "2.10.1",
                "protobuf", "3.19.6", "trainkit", "0.4.2", "wandb-hooks", "0.1.0"), versions(listing));
        assertTrue(listing.packages().stream().allMatch(p -> p.getInstaller() == Installer.PIP && "pypi".equals(p.getChannel())));
        assertTrue(listing.packages().stream().allMatch(p -> p.getRequires().isEmpty()),
                "Poetry's constraints (^1.2) are not PEP 508 requirements");
        assertNull(listing.platform().getPythonVersion(), "python-versions ^3.10 is a range");
    }

    @Test
    void anOptionalPackageIsInstalledOnlyForItsExtra() {
        SkippedLine pandas = LockFiles.read("training-jobs.poetry.lock").skipped().stream()
                .filter(s -> s.text().contains("pandas")).findFirst().orElseThrow();
        assertEquals(55, pandas.line());
        assertEquals("optional: Poetry installs it only for the extra that asks for it", pandas.reason());
    }

    @Test
    void packagesLockedPerMarkerAreUnknown() {
        ParsedListing listing = LockFiles.read("training-jobs.poetry.lock");
        assertTrue(listing.partial());
        List<SkippedLine> numpy = listing.skipped().stream().filter(s -> s.text().contains("\"numpy\"")).toList();
        assertEquals(List.of(31, 43), numpy.stream().map(SkippedLine::line).toList());
        assertTrue(numpy.get(0).reason().startsWith("locked at 2 versions (1.24.4 where python_version < \"3.11\"; "
                + "1.26.4 where python_version >= \"3.11\")"), numpy.get(0).reason());
    }

    @Test
    void lockVersionOneWithFilesInTheMetadataAndAPinnedPython() {
        ParsedListing listing = LockFiles.read("legacy.poetry.lock");
        assertEquals(ListingFormat.POETRY_LOCK, listing.format());
        assertEquals(Map.of("requests", "2.28.2", "certifi", "2022.12.7"), versions(listing));
        assertEquals("3.9.16", listing.platform().getPythonVersion());
        assertFalse(listing.partial());
    }

    @Test
    void anEmptyLockReadsAsNoPackages() {
        assertTrue(parse("package = []\n\n[metadata]\nlock-version = \"2.0\"\npython-versions = \"*\"\ncontent-hash = \"115c\"\n")
                .packages().isEmpty());
    }

    @Test
    void anUnknownLockVersionIsAnErrorNamingItsLine() {
        ListingException e = assertThrows(ListingException.class, () -> parse("[metadata]\nlock-version = \"3.0\"\n"));
        assertEquals("poetry.lock:2: expected a poetry.lock of lock-version 1.x or 2.x, found lock-version 3.0", e.getMessage());
    }

    @Test
    void noMetadataIsAnError() {
        ListingException e = assertThrows(ListingException.class, () -> parse("[[package]]\nname = \"six\"\nversion = \"1.16.0\"\n"));
        assertEquals("poetry.lock: expected a [metadata] table with the lock-version (poetry.lock)", e.getMessage());
    }

    @Test
    void aPackageWithoutAVersionIsAnErrorNamingItsTable() {
        ListingException e = assertThrows(ListingException.class, () -> parse(
                "[[package]]\nname = \"six\"\nversion = \"1.16.0\"\n\n[[package]]\nname = \"idna\"\n\n[metadata]\nlock-version = \"2.0\"\n"));
        assertEquals("poetry.lock:5: expected package 'idna' to have a 'version'", e.getMessage());
    }

    @Test
    void aVersionWrittenAsATableIsAnErrorNamingItsLine() {
        ListingException e = assertThrows(ListingException.class, () -> parse(
                "[[package]]\nname = \"six\"\nversion = { major = 1 }\n\n[metadata]\nlock-version = \"2.0\"\n"));
        assertEquals("poetry.lock:3: expected 'version' to be a single value, found a table", e.getMessage());
    }
}
