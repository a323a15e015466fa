package io.envaudit.listings;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A listing's bytes as text: what is read, and what is refused before any parser sees it. */
class ListingTextTest {
    /** A real Windows conda list, CRLF, as UTF-8. */
    private static final String WINDOWS_LIST = "res-tf114-mixed-channels-estimator-mismatch-win-condalist.txt";

    private static byte[] withMark(int first, int second, byte[] text) {
        byte[] out = new byte[text.length + 2];
        out[0] = (byte) first;
        out[1] = (byte) second;
        System.arraycopy(text, 0, out, 2, text.length);
        return out;
    }

    /** What Windows PowerShell's {@code conda list > env.txt} writes: UTF-16LE with its byte order mark. */
    @Test
    void aUtf16ListingWithItsByteOrderMarkReadsAsTheUtf8One() {
        String text = new String(RealEnvs.bytes(WINDOWS_LIST), StandardCharsets.UTF_8);
        ParsedListing utf8 = RealEnvs.read(WINDOWS_LIST);
        for (ListingText utf16 : new ListingText[]{
                ListingText.of("env.txt", withMark(0xFF, 0xFE, text.getBytes(StandardCharsets.UTF_16LE))),
                ListingText.of("env.txt", withMark(0xFE, 0xFF, text.getBytes(StandardCharsets.UTF_16BE)))}) {
            ParsedListing read = Listings.read(utf16, null);
            assertEquals(ListingFormat.CONDA_LIST, read.format());
            assertEquals(utf8.packages(), read.packages());
            assertEquals(utf8.packageLines(), read.packageLines());
        }
    }

    @Test
    void binaryIsNoListingAndTheErrorNamesTheFirstByteThatIsNotText() throws IOException {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(RealEnvs.bytes(WINDOWS_LIST));
        }
        byte[] bytes = gzip.toByteArray(); // 1f 8b 08 ...: 0x8B continues no UTF-8 character
        ListingException e = assertThrows(ListingException.class, () -> ListingText.of("env.txt.gz", bytes));
        assertEquals("env.txt.gz: not UTF-8 text: invalid byte 0x8B at offset 1", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void aNulByteInOtherwiseValidUtf8IsBinary() {
        byte[] bytes = "numpy 1.26.4 py312h_0\n".getBytes(StandardCharsets.UTF_8);
        byte[] withNul = Arrays.copyOf(bytes, bytes.length + 1);
        ListingException e = assertThrows(ListingException.class, () -> ListingText.of("env.txt", withNul));
        assertEquals("env.txt: not UTF-8 text: a NUL byte at offset 22 (binary data, or UTF-16 without a byte order mark)",
                e.getMessage());
    }

    @Test
    void anEmptyListingIsSaidToBeEmptyWhateverTheFormat() {
        ListingException empty = assertThrows(ListingException.class, () -> Listings.read(ListingText.of("env.txt", new byte[0]), null));
        assertEquals("env.txt: the file is empty", empty.getMessage());
        ListingException blank = assertThrows(ListingException.class,
                () -> Listings.read(ListingText.of("env.txt", " \r\n\t\n\n"), ListingFormat.PIP_FREEZE));
        assertEquals("env.txt: the file holds only white space", blank.getMessage());
        ListingException bomOnly = assertThrows(ListingException.class,
                () -> Listings.read(ListingText.of("-", new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), null));
        assertTrue(bomOnly.getMessage().startsWith("-: the file is empty"), bomOnly.getMessage());
    }
}
