package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code conda list} tables as people paste them: real listings, and the variants none of them shows. */
class CondaListParserTest {

    private static InstalledPackage find(ParsedListing listing, String name) {
        return listing.packages().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + listing.packages()));
    }

    private static void assertConda(InstalledPackage p, String version, String build, String channel) {
        assertEquals(Installer.CONDA, p.getInstaller(), p.toString());
        assertEquals(version, p.getVersion());
        assertEquals(build, p.getBuild());
        assertEquals(channel, p.getChannel());
    }

    private static void assertPip(InstalledPackage p, String version) {
        assertEquals(Installer.PIP, p.getInstaller(), p.toString());
        assertEquals(version, p.getVersion());
        assertEquals("pypi", p.getChannel());
        assertNull(p.getBuild(), "conda's pypi_0 / <pip> column is a placeholder, not a build");
    }

    @Test
    void theHeaderLineGivesThePrefixAndTheEnvironmentName() {
        ParsedListing listing = RealEnvs.read("epilepsy-pip-torch201-cu118-nvidia-label-condalist.txt");
        assertEquals(ListingFormat.CONDA_LIST, listing.format());
        assertEquals("/home/mariopasc/Python/miniconda3/envs/torch_env", listing.prefix());
        assertEquals("torch_env", listing.environmentName());
        assertEquals(EnvironmentManager.CONDA, listing.manager());
        assertConda(find(listing, "_libgcc_mutex"), "0.1", "main", "defaults");
        assertConda(find(listing, "cuda-cccl"), "11.8.89", "0", "nvidia/label/cuda-11.8.0");
        assertPip(find(listing, "arrow"), "1.3.0");
        assertEquals(List.of(), listing.skipped());
    }

    @Test
    void aWindowsPrefixAndABaseEnvironment() {
        ParsedListing tecogan = RealEnvs.read("tecogan-tf115-torch150-win-condalist.txt");
        assertEquals("D:\\Users\\bccat\\Anaconda3\\envs\\tecoGAN", tecogan.prefix());
        assertEquals("tecoGAN", tecogan.environmentName());
        ParsedListing base = RealEnvs.read("comfyui-anaconda-torch241-cu124-win-condalist.txt");
        assertEquals("d:\\an3", base.prefix());
        assertNull(base.environmentName(), "a base install's name is not in the listing");
    }

    @Test
    void withoutThePrefixLineTheMirrorUrlsOfTheChannelColumnAreDefaults() {
        ParsedListing listing = RealEnvs.read("esrgan-keras-tf114-gpu-win-condalist.txt");
        assertNull(listing.prefix());
        assertEquals(89, listing.packages().size(), "the header, then 89 rows, the last without a line feed");
        assertTrue(listing.packages().stream().allMatch(p -> p.getChannel().equals("defaults")), listing.packages().toString());
        assertConda(find(listing, "cudnn"), "7.6.0", "cuda10.0_0", "defaults");
    }

    @Test
    void withoutAnyHeaderTheLegacyPipMarkerIsAPipInstall() {
        ParsedListing listing = RealEnvs.read("fyp-tf010-py27-duplicate-pip-numpy-condalist.txt");
        assertPip(find(listing, "Flask"), "0.11.1");
        assertConda(find(listing, "cairo"), "1.12.18", "6", "defaults");
        assertEquals(3, listing.packages().stream().filter(p -> p.getName().equals("numpy")).count());
    }

    @Test
    void crlfLinesAndAnExplicitDefaultsChannelBesideMirrorsAndConda_forge() {
        ParsedListing listing = RealEnvs.read("trafficsign-tfgpu1131-pip-three-scipy-mirror-channel-condalist.txt");
        assertTrue(listing.packages().stream().noneMatch(p -> p.toString().contains("\r")));
        assertConda(find(listing, "_libgcc_mutex"), "0.1", "main", "defaults");
        assertConda(find(listing, "astroid"), "2.3.3", "py37_0", "defaults");
        assertConda(find(listing, "bzip2"), "1.0.8", "h516909a_2", "conda-forge");
        assertPip(find(listing, "absl-py"), "0.9.0");
    }

    @Test
    void wideColumnsOfRecentConda() {
        ParsedListing listing = RealEnvs.read("dinof-condaforge-pytorch251-plus-pip-torch220-condalist.txt");
        assertPip(find(listing, "absl-py"), "2.3.1");
        assertConda(find(listing, "anyio"), "4.12.1", "pyhcf101f3_0", "conda-forge");
    }

    @Test
    void anEditableInstallAPersonalChannelAndChannelUrlsWithASubdir() {
        ParsedListing listing = ListingFormat.CONDA_LIST.parser().parse(ListingText.of("env.txt", String.join("\n",
                "# Name                    Version                   Build  Channel",
                "axolotl                   0.4.1                     dev_0    <develop>",
                "keras-tcn                 2.6.7                     py_0    cjj3779",
                "numpy                     1.26.4          py312h8753938_0    https://conda.anaconda.org/conda-forge/linux-64",
                "scipy                     1.13.1          py312hc5e2394_0    https://mirrors.tuna.tsinghua.edu.cn/anaconda/pkgs/main/linux-64",
                "")));
        assertPip(find(listing, "axolotl"), "0.4.1");
        assertConda(find(listing, "keras-tcn"), "2.6.7", "py_0", "cjj3779");
        assertConda(find(listing, "numpy"), "1.26.4", "py312h8753938_0", "conda-forge");
        assertEquals("linux-64", find(listing, "numpy").getSubdir());
        assertConda(find(listing, "scipy"), "1.13.1", "py312hc5e2394_0", "defaults");
        assertEquals("linux-64", find(listing, "scipy").getSubdir());
    }

    @Test
    void aRowThatIsNoPackageIsSkippedWithItsLineAndTheRestKept() {
        ParsedListing listing = Listings.read(ListingText.of("env.txt", String.join("\r\n",
                "# packages in environment at /opt/conda:",
                "#",
                "python                    3.11.9          h955ad1f_0",
                "WARNING: A newer version of conda exists.",
                "pip                       24.0            py311h06a4308_0",
                "six")), ListingFormat.CONDA_LIST);
        assertEquals(List.of("python", "pip"), listing.packages().stream().map(InstalledPackage::getName).toList());
        assertEquals(List.of(4, 6), listing.skipped().stream().map(SkippedLine::line).toList());
        assertEquals("WARNING: A newer version of conda exists.", listing.skipped().get(0).text());
        assertTrue(listing.skipped().get(1).reason().contains("expected a conda list row"), listing.skipped().get(1).reason());
    }

    @Test
    void aListingWithNoReadableRowIsAnErrorNamingTheFileAndLine() {
        ListingException e = assertThrows(ListingException.class, () -> Listings.read(ListingText.of("notes.txt",
                "# my env\nthis is not a conda list at all\n"), ListingFormat.CONDA_LIST));
        assertTrue(e.getMessage().startsWith("notes.txt:2: no line reads as a conda-list listing"), e.getMessage());
    }
}
