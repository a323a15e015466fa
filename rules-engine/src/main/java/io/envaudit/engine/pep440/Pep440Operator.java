package io.envaudit.engine.pep440;

/** The comparison operators of PEP 440 version specifiers. */
public enum Pep440Operator {
    ARBITRARY("==="),
    COMPATIBLE("~="),
    EQUAL("=="),
    NOT_EQUAL("!="),
    LESS_EQUAL("<="),
    GREATER_EQUAL(">="),
    LESS("<"),
    GREATER(">");

    private final String symbol;

    Pep440Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** The operator the text starts with, longest first ({@code ===} before {@code ==}), or null. */
    static Pep440Operator prefixOf(String text) {
        for (Pep440Operator operator : values()) {
            if (text.startsWith(operator.symbol)) {
                return operator;
            }
        }
        return null;
    }
}
