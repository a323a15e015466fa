package io.envaudit.engine.conda;

import io.envaudit.engine.version.PythonWhitespace;
import io.envaudit.engine.conda.CondaVersionSpec.AllOf;
import io.envaudit.engine.conda.CondaVersionSpec.AnyOf;
import io.envaudit.engine.conda.CondaVersionSpec.AnyVersion;
import io.envaudit.engine.conda.CondaVersionSpec.Comparison;
import io.envaudit.engine.conda.CondaVersionSpec.ExactText;
import io.envaudit.engine.conda.CondaVersionSpec.Operator;
import io.envaudit.engine.conda.CondaVersionSpec.Regex;
import io.envaudit.engine.version.InvalidSpecException;
import io.envaudit.engine.version.InvalidVersionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a conda version spec the way conda's {@code VersionSpec} does: a string with any of
 * {@code ()|,^$} is first turned into an expression tree ({@code treeify}), whose leaves are then read
 * one by one; any other string is a single leaf.
 *
 * <p>Parentheses are handled with explicit stacks, so 10,000 {@code (} cost nothing; the tree depth
 * (alternating {@code |} and {@code ,} groups) is capped, where conda itself would hit Python's
 * recursion limit.
 */
final class CondaVersionSpecParser {
    /** Deepest alternation of and/or groups accepted; conda's recursion gives out at a few hundred. */
    static final int MAX_DEPTH = 200;

    private static final String KIND = CondaVersionSpec.KIND;
    private static final AnyVersion ANY = new AnyVersion();

    /** The spelled operators in conda's regex alternation order, which decides ambiguous prefixes. */
    private static final String[] OPERATORS = {"=", "==", "!=", "<=", ">=", "<", ">", "~="};

    private final String input;

    private CondaVersionSpecParser(String input) {
        this.input = input;
    }

    static CondaVersionSpec parse(String spec) {
        if (spec == null) {
            throw new InvalidSpecException(KIND, null, "no spec given");
        }
        CondaVersionSpecParser parser = new CondaVersionSpecParser(spec);
        if (!needsTree(spec)) {
            return parser.leaf(spec);
        }
        return parser.toSpec(parser.treeify(spec));
    }

    /**
     * conda's {@code regex_split_re = '.*[()|,^$]'} with {@code re.match}: one of those characters
     * before the first newline.
     */
    private static boolean needsTree(String spec) {
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '\n') {
                return false;
            }
            if ("()|,^$".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    // ---- treeify: infix expression to tree, by the shunting-yard algorithm conda uses ----

    /** A node of the expression tree: a leaf's text, or an operator with its children. */
    private static final class Expr {
        final String leaf;
        final char op;
        final List<Expr> children;
        final int depth;

        Expr(String leaf) {
            this.leaf = leaf;
            this.op = 0;
            this.children = null;
            this.depth = 0;
        }

        Expr(char op, List<Expr> children, int depth) {
            this.leaf = null;
            this.op = op;
            this.children = children;
            this.depth = depth;
        }
    }

    private Expr treeify(String spec) {
        String text = "(" + spec + ")";
        Deque<Expr> output = new ArrayDeque<>();
        Deque<Character> operators = new ArrayDeque<>();
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            // conda's tokens: "\s*\^[^$]*[$]" (a regex), "\s*[()|,]", or "[^()|,]+"; each slurps up
            // leading whitespace, which is stripped.
            int p = pos;
            while (p < n && PythonWhitespace.isSpace(text.charAt(p))) {
                p++;
            }
            String token;
            if (p < n && text.charAt(p) == '^' && text.indexOf('$', p + 1) >= 0) {
                int end = text.indexOf('$', p + 1) + 1;
                token = text.substring(pos, end);
                pos = end;
            } else if (p < n && "()|,".indexOf(text.charAt(p)) >= 0) {
                token = text.substring(pos, p + 1);
                pos = p + 1;
            } else {
                int end = pos;
                while (end < n && "()|,".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                token = text.substring(pos, end);
                pos = end;
            }
            String item = PythonWhitespace.strip(token);
            switch (item) {
                case "|":
                    applyOperators(output, operators, "(");
                    operators.push('|');
                    break;
                case ",":
                    applyOperators(output, operators, "|(");
                    operators.push(',');
                    break;
                case "(":
                    operators.push('(');
                    break;
                case ")":
                    applyOperators(output, operators, "(");
                    if (operators.isEmpty() || operators.peek() != '(') {
                        throw new InvalidSpecException(KIND, input, "expression must start with '('");
                    }
                    operators.pop();
                    break;
                default:
                    output.push(new Expr(item));
            }
        }
        if (!operators.isEmpty()) {
            throw new InvalidSpecException(KIND, input, "unable to convert to expression tree: unbalanced '('");
        }
        if (output.isEmpty()) {
            throw new InvalidSpecException(KIND, input, "unable to determine version from spec");
        }
        // conda returns the first expression and ignores any others ("1.0 (2.0)" reads as "1.0").
        return output.peekLast();
    }

    /** Pops operators of higher precedence than those in {@code stops}, fusing same-operator groups. */
    private void applyOperators(Deque<Expr> output, Deque<Character> operators, String stops) {
        while (!operators.isEmpty() && stops.indexOf(operators.peek()) < 0) {
            if (output.size() < 2) {
                throw new InvalidSpecException(KIND, input, "cannot join single expression");
            }
            char op = operators.pop();
            Expr right = output.pop();
            Expr left = output.pop();
            // conda fuses ('|', ('|', a, b), c) into ('|', a, b, c); a node is referenced only from the
            // output stack, so its child list can grow in place.
            List<Expr> children;
            int depth;
            if (left.op == op) {
                children = left.children;
                depth = left.depth;
            } else {
                children = new ArrayList<>();
                children.add(left);
                depth = left.depth + 1;
            }
            if (right.op == op) {
                children.addAll(right.children);
                depth = Math.max(depth, right.depth);
            } else {
                children.add(right);
                depth = Math.max(depth, right.depth + 1);
            }
            if (depth > MAX_DEPTH) {
                throw new InvalidSpecException(KIND, input, "groups nested deeper than " + MAX_DEPTH);
            }
            output.push(new Expr(op, children, depth));
        }
    }

    private CondaVersionSpec toSpec(Expr expr) {
        if (expr.leaf != null) {
            return leaf(expr.leaf);
        }
        List<CondaVersionSpec> specs = new ArrayList<>(expr.children.size());
        for (Expr child : expr.children) {
            specs.add(toSpec(child));
        }
        return expr.op == '|' ? new AnyOf(specs) : new AllOf(specs);
    }

    // ---- one leaf: conda's VersionSpec.get_matcher for a string ----

    private CondaVersionSpec leaf(String raw) {
        String spec = PythonWhitespace.strip(raw);
        if (spec.isEmpty()) {
            throw new InvalidSpecException(KIND, input, "empty version spec");
        }
        char first = spec.charAt(0);
        char last = spec.charAt(spec.length() - 1);
        if (first == '^' || last == '$') {
            if (first != '^' || last != '$') {
                throw new InvalidSpecException(KIND, input, "regex specs must start with '^' and end with '$'");
            }
            return new Regex(PythonRegex.compile(spec, KIND, input), spec);
        }
        if ("=<>!~".indexOf(first) >= 0) {
            return relation(spec);
        }
        if (spec.equals("*")) {
            return ANY;
        }
        if (PythonText.rstrip(spec, '*').indexOf('*') >= 0) {
            // A glob with an inner star: conda escapes only '.' and '+' and lets '*' match anything.
            String regex = "^(?:" + spec.replace(".", "\\.").replace("+", "\\+").replace("*", ".*") + ")$";
            return new Regex(PythonRegex.compile(regex, KIND, input), spec);
        }
        if (last == '*') {
            // "1.7*" is written as "1.7.*"; both mean: starts with 1.7.
            String written = spec.endsWith(".*") ? spec : spec.substring(0, spec.length() - 1) + ".*";
            String operand = PythonText.rstrip(PythonText.rstrip(written, '*'), '.');
            return new Comparison(Operator.STARTS_WITH, operand, version(operand), written);
        }
        if (spec.indexOf('@') < 0) {
            return new Comparison(Operator.EQUAL, spec, version(spec), spec);
        }
        return new ExactText(spec);
    }

    /**
     * An operator leaf. conda's rule is {@code ^(=|==|!=|<=|>=|<|>|~=)(?![=<>!~])(\S+)$}: no space
     * after the operator, no doubled or unknown operator ({@code <>1.2}, {@code ===1.2}).
     */
    private CondaVersionSpec relation(String spec) {
        String[] relation = splitRelation(spec);
        if (relation == null) {
            throw new InvalidSpecException(KIND, input, "invalid operator in '" + spec + "'");
        }
        return comparison(relation[0], relation[1], spec);
    }

    /**
     * Splits {@code spec} into operator and operand by conda's {@code version_relation_re}, or returns
     * null when it does not match.
     */
    static String[] splitRelation(String spec) {
        for (String symbol : OPERATORS) {
            if (!spec.startsWith(symbol) || spec.length() == symbol.length()) {
                continue;
            }
            String operand = spec.substring(symbol.length());
            if ("=<>!~".indexOf(operand.charAt(0)) >= 0 || containsSpace(operand)) {
                continue;
            }
            return new String[] {symbol, operand};
        }
        return null;
    }

    private CondaVersionSpec comparison(String symbol, String operand, String spec) {
        Operator op = operatorFor(symbol);
        if (operand.endsWith(".*")) {
            switch (op) {
                case STARTS_WITH:
                case GREATER_EQUAL:
                    break;
                case NOT_EQUAL:
                    op = Operator.NOT_STARTS_WITH;
                    break;
                case COMPATIBLE:
                    throw new InvalidSpecException(KIND, input, "invalid operator with '.*' in '" + spec + "'");
                default:
                    // conda warns that ".* with relational operator is superfluous" and ignores it.
                    break;
            }
            operand = operand.substring(0, operand.length() - 2);
        }
        CondaVersion version = version(operand);
        try {
            return new Comparison(op, operand, version, spec);
        } catch (InvalidVersionException e) {
            throw new InvalidSpecException(KIND, input,
                    "'" + spec + "' leaves no version to be compatible with (" + e.getMessage() + ")");
        }
    }

    static Operator operatorFor(String symbol) {
        switch (symbol) {
            case "==":
                return Operator.EQUAL;
            case "!=":
                return Operator.NOT_EQUAL;
            case "<":
                return Operator.LESS;
            case "<=":
                return Operator.LESS_EQUAL;
            case ">":
                return Operator.GREATER;
            case ">=":
                return Operator.GREATER_EQUAL;
            case "=":
                return Operator.STARTS_WITH;
            case "~=":
                return Operator.COMPATIBLE;
            default:
                throw new AssertionError(symbol);
        }
    }

    private static boolean containsSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (PythonWhitespace.isSpace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private CondaVersion version(String text) {
        try {
            return CondaVersion.parse(text);
        } catch (InvalidVersionException e) {
            throw new InvalidSpecException(KIND, input, e.getMessage());
        }
    }
}
