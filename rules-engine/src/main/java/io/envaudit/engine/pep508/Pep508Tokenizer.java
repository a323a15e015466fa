package io.envaudit.engine.pep508;

import io.envaudit.engine.version.InvalidSpecException;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokens of PEP 508 dependency specifiers and markers, matched one at a time at the current
 * position, as the grammar asks for them (which token is possible depends on where we are).
 */
final class Pep508Tokenizer {

    enum Kind {
        LEFT_PARENTHESIS("\\("),
        RIGHT_PARENTHESIS("\\)"),
        LEFT_BRACKET("\\["),
        RIGHT_BRACKET("\\]"),
        SEMICOLON(";"),
        COMMA(","),
        QUOTED_STRING("'[^']*'|\"[^\"]*\""),
        OP("===|==|~=|!=|<=|>=|<|>"),
        BOOLOP("\\b(?:or|and)\\b"),
        IN("\\bin\\b"),
        NOT("\\bnot\\b"),
        VARIABLE("\\b(?:python_version|python_full_version|os[._]name|sys[._]platform|platform_(?:release|system)"
                + "|platform[._](?:version|machine|python_implementation)|python_implementation"
                + "|implementation_(?:name|version)|extra)\\b"),
        SPECIFIER(SpecifierToken.PATTERN),
        AT("@"),
        URL("[^ \\t]+"),
        IDENTIFIER("\\b[a-zA-Z0-9][a-zA-Z0-9._-]*\\b"),
        WS("[ \\t]+"),
        // Python's $: the end, or just before one final \n; Java's $ also stops before \r, U+0085, U+2028, U+2029
        END("(?=\\n?\\z)");

        private final Pattern pattern;

        Kind(String regex) {
            this.pattern = Pattern.compile(regex);
        }

        Kind(Pattern pattern) {
            this.pattern = pattern;
        }
    }

    private final String source;
    private final String what;
    private final Map<Kind, Matcher> matchers = new EnumMap<>(Kind.class);
    private int position;

    Pep508Tokenizer(String source, String what) {
        this.source = source;
        this.what = what;
    }

    String source() {
        return source;
    }

    /** The text of the token of this kind at the current position, or null; nothing is consumed. */
    String peek(Kind kind) {
        Matcher m = matchers.computeIfAbsent(kind, k -> k.pattern.matcher(source)
                .useTransparentBounds(true).useAnchoringBounds(false));
        m.region(position, source.length());
        return m.lookingAt() ? m.group() : null;
    }

    boolean check(Kind kind) {
        return peek(kind) != null;
    }

    /** Consumes the token of this kind if it is next; returns its text or null. */
    String accept(Kind kind) {
        String text = peek(kind);
        if (text != null) {
            position += text.length();
        }
        return text;
    }

    String expect(Kind kind, String expected) {
        String text = accept(kind);
        if (text == null) {
            throw error("expected " + expected);
        }
        return text;
    }

    InvalidSpecException error(String message) {
        return new InvalidSpecException(what, source, position, message);
    }
}
