package io.envaudit.listings;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Detection beyond the real listings (RealListingsTest checks those): the shapes a pasted snippet takes. */
class FormatDetectorTest {

    private static ListingFormat detect(String text) {
        return FormatDetector.detect(ListingText.of("pasted.txt", text));
    }

    @Test
    void aHeaderlessCondaListWithAByteOrderMarkAndCrlf() {
        ListingText text = ListingText.of("pasted.txt",
                "\uFEFFnumpy    1.26.4   py312h_0\r\nscipy   1.13.1   py312h_0    conda-forge\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(ListingFormat.CONDA_LIST, FormatDetector.detect(text));
        assertEquals("numpy", Listings.read(text, null).packages().get(0).getName(), "the byte order mark is no part of the name");
    }

    @Test
    void pipLinesWinOverAHandWrittenPreamble() {
        assertEquals(ListingFormat.PIP_FREEZE, detect("My packages are listed below, as pip freeze printed them\n\nnumpy==1.26.4\nscipy @ file:///tmp/scipy-1.13.1-cp312-cp312-linux_x86_64.whl\n"));
    }

    @Test
    void exportLinesAndAnEnvironmentFile() {
        assertEquals(ListingFormat.CONDA_EXPORT, detect("numpy=1.26.4=py312h_0\nscipy=1.13.1=py312h_0\n"));
        assertEquals(ListingFormat.CONDA_ENV_EXPORT, detect("name: x\ndependencies:\n  - numpy\n"));
    }

    @Test
    void textThatIsNoListingIsAnErrorNamingTheFormats() {
        ListingException e = assertThrows(ListingException.class, () -> detect("Hello,\nthis is a letter.\n"));
        assertTrue(e.getMessage().startsWith("pasted.txt: cannot tell the listing's format"), e.getMessage());
        assertTrue(e.getMessage().contains("--input-format (conda-list, conda-list-json, conda-export"), e.getMessage());
    }

    @Test
    void aFormatByItsName() {
        assertEquals(ListingFormat.COLLECT_ENV, ListingFormat.byId("Collect-Env"));
        assertEquals(ListingFormat.POETRY_LOCK, ListingFormat.byId("poetry-lock"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListingFormat.byId("pdm-lock"));
        assertTrue(e.getMessage().startsWith("unknown listing format 'pdm-lock' (expected one of conda-list, "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", uv-lock, poetry-lock, pixi-lock)"), e.getMessage());
    }

    @Test
    void lockFilesByTheirOwnKeysWhateverTheFileIsCalled() {
        for (String file : List.of("vision-service.uv.lock", "training-jobs.poetry.lock", "legacy.poetry.lock",
                "robotics.pixi.lock", "notebooks-v5.pixi.lock")) {
            ListingText renamed = ListingText.of("lock.txt", LockFiles.text(file).text());
            assertEquals(file.substring(file.indexOf('.') + 1, file.lastIndexOf('.')) + "-lock", FormatDetector.detect(renamed).id(), file);
        }
    }

    @Test
    void theShortestLockFilesOfEachKind() {
        assertEquals(ListingFormat.UV_LOCK, detect("version = 1\nrequires-python = \">=3.12\"\n"));
        assertEquals(ListingFormat.POETRY_LOCK, detect("package = []\n\n[metadata]\nlock-version = \"2.0\"\n"));
        assertEquals(ListingFormat.PIXI_LOCK, detect("version: 6\nenvironments: {}\npackages: []\n"));
    }

    @Test
    void pipListAndTheJsonListingsByTheirOwnMarks() {
        assertEquals(ListingFormat.PIP_LIST, FormatDetector.detect(OtherFormats.text("pip-list.txt")));
        assertEquals(ListingFormat.PIP_LIST_JSON, FormatDetector.detect(OtherFormats.text("pip-list.json")));
        assertEquals(ListingFormat.CONDA_LIST_JSON, FormatDetector.detect(OtherFormats.text("conda-list.json")));
        ListingException empty = assertThrows(ListingException.class, () -> detect("[ ]\n"));
        assertTrue(empty.getMessage().startsWith("pasted.txt: cannot tell the listing's format: an empty JSON list; name the format"),
                empty.getMessage());
        assertEquals(ListingFormat.POETRY_LOCK, detect("[[package]]\nname = \"six\"\n\n[metadata]\nlock-version = \"1.1\"\n"),
                "a TOML array of tables opens with a bracket too");
    }
}
