package io.envaudit.agent.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextFilesTest {
    @TempDir
    Path folder;

    private String header(String name, byte[] bytes, ReadLog log) throws IOException, UnreadableFileException {
        return TextFiles.readHeader(Files.write(folder.resolve(name), bytes), log);
    }

    @Test
    void theHeaderEndsAtTheFirstBlankLineAndTheDescriptionIsNotDecoded() throws Exception {
        ReadLog log = new ReadLog();
        byte[] latin1Description = "Metadata-Version: 2.1\r\nName: caf\u00e9\r\nVersion: 1.0\r\n\r\nCaf\u00e9 au lait.\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        // the header is Latin-1 too: that is noted, at its offset; the description's bytes are never looked at
        assertEquals("Metadata-Version: 2.1\r\nName: caf\u00e9\r\nVersion: 1.0\r\n\r\n", header("METADATA", latin1Description, log));
        assertEquals(List.of(new ReadProblem(folder.resolve("METADATA"), "is not UTF-8 (byte offset 32); read as Latin-1")), log.problems());

        ReadLog quiet = new ReadLog();
        byte[] utf8Header = "Name: cafe\nVersion: 1.0\n\nCaf\u00e9 au lait.\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Name: cafe\nVersion: 1.0\n\n", header("PKG-INFO", utf8Header, quiet));
        assertEquals(List.of(), quiet.problems());
    }

    @Test
    void aBlankLineAcrossTwoReadsIsFound() throws Exception {
        // 8,192 bytes of header: the blank line's two line feeds are on both sides of the first 8,192-byte read
        String field = "Summary: " + "x".repeat(8192 - "Summary: ".length() - 1) + "\n";
        String text = field + "\nDescription that is not read\n";
        assertEquals(field + "\n", header("METADATA", text.getBytes(StandardCharsets.UTF_8), new ReadLog()));
        String crlf = field.replace("\n", "\r\n").substring(1) + "\r\nDescription that is not read\r\n";
        assertEquals(field.replace("\n", "\r\n").substring(1) + "\r\n", header("CRLF", crlf.getBytes(StandardCharsets.UTF_8), new ReadLog()));
    }

    @Test
    void aFileWithoutABlankLineIsReadWhole() throws Exception {
        String text = "Name: a\nVersion: 1\n" + "Requires-Dist: b\n".repeat(2000);
        assertEquals(text, header("METADATA", text.getBytes(StandardCharsets.UTF_8), new ReadLog()));
    }
}
