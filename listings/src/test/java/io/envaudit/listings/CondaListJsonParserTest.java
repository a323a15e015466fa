package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code conda list --json} (other-formats/conda-list.json, rows of the tf212 conda list in that form). */
class CondaListJsonParserTest {

    private static InstalledPackage find(ParsedListing listing, String name) {
        return listing.packages().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void eachPackageKeepsItsBuildChannelAndSubdirAndThePlatformIsTheOneTheyAgreeOn() {
        ParsedListing listing = OtherFormats.read("conda-list.json");
        assertEquals(ListingFormat.CONDA_LIST_JSON, listing.format());
        assertEquals(EnvironmentManager.CONDA, listing.manager());
        assertEquals(13, listing.packages().size());
        InstalledPackage numpy = find(listing, "numpy");
        assertEquals(List.of("1.23.5", "py310h5f9d8c6_1", "defaults", "linux-64"),
                List.of(numpy.getVersion(), numpy.getBuild(), numpy.getChannel(), numpy.getSubdir()));
        assertEquals(1L, numpy.getBuildNumber());
        assertEquals(List.of("conda-forge", "noarch"), List.of(find(listing, "asttokens").getChannel(), find(listing, "asttokens").getSubdir()));
        assertEquals("linux-64", listing.platform().getSubdir(), "noarch packages are on every platform");
        assertEquals("linux", listing.platform().getOs());
        assertEquals(42, listing.packageLines().get(4), "the line of the package's opening brace");
    }

    @Test
    void pipInstallsAndEditableOnesArePipsWithoutConda_sPlaceholders() {
        ParsedListing listing = OtherFormats.read("conda-list.json");
        for (String name : List.of("astor", "envaudit-demo")) {
            InstalledPackage p = find(listing, name);
            assertEquals(Installer.PIP, p.getInstaller(), name);
            assertEquals("pypi", p.getChannel(), name);
            assertNull(p.getBuild(), name);
        }
    }

    @Test
    void theSameRowsAsTheTableTheyWereTakenFrom() {
        ParsedListing table = RealEnvs.read("tf212-gpu-defaults-condalist.txt");
        List<InstalledPackage> taken = OtherFormats.read("conda-list.json").packages().stream()
                .filter(p -> !p.getName().equals("envaudit-demo")).toList(); // the editable install the table has none of
        assertEquals(12, taken.size());
        for (InstalledPackage p : taken) {
            InstalledPackage row = find(table, p.getName());
            assertEquals(Arrays.asList(row.getVersion(), row.getBuild(), row.getInstaller(), row.getChannel()),
                    Arrays.asList(p.getVersion(), p.getBuild(), p.getInstaller(), p.getChannel()), p.getName());
        }
    }

    @Test
    void aMirrorOfDefaultsIsDefaultsAndAPackageWithoutANameIsAnError() {
        ParsedListing mirrored = Listings.read(ListingText.of("list.json", "[{\"base_url\": "
                + "\"https://mirrors.tuna.tsinghua.edu.cn/anaconda/pkgs/main\", \"build_string\": \"h5eee18b_1\", \"channel\": "
                + "\"pkgs/main\", \"name\": \"zlib\", \"platform\": \"linux-64\", \"version\": \"1.2.13\"}]"), null);
        assertEquals("defaults", mirrored.packages().get(0).getChannel());
        ListingException e = assertThrows(ListingException.class, () -> Listings.read(ListingText.of("list.json",
                "[\n{\"build_string\": \"h5eee18b_1\", \"version\": \"1.2.13\"}\n]"), ListingFormat.CONDA_LIST_JSON));
        assertEquals("list.json:2: expected the package to have a 'name'", e.getMessage());
        ListingException neither = assertThrows(ListingException.class,
                () -> Listings.read(ListingText.of("list.json", "[{\"id\": 1}]"), null));
        assertTrue(neither.getMessage().startsWith("list.json: cannot tell the listing's format: a JSON list whose first object has "
                + "neither conda list --json's fields"), neither.getMessage());
    }
}
