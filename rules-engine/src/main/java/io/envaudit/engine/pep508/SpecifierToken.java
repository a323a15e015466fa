package io.envaudit.engine.pep508;

import java.util.regex.Pattern;

/**
 * How far a version specifier reaches inside a requirement ({@code name>=1.0,<2;...}): the PEP 440
 * specifier grammar, one alternative per operator family, since {@code ===} takes any text, {@code ==}
 * and {@code !=} allow {@code .*} and local labels, and {@code ~=} needs two release numbers.
 * Repetitions are possessive so that a hostile run of numbers cannot overflow the matcher's stack.
 */
final class SpecifierToken {
    private static final String PRE = "(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?";
    private static final String POST = "(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?";
    private static final String DEV = "(?:[-_.]?dev[-_.]?[0-9]*)?";
    private static final String LOCAL = "(?:\\+[a-z0-9]++(?:[-_.][a-z0-9]++)*+)?";
    private static final String EPOCH = "v?(?:[0-9]+!)?";

    static final Pattern PATTERN = Pattern.compile(
            "(?:~=|==|!=|<=|>=|<|>|===)(?:"
                    + "(?:(?<====)\\s*[^\\s;)]*)"
                    + "|(?:(?<===|!=)\\s*" + EPOCH + "[0-9]++(?:\\.[0-9]++)*+(?:\\.\\*|" + PRE + POST + DEV + LOCAL + "))"
                    + "|(?:(?<=~=)\\s*" + EPOCH + "[0-9]++(?:\\.[0-9]++)++" + PRE + POST + DEV + ")"
                    + "|(?:(?<!==|!=|~=)\\s*" + EPOCH + "[0-9]++(?:\\.[0-9]++)*+" + PRE + POST + DEV + ")"
                    + ")",
            Pattern.CASE_INSENSITIVE);

    private SpecifierToken() {
    }
}
