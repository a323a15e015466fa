package io.envaudit.router.config;

import java.util.List;

/**
 * A routes file that cannot be used: every problem found, each {@code file:line:column: message}, one
 * per line in the message.
 */
public final class RoutesFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RoutesFileException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
