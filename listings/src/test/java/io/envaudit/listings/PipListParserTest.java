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

/** {@code pip list}, as a table and as {@code --format json}: pip 23.2.1's output of one venv (other-formats/README.md). */
class PipListParserTest {

    private static InstalledPackage find(ParsedListing listing, String name) {
        return listing.packages().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void theTableGivesEveryDistributionAsAPipInstallTheEditableOneToo() {
        ParsedListing listing = OtherFormats.read("pip-list.txt");
        assertEquals(ListingFormat.PIP_LIST, listing.format());
        assertEquals(104, listing.packages().size(), "106 lines: the header, the dashes and one row per distribution");
        assertTrue(listing.skipped().isEmpty(), listing.skipped().toString());
        InstalledPackage demo = find(listing, "envaudit-demo");
        assertEquals(List.of("0.1.0", "PIP", "pypi"), List.of(demo.getVersion(), demo.getInstaller().name(), demo.getChannel()));
        assertEquals("2.9.0.post0", find(listing, "python-dateutil").getVersion());
        assertEquals(3, listing.packageLines().get(0));
        assertEquals(EnvironmentManager.UNKNOWN, listing.manager());
        assertNull(listing.platform().getSubdir());
        assertFalse(listing.partial());
    }

    @Test
    void theJsonFormGivesTheSamePackages() {
        ParsedListing json = OtherFormats.read("pip-list.json");
        assertEquals(ListingFormat.PIP_LIST_JSON, json.format());
        assertEquals(OtherFormats.read("pip-list.txt").packages(), json.packages());
        assertTrue(json.packages().stream().allMatch(p -> p.getInstaller() == Installer.PIP));
        assertEquals(1, json.packageLines().get(103), "pip writes the whole list on one line");
    }

    @Test
    void aPastedTableKeepsItsRowsAndSkipsThePromptAndPipsNotices() {
        ParsedListing listing = Listings.read(ListingText.of("pasted.txt", String.join("\n",
                "(tf) PS C:\\Users\\ana> pip list -v",
                "Package    Version Location                                    Installer",
                "---------- ------- ------------------------------------------- ---------",
                "numpy      1.26.4  C:\\Program Files\\Python311\\Lib\\site-packages pip",
                "tensorflow 2.15.0  C:\\Program Files\\Python311\\Lib\\site-packages pip",
                "",
                "[notice] A new release of pip is available: 23.2.1 -> 24.0",
                "WARNING: You are using pip version 21.1.2; however, version 24.0 is available.")), null);
        assertEquals(ListingFormat.PIP_LIST, listing.format());
        assertEquals(List.of("numpy", "tensorflow"), listing.packages().stream().map(InstalledPackage::getName).toList());
        assertEquals(List.of(1, 7, 8), listing.skipped().stream().map(SkippedLine::line).toList());
        assertEquals("before pip list's header", listing.skipped().get(0).reason());
    }

    @Test
    void withoutItsHeaderItIsNoPipList() {
        ListingException e = assertThrows(ListingException.class,
                () -> Listings.read(ListingText.of("list.txt", "numpy      1.26.4\n"), ListingFormat.PIP_LIST));
        assertEquals("list.txt: expected pip list's 'Package  Version' header with its line of dashes", e.getMessage());
    }

    @Test
    void aJsonPackageWithoutAVersionIsAnErrorNamingItsLine() {
        ListingException e = assertThrows(ListingException.class, () -> Listings.read(ListingText.of("list.json",
                "[\n  {\"name\": \"numpy\", \"version\": \"1.26.4\"},\n  {\"name\": \"scipy\"}\n]\n"), null));
        assertEquals("list.json:3: expected package 'scipy' to have a 'version'", e.getMessage());
        ListingException cut = assertThrows(ListingException.class, () -> Listings.read(ListingText.of("list.json",
                "[{\"name\": \"numpy\", \"version\": \"1.26.4\"},\n {\"name\": \"sci"), null));
        assertTrue(cut.getMessage().startsWith("list.json:2: not valid JSON: "), cut.getMessage());
    }
}
