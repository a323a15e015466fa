package io.envaudit.engine.pep508;

import java.util.Locale;

/**
 * The character a {@code \N{name}} escape names, as Python 3.11's string literals look it up: a name from
 * the Unicode Character Database, case-insensitive; and, case-sensitive, the names Python builds by rule,
 * {@code HANGUL SYLLABLE GA} and {@code CJK UNIFIED IDEOGRAPH-4E00}. Names come from the JDK, so the
 * Unicode version is the JDK's (13.0 on Java 17, 14.0 in Python 3.11), and Python's aliases
 * ({@code \N{LF}}, {@code \N{BOM}}) are not known: docs/versions.md lists both differences.
 */
final class UnicodeCharacterName {
    private static final String HANGUL = "HANGUL SYLLABLE ";
    private static final String CJK = "CJK UNIFIED IDEOGRAPH-";

    /** The Unicode Standard's Jamo short names (chapter 3.12), in the order the syllables are numbered. */
    private static final String[] LEADING = {"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ",
        "C", "K", "T", "P", "H"};
    private static final String[] VOWEL = {"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO",
        "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
    private static final String[] TRAILING = {"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS",
        "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"};

    /** The unified ideographs of Unicode 14.0, as Python 3.11's {@code is_unified_ideograph} lists them. */
    private static final int[][] UNIFIED_IDEOGRAPHS = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0x20000, 0x2A6DF},
        {0x2A700, 0x2B738}, {0x2B740, 0x2B81D}, {0x2B820, 0x2CEA1}, {0x2CEB0, 0x2EBE0}, {0x30000, 0x3134A}};

    private UnicodeCharacterName() {
    }

    /** The code point, or -1 when Python knows no such name. */
    static int codePoint(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean nameChar = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '-';
            if (!nameChar) {
                return -1;
            }
        }
        if (name.startsWith(HANGUL)) {
            return hangulSyllable(name);
        }
        if (name.startsWith(CJK)) {
            return unifiedIdeograph(name.substring(CJK.length()));
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (name.isEmpty() || name.startsWith(" ") || name.endsWith(" ")
                || upper.startsWith(HANGUL) || upper.startsWith(CJK)) {
            return -1; // the JDK trims; Python builds the two kinds of names only in upper case
        }
        int codePoint;
        try {
            codePoint = Character.codePointOf(upper);
        } catch (IllegalArgumentException unknown) {
            return -1;
        }
        return upper.equals(jdkNameForUnnamed(codePoint)) ? -1 : codePoint;
    }

    /**
     * What the JDK calls a code point the database gives no name (its block and number,
     * {@code CJK UNIFIED IDEOGRAPHS 4E00}), which it also accepts; Python does not.
     */
    private static String jdkNameForUnnamed(int codePoint) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        return block == null ? null
                : block.toString().replace('_', ' ') + " " + Integer.toHexString(codePoint).toUpperCase(Locale.ROOT);
    }

    /** Python reads the three Jamo names greedily, each the longest that fits, and the name must end there. */
    private static int hangulSyllable(String name) {
        int at = HANGUL.length();
        int leading = longestAt(name, at, LEADING);
        at += leading < 0 ? 0 : LEADING[leading].length();
        int vowel = longestAt(name, at, VOWEL);
        at += vowel < 0 ? 0 : VOWEL[vowel].length();
        int trailing = longestAt(name, at, TRAILING);
        at += trailing < 0 ? 0 : TRAILING[trailing].length();
        if (leading < 0 || vowel < 0 || trailing < 0 || at != name.length()) {
            return -1;
        }
        return 0xAC00 + (leading * VOWEL.length + vowel) * TRAILING.length + trailing;
    }

    private static int longestAt(String name, int at, String[] names) {
        int found = -1;
        for (int i = 0; i < names.length; i++) {
            if (name.startsWith(names[i], at) && (found < 0 || names[i].length() > names[found].length())) {
                found = i;
            }
        }
        return found;
    }

    /** Four or five upper-case hex digits naming a unified ideograph. */
    private static int unifiedIdeograph(String hex) {
        if (hex.length() != 4 && hex.length() != 5) {
            return -1;
        }
        int codePoint = 0;
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            codePoint = codePoint * 16 + digit;
        }
        for (int[] range : UNIFIED_IDEOGRAPHS) {
            if (codePoint >= range[0] && codePoint <= range[1]) {
                return codePoint;
            }
        }
        return -1;
    }
}
