package io.envaudit.engine.pep508;

import io.envaudit.engine.version.PythonWhitespace;

import java.util.regex.Pattern;

/**
 * How far a version specifier reaches inside a requirement ({@code name>=1.0,<2;...}): the PEP 440
 * specifier grammar, one alternative per operator family, since {@code ===} takes any text, {@code ==}
 * and {@code !=} allow {@code .*} and local labels, and {@code ~=} needs two release numbers.
 * Repetitions are possessive so that a hostile run of numbers cannot overflow the matcher's stack.
 * Python's {@code \s} is Unicode white space ({@code str.isspace}), Java's only ASCII: {@link #SPACE_CHARS}
 * stands in for it.
 */
final class SpecifierToken {
    private static final String PRE = "(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?";
    private static final String POST = "(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?";
    private static final String DEV = "(?:[-_.]?dev[-_.]?[0-9]*)?";
    private static final String LOCAL = "(?:\\+[a-z0-9]++(?:[-_.][a-z0-9]++)*+)?";
    private static final String EPOCH = "v?(?:[0-9]+!)?";
    /** The characters of Python's {@code \s}, for use inside a character class. */
    private static final String SPACE_CHARS = pythonSpaceChars();
    private static final String SPACES = "[" + SPACE_CHARS + "]*";

    static final Pattern PATTERN = Pattern.compile(
            "(?:~=|==|!=|<=|>=|<|>|===)(?:"
                    + "(?:(?<====)" + SPACES + "[^" + SPACE_CHARS + ";)]*)"
                    + "|(?:(?<===|!=)" + SPACES + EPOCH + "[0-9]++(?:\\.[0-9]++)*+(?:\\.\\*|" + PRE + POST + DEV + LOCAL + "))"
                    + "|(?:(?<=~=)" + SPACES + EPOCH + "[0-9]++(?:\\.[0-9]++)++" + PRE + POST + DEV + ")"
                    + "|(?:(?<!==|!=|~=)" + SPACES + EPOCH + "[0-9]++(?:\\.[0-9]++)*+" + PRE + POST + DEV + ")"
                    + ")",
            Pattern.CASE_INSENSITIVE);

    private SpecifierToken() {
    }

    private static String pythonSpaceChars() {
        StringBuilder chars = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (PythonWhitespace.isSpace(c)) {
                chars.append(String.format("\\u%04x", (int) c));
            }
        }
        return chars.toString();
    }
}
