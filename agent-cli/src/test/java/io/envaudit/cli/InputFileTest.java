package io.envaudit.cli;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file reader {@code audit}, {@code convert} and {@code agent publish --from} share: what it takes as text, and how
 * it refuses what is not.
 */
class InputFileTest {
    /** A real Windows conda list (CRLF). */
    private static final Path WINDOWS_LIST = Path.of(ConvertCommandTest.REAL, "res-tf114-mixed-channels-estimator-mismatch-win-condalist.txt");
    private static final String OTHER_FORMATS = "../listings/src/test/resources/other-formats/";

    private static CommandResult run(String... args) {
        return CommandResult.inProcess(new EnvauditAgentCommand(), args);
    }

    private static EnvironmentSnapshot snapshot(CommandResult run) {
        return AvroPlainJson.read(new StringReader(run.out()), "stdout", EnvironmentSnapshot.getClassSchema());
    }

    /** Windows PowerShell's {@code conda list > env.txt}: UTF-16LE with its byte order mark, CRLF. */
    @Test
    void aUtf16ListingIsAuditedAndConvertedAsItsUtf8Self(@TempDir Path dir) throws Exception {
        String text = Files.readString(WINDOWS_LIST);
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[utf16.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, bytes, 2, utf16.length);
        Path powershell = Files.write(dir.resolve("env.txt"), bytes);
        Path utf8 = Files.copy(WINDOWS_LIST, dir.resolve("env-utf8.txt"));

        CommandResult audited = run("audit", powershell.toString());
        CommandResult expected = run("audit", utf8.toString());
        assertEquals(expected.exitCode(), audited.exitCode(), audited.err());
        assertEquals(expected.out().replace(utf8.toString(), powershell.toString()), audited.out());
        assertEquals("", audited.err());

        EnvironmentSnapshot converted = snapshot(run("convert", "--collected-at", "2026-11-30T00:00:00Z", powershell.toString()));
        EnvironmentSnapshot fromUtf8 = snapshot(run("convert", "--collected-at", "2026-11-30T00:00:00Z", utf8.toString()));
        assertEquals(fromUtf8.getPackages(), converted.getPackages());
        assertEquals(fromUtf8.getPlatform(), converted.getPlatform());
    }

    /** The first 3 KB of a jar, which the lenient reader of before audited as a compliant environment of 2 packages. */
    @Test
    void binaryIsRefusedNamingTheFileAndTheOffsetOfItsFirstBadByte(@TempDir Path dir) throws Exception {
        byte[] jar;
        try (InputStream in = Files.newInputStream(Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI()))) {
            jar = in.readNBytes(3072);
        }
        assertEquals(3072, jar.length);
        Path binary = Files.write(dir.resolve("binary.bin"), jar);
        // a zip's local header: PK 03 04, then the version it needs as a 16-bit little-endian number, whose high byte is 0
        String expected = "error: " + binary + ": not UTF-8 text: a NUL byte at offset 5 (binary data, or UTF-16 without a byte order mark)";

        CommandResult audit = run("audit", binary.toString(), WINDOWS_LIST.toString());
        assertEquals(2, audit.exitCode());
        assertEquals(expected, audit.err().strip());
        assertFalse(audit.out().contains(binary.toString()), audit.out());
        assertTrue(audit.out().contains(WINDOWS_LIST + ": conda-list listing"), "the other file is still audited: " + audit.out());

        CommandResult convert = run("convert", binary.toString());
        assertEquals(2, convert.exitCode());
        assertEquals(expected, convert.err().strip());
        assertEquals("", convert.out());

        CommandResult publish = run("agent", "publish", "-b", "localhost:9", "--from", binary.toString());
        assertEquals(2, publish.exitCode());
        assertEquals(expected, publish.err().strip());
    }

    @Test
    void textThatIsNotUtf8IsRefusedAtItsFirstBadByte(@TempDir Path dir) throws Exception {
        byte[] text = Files.readAllBytes(WINDOWS_LIST);
        byte[] cp1252 = Arrays.copyOf(text, text.length + 1);
        cp1252[text.length] = (byte) 0xE9; // é in Windows-1252, a prefix typed on a French Windows
        Path file = Files.write(dir.resolve("env.txt"), cp1252);
        CommandResult convert = run("convert", file.toString());
        assertEquals(2, convert.exitCode());
        assertEquals("error: " + file + ": not UTF-8 text: invalid byte 0xE9 at offset " + text.length, convert.err().strip());
    }

    @Test
    void anEmptyFileIsSaidToBeEmpty(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("env.txt"));
        CommandResult audit = run("audit", empty.toString());
        assertEquals(2, audit.exitCode());
        assertEquals("error: " + empty + ": the file is empty", audit.err().strip());
        Path blank = Files.writeString(dir.resolve("requirements.txt"), "\n\n   \n");
        CommandResult convert = run("convert", "--input-format", "pip-freeze", blank.toString());
        assertEquals(2, convert.exitCode());
        assertEquals("error: " + blank + ": the file holds only white space", convert.err().strip());
    }

    @Test
    void pipListAndConda_sJsonAreReadAsTheyCome() {
        CommandResult pipList = run("convert", OTHER_FORMATS + "pip-list.txt");
        assertEquals(0, pipList.exitCode(), pipList.err());
        EnvironmentSnapshot fromTable = snapshot(pipList);
        assertEquals("pip-list listing pip-list.txt", fromTable.getSource());
        assertEquals(104, fromTable.getPackages().size());
        assertTrue(fromTable.getPackages().stream().allMatch(p -> p.getInstaller() == Installer.PIP));

        CommandResult condaJson = run("audit", OTHER_FORMATS + "conda-list.json");
        assertTrue(condaJson.out().startsWith(OTHER_FORMATS + "conda-list.json: conda-list-json listing"), condaJson.out());
        assertTrue(condaJson.out().contains("13 packages"), condaJson.out());

        CommandResult named = run("convert", "--input-format", "pip-list-json", OTHER_FORMATS + "pip-list.json");
        assertEquals(fromTable.getPackages(), snapshot(named).getPackages());
    }

    @Test
    void theFormatsTheHelpOffersAreTheOnesThereAre() {
        String help = run("convert", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("instead of detecting it: conda-list, conda-list-json, conda-export, conda-explicit, conda-env-export, "
                + "conda-lock, pip-freeze, pip-list, pip-list-json, collect-env, uv-lock, poetry-lock, pixi-lock."), help);
    }
}
