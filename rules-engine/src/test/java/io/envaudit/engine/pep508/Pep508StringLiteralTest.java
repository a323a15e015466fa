package io.envaudit.engine.pep508;

import io.envaudit.engine.version.InvalidSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Quoted strings in markers are Python string literals ({@code ast.literal_eval}). Each answer is
 * Python 3.11's under /usr/bin/python3 (packaging 23.0 hands the quoted token to it as is).
 */
class Pep508StringLiteralTest {

    private static String value(String body) {
        return PythonStringLiteral.value("'" + body + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\x4\u0661", "\\u00e\u0669", "\\x\uff11\uff11", "\\U0001F60\u0660"})
    void escapesTakeAsciiHexDigitsOnly(String body) {
        assertNull(value(body));
    }

    @Test
    void hexEscapes() {
        assertEquals("A\u00e9\ud83d\ude00", value("\\x41\\u00E9\\U0001f600"));
        assertNull(value("\\x4"));
        assertNull(value("\\U00110000"));
    }

    @Test
    void namedCharactersAsPythonLooksThemUp() {
        assertEquals("a", value("\\N{LATIN SMALL LETTER A}"));
        assertEquals("a", value("\\N{latin small letter a}"), "names in the database: any case");
        assertEquals("\u4e00", value("\\N{CJK UNIFIED IDEOGRAPH-4E00}"));
        assertEquals("\u4e00", value("\\N{CJK UNIFIED IDEOGRAPH-04E00}"));
        assertEquals(new String(Character.toChars(0x3134A)), value("\\N{CJK UNIFIED IDEOGRAPH-3134A}"));
        assertEquals("\uac00", value("\\N{HANGUL SYLLABLE GA}"));
        assertEquals("\uac02", value("\\N{HANGUL SYLLABLE GAGG}"));
        assertEquals("\uc544", value("\\N{HANGUL SYLLABLE A}"));
        assertEquals("\ud7a3", value("\\N{HANGUL SYLLABLE HIH}"));
        assertEquals("\uf900", value("\\N{CJK COMPATIBILITY IDEOGRAPH-F900}"));
        assertEquals("\0", value("\\N{NULL}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\N{ LATIN SMALL LETTER A}", "\\N{LATIN SMALL LETTER A }", "\\N{LATIN  SMALL LETTER A}",
        "\\N{LATIN_SMALL LETTER A}", "\\N{}", "\\N{LATIN SMALL LETTER A", "\\N", "\\Nx",
        "\\N{cjk unified ideograph-4E00}", "\\N{CJK UNIFIED IDEOGRAPH-4e00}", "\\N{CJK UNIFIED IDEOGRAPH-2A6E0}",
        "\\N{CJK UNIFIED IDEOGRAPH-3134B}", "\\N{CJK UNIFIED IDEOGRAPH-4E0}", "\\N{CJK UNIFIED IDEOGRAPHS 4E00}",
        "\\N{Hangul Syllable GA}", "\\N{HANGUL SYLLABLE ga}", "\\N{HANGUL SYLLABLE G}", "\\N{HANGUL SYLLABLE}",
        "\\N{HANGUL SYLLABLES AC00}", "\\N{TANGUT IDEOGRAPH-17000}", "\\N{LINE FEED (LF)}",
        "\\N{LATIN SMALL LETTER \u0130}", "\\N{LATIN SMALL LETTER \u0131}"})
    void namesPythonDoesNotKnow(String body) {
        assertNull(value(body));
    }

    @Test
    void aBackslashBeforeAnyLineEndContinuesTheLine() {
        assertEquals("posix", value("pos\\\nix"));
        assertEquals("posix", value("pos\\\r\nix"));
        assertEquals("posix", value("pos\\\rix"));
        assertNull(value("pos\rix"));
        assertNull(value("pos\r\nix"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pos\0ix", "pos\\\0ix", "\0"})
    void aNulByteIsRejected(String body) {
        assertNull(value(body));
        assertThrows(InvalidSpecException.class, () -> Marker.parse("os_name == '" + body + "'"));
    }

    @Test
    void otherEscapes() {
        assertEquals("\\q\\8\u01ff\u0007", value("\\q\\8\\777\\a"));
        assertEquals("a\u2028b\u0085", value("a\u2028b\u0085"));
    }
}
