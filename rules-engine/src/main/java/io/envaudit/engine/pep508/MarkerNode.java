package io.envaudit.engine.pep508;

import java.util.List;

/**
 * A parsed marker, shaped as {@code packaging} shapes it so that it prints the same: a group is a run of
 * atoms joined by {@code and}/{@code or} ({@code and} binds tighter), an atom a comparison or a
 * parenthesized group.
 */
sealed interface MarkerNode permits MarkerNode.Comparison, MarkerNode.Group {

    /** {@code lhs op rhs}, where either side is a variable or a quoted string. */
    record Comparison(MarkerValue lhs, String op, MarkerValue rhs) implements MarkerNode {
    }

    /** {@code atoms[0] ops[0] atoms[1] ...} with ops each "and" or "or". */
    record Group(List<MarkerNode> atoms, List<String> ops) implements MarkerNode {
    }
}
