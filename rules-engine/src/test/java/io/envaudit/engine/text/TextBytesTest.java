package io.envaudit.engine.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextBytesTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void utf8IsReadWithOrWithoutAByteOrderMarkWhichIsNoPartOfTheText() throws Exception {
        String text = "numpy 1.26.4 py312h_0\nenvs/Jürgen\n";
        assertEquals(text, TextBytes.decode("env.txt", text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(text, TextBytes.decode("env.txt", concat(bytes(0xEF, 0xBB, 0xBF), text.getBytes(StandardCharsets.UTF_8))));
        assertEquals("", TextBytes.decode("empty.txt", new byte[0]));
    }

    @Test
    void utf16IsReadWhenItsByteOrderMarkSaysSo() throws Exception {
        String text = "# packages in environment at C:\\Users\\Jürgen\\envs\\tf:\r\nnumpy 1.26.4 py312h_0\r\n";
        assertEquals(text, TextBytes.decode("env.txt", concat(bytes(0xFF, 0xFE), text.getBytes(StandardCharsets.UTF_16LE))));
        assertEquals(text, TextBytes.decode("env.txt", concat(bytes(0xFE, 0xFF), text.getBytes(StandardCharsets.UTF_16BE))));
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorAtTheFirstBadByte() {
        NotTextException latin1 = assertThrows(NotTextException.class,
                () -> TextBytes.decode("latin1.yaml", bytes('#', ' ', 0xE9, '\n')));
        assertEquals("latin1.yaml: not UTF-8 text: invalid byte 0xE9 at offset 2", latin1.getMessage());
        assertEquals(2, latin1.offset());
        assertEquals("not UTF-8 text: invalid byte 0xE9 at offset 2", latin1.problem());
        NotTextException afterBom = assertThrows(NotTextException.class,
                () -> TextBytes.decode("-", bytes(0xEF, 0xBB, 0xBF, 'a', 0xC3)));
        assertEquals("-: not UTF-8 text: invalid byte 0xC3 at offset 4", afterBom.getMessage(), "offsets count the byte order mark");
    }

    @Test
    void aNulIsBinaryEvenInValidUtf8AndTheEarlierOfTheTwoProblemsIsNamed() {
        NotTextException nul = assertThrows(NotTextException.class, () -> TextBytes.decode("x.bin", bytes('P', 'K', 3, 4, 0x14, 0, 0xFF)));
        assertEquals("x.bin: not UTF-8 text: a NUL byte at offset 5 (binary data, or UTF-16 without a byte order mark)", nul.getMessage());
        NotTextException invalidFirst = assertThrows(NotTextException.class, () -> TextBytes.decode("x.bin", bytes('P', 0xFF, 0)));
        assertEquals("x.bin: not UTF-8 text: invalid byte 0xFF at offset 1", invalidFirst.getMessage());
        NotTextException utf16WithoutMark = assertThrows(NotTextException.class,
                () -> TextBytes.decode("env.txt", "numpy".getBytes(StandardCharsets.UTF_16LE)));
        assertEquals(1, utf16WithoutMark.offset());
    }

    @Test
    void utf16ThatDoesNotDecodeIsAnErrorAtItsByteOffset() {
        // 'a', then a low surrogate with no high one before it
        NotTextException lone = assertThrows(NotTextException.class, () -> TextBytes.decode("env.txt", bytes(0xFF, 0xFE, 'a', 0, 0x00, 0xDC)));
        assertEquals("env.txt: not UTF-16LE text: invalid bytes 0x00 0xDC at offset 4", lone.getMessage());
        NotTextException odd = assertThrows(NotTextException.class, () -> TextBytes.decode("env.txt", bytes(0xFE, 0xFF, 0, 'a', 0)));
        assertEquals("env.txt: not UTF-16BE text: invalid byte 0x00 at offset 4", odd.getMessage());
        NotTextException nul = assertThrows(NotTextException.class, () -> TextBytes.decode("env.txt", bytes(0xFF, 0xFE, 'a', 0, 0, 0)));
        assertEquals("env.txt: not UTF-16LE text: a NUL character at offset 4 (binary data)", nul.getMessage());
    }
}
