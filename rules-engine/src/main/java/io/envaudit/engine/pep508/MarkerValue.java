package io.envaudit.engine.pep508;

/** One side of a marker comparison: an environment variable or a string literal. */
record MarkerValue(boolean variable, String value) {

    static MarkerValue variable(String name) {
        return new MarkerValue(true, name);
    }

    static MarkerValue literal(String value) {
        return new MarkerValue(false, value);
    }

    /** As {@code packaging} prints it: variables bare, strings in double quotes. */
    String serialize() {
        return variable ? value : '"' + value + '"';
    }
}
