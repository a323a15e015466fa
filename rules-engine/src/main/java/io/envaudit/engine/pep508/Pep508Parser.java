package io.envaudit.engine.pep508;

import io.envaudit.engine.names.PackageName;
import io.envaudit.engine.pep440.Pep440SpecifierSet;
import io.envaudit.engine.pep508.Pep508Tokenizer.Kind;
import io.envaudit.engine.version.InvalidSpecException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over the PEP 508 grammar, one method per rule; each method's comment is its rule.
 * Nesting is bounded so that hostile input ends in an error, not a stack overflow.
 */
final class Pep508Parser {
    private static final int MAX_NESTING = 100;

    private final Pep508Tokenizer tokens;
    private final String kind;
    private int depth;

    private Pep508Parser(String source, String kind) {
        this.tokens = new Pep508Tokenizer(source, kind);
        this.kind = kind;
    }

    static Requirement requirement(String source) {
        return new Pep508Parser(source, Requirement.KIND).requirement();
    }

    static Marker marker(String source) {
        Pep508Parser parser = new Pep508Parser(source, Marker.KIND);
        MarkerNode.Group root = normalizeLeadingExtra(parser.markerExpression());
        parser.tokens.expect(Kind.END, "end of marker");
        return new Marker(source, root);
    }

    /** requirement = WS? IDENTIFIER WS? extras WS? requirement_details END */
    private Requirement requirement() {
        tokens.accept(Kind.WS);
        String name = tokens.expect(Kind.IDENTIFIER, "a package name at the start");
        tokens.accept(Kind.WS);
        Set<String> extras = extras();
        tokens.accept(Kind.WS);
        String url = null;
        String specifier = "";
        MarkerNode.Group marker = null;
        // requirement_details = AT WS? URL (WS requirement_marker?)? | specifier WS? requirement_marker?
        if (tokens.accept(Kind.AT) != null) {
            tokens.accept(Kind.WS);
            url = tokens.expect(Kind.URL, "a URL after @");
            if (!tokens.check(Kind.END)) {
                tokens.expect(Kind.WS, "white space after the URL");
                if (!tokens.check(Kind.END)) {
                    marker = requirementMarker("the URL and white space");
                }
            }
            DirectReference.check(tokens, url);
        } else {
            specifier = specifier();
            tokens.accept(Kind.WS);
            if (!tokens.check(Kind.END)) {
                marker = requirementMarker(specifier.isEmpty() ? "the name and no valid version specifier" : "the version specifier");
            }
        }
        tokens.expect(Kind.END, "end of the requirement");
        String source = tokens.source();
        return new Requirement(name, extras, Pep440SpecifierSet.parse(specifier), url,
                marker == null ? null : new Marker(source, normalizeLeadingExtra(marker)));
    }

    /**
     * PEP 685 has extra names compared normalized. Evaluation normalizes both sides; {@code packaging}
     * also rewrites the literal in the marker's first comparison (only that one), which shows in
     * {@code str()}: we do the same so the printed form matches.
     */
    private static MarkerNode.Group normalizeLeadingExtra(MarkerNode.Group root) {
        if (!(root.atoms().get(0) instanceof MarkerNode.Comparison first)) {
            return root;
        }
        MarkerValue lhs = first.lhs();
        MarkerValue rhs = first.rhs();
        if (lhs.variable() && lhs.value().equals(MarkerEnvironment.EXTRA)) {
            rhs = MarkerValue.literal(PackageName.normalize(rhs.value()));
        } else if (rhs.variable() && rhs.value().equals(MarkerEnvironment.EXTRA)) {
            lhs = MarkerValue.literal(PackageName.normalize(lhs.value()));
        } else {
            return root;
        }
        List<MarkerNode> atoms = new ArrayList<>(root.atoms());
        atoms.set(0, new MarkerNode.Comparison(lhs, first.op(), rhs));
        return new MarkerNode.Group(List.copyOf(atoms), root.ops());
    }

    /** requirement_marker = SEMICOLON marker WS? */
    private MarkerNode.Group requirementMarker(String after) {
        if (tokens.accept(Kind.SEMICOLON) == null) {
            throw tokens.error("expected the end or a semicolon after " + after);
        }
        MarkerNode.Group marker = markerExpression();
        tokens.accept(Kind.WS);
        return marker;
    }

    /** extras = (LEFT_BRACKET WS? extras_list? WS? RIGHT_BRACKET)? ; extras_list = IDENTIFIER (WS? COMMA WS? IDENTIFIER)* */
    private Set<String> extras() {
        Set<String> extras = new LinkedHashSet<>();
        if (tokens.accept(Kind.LEFT_BRACKET) == null) {
            return extras;
        }
        tokens.accept(Kind.WS);
        String first = tokens.accept(Kind.IDENTIFIER);
        if (first != null) {
            extras.add(first);
            while (true) {
                tokens.accept(Kind.WS);
                if (tokens.check(Kind.IDENTIFIER)) {
                    throw tokens.error("expected a comma between extra names");
                }
                if (tokens.accept(Kind.COMMA) == null) {
                    break;
                }
                tokens.accept(Kind.WS);
                extras.add(tokens.expect(Kind.IDENTIFIER, "an extra name after the comma"));
            }
        }
        tokens.accept(Kind.WS);
        tokens.expect(Kind.RIGHT_BRACKET, "a closing ]");
        return extras;
    }

    /** specifier = LEFT_PARENTHESIS WS? version_many WS? RIGHT_PARENTHESIS | WS? version_many WS? */
    private String specifier() {
        boolean parenthesized = tokens.accept(Kind.LEFT_PARENTHESIS) != null;
        tokens.accept(Kind.WS);
        // version_many = (SPECIFIER (WS? COMMA WS? SPECIFIER)*)?
        StringBuilder specifiers = new StringBuilder();
        String clause;
        while ((clause = tokens.accept(Kind.SPECIFIER)) != null) {
            specifiers.append(clause);
            tokens.accept(Kind.WS);
            String comma = tokens.accept(Kind.COMMA);
            if (comma == null) {
                break;
            }
            specifiers.append(comma);
            tokens.accept(Kind.WS);
        }
        tokens.accept(Kind.WS);
        if (parenthesized) {
            tokens.expect(Kind.RIGHT_PARENTHESIS, "a closing )");
        }
        return specifiers.toString();
    }

    /** marker = marker_atom (BOOLOP marker_atom)* */
    private MarkerNode.Group markerExpression() {
        if (++depth > MAX_NESTING) {
            throw tokens.error("markers nested deeper than " + MAX_NESTING + " levels");
        }
        List<MarkerNode> atoms = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        atoms.add(markerAtom());
        String op;
        while ((op = tokens.accept(Kind.BOOLOP)) != null) {
            ops.add(op);
            atoms.add(markerAtom());
        }
        depth--;
        return new MarkerNode.Group(List.copyOf(atoms), List.copyOf(ops));
    }

    /** marker_atom = WS? LEFT_PARENTHESIS WS? marker WS? RIGHT_PARENTHESIS WS? | WS? marker_item WS? */
    private MarkerNode markerAtom() {
        tokens.accept(Kind.WS);
        MarkerNode atom;
        if (tokens.accept(Kind.LEFT_PARENTHESIS) != null) {
            tokens.accept(Kind.WS);
            atom = markerExpression();
            tokens.accept(Kind.WS);
            tokens.expect(Kind.RIGHT_PARENTHESIS, "a closing )");
        } else {
            atom = markerItem();
        }
        tokens.accept(Kind.WS);
        return atom;
    }

    /** marker_item = WS? marker_var WS? marker_op WS? marker_var WS? */
    private MarkerNode.Comparison markerItem() {
        tokens.accept(Kind.WS);
        MarkerValue lhs = markerVar();
        tokens.accept(Kind.WS);
        String op = markerOp();
        tokens.accept(Kind.WS);
        MarkerValue rhs = markerVar();
        tokens.accept(Kind.WS);
        return new MarkerNode.Comparison(lhs, op, rhs);
    }

    /** marker_var = VARIABLE | QUOTED_STRING */
    private MarkerValue markerVar() {
        String variable = tokens.accept(Kind.VARIABLE);
        if (variable != null) {
            String name = variable.replace('.', '_');
            return MarkerValue.variable(name.equals("python_implementation") ? "platform_python_implementation" : name);
        }
        String quoted = tokens.accept(Kind.QUOTED_STRING);
        if (quoted != null) {
            String value = PythonStringLiteral.value(quoted);
            if (value == null) {
                throw new InvalidSpecException(kind, tokens.source(), "bad escape or line break in the string " + quoted);
            }
            return MarkerValue.literal(value);
        }
        throw tokens.error("expected a marker variable or a quoted string");
    }

    /** marker_op = IN | NOT WS IN | OP */
    private String markerOp() {
        if (tokens.accept(Kind.IN) != null) {
            return "in";
        }
        if (tokens.accept(Kind.NOT) != null) {
            tokens.expect(Kind.WS, "white space after 'not'");
            tokens.expect(Kind.IN, "'in' after 'not'");
            return "not in";
        }
        String op = tokens.accept(Kind.OP);
        if (op == null) {
            throw tokens.error("expected a marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
        }
        return op;
    }
}
