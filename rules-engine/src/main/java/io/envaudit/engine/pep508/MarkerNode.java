package io.envaudit.engine.pep508;

import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.pep440.Pep440Specifier;
import io.envaudit.engine.version.InvalidSpecException;

import java.util.List;

/**
 * A parsed marker, shaped as {@code packaging} shapes it so that it prints the same: a group is a run of
 * atoms joined by {@code and}/{@code or} ({@code and} binds tighter), an atom a comparison or a
 * parenthesized group.
 */
sealed interface MarkerNode permits MarkerNode.Comparison, MarkerNode.Group {

    /**
     * {@code lhs op rhs}, where either side is a variable or a quoted string. packaging compares versions
     * when {@code op rhs} reads as a PEP 440 specifier, strings otherwise. With a variable on the left the
     * right side is a constant, so that is decided here, once: {@code versionTest} is the specifier, or null
     * for a string comparison. With a string on the left the right side comes from the environment, and
     * {@code versionTest} is null: evaluation decides.
     */
    record Comparison(MarkerValue lhs, String op, MarkerValue rhs, Pep440Specifier versionTest) implements MarkerNode {

        Comparison(MarkerValue lhs, String op, MarkerValue rhs) {
            this(lhs, op, rhs, lhs.variable() ? versionTest(op, lhs.value().equals(MarkerEnvironment.EXTRA)
                    ? PackageName.normalize(rhs.value()) : rhs.value()) : null);
        }

        /** {@code op + rhs} as packaging tries it ({@code Specifier(op + rhs)}), or null when it does not parse. */
        static Pep440Specifier versionTest(String op, String rhs) {
            if (op.equals("in") || op.equals("not in")) {
                return null; // no specifier starts with "in"
            }
            try {
                return Pep440Specifier.parse(op + rhs);
            } catch (InvalidSpecException notASpecifier) {
                return null;
            }
        }
    }

    /** {@code atoms[0] ops[0] atoms[1] ...} with ops each "and" or "or". */
    record Group(List<MarkerNode> atoms, List<String> ops) implements MarkerNode {
    }
}
