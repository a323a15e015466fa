package io.envaudit.engine.conda;

import io.envaudit.engine.version.InvalidSpecException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles and runs the regular expressions conda specs may contain, the way Python's {@code re}
 * would: {@code .}, {@code ^} and {@code $} know only {@code \n} as a line end, classes are Unicode,
 * and matching is anchored at the start only ({@code re.match}).
 *
 * <p>Java's regex engine recurses on nested groups, both when compiling and when matching; hostile
 * patterns are refused here instead of overflowing the stack.
 */
final class PythonRegex {
    /** Deeper nesting than any real spec uses; Java would overflow its stack compiling thousands. */
    private static final int MAX_GROUP_DEPTH = 100;
    private static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;

    private PythonRegex() {
    }

    static Pattern compile(String regex, String kind, String input) {
        int depth = 0;
        int maxDepth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                maxDepth = Math.max(maxDepth, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        if (maxDepth > MAX_GROUP_DEPTH) {
            throw new InvalidSpecException(kind, input, "regular expression nests groups deeper than " + MAX_GROUP_DEPTH);
        }
        try {
            return Pattern.compile(regex, FLAGS);
        } catch (PatternSyntaxException e) {
            throw new InvalidSpecException(kind, input, "invalid regular expression: " + e.getDescription());
        } catch (StackOverflowError e) {
            throw new InvalidSpecException(kind, input, "regular expression too complex");
        }
    }

    static boolean matchesFromStart(Pattern pattern, String text, String kind, String spec) {
        try {
            return pattern.matcher(text).lookingAt();
        } catch (StackOverflowError e) {
            // Java's matcher recurses per repetition; report the spec rather than crash the caller.
            throw new InvalidSpecException(kind, spec,
                    "regular expression too complex to evaluate against " + text.length() + " characters");
        }
    }
}
