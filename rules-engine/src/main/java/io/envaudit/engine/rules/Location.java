package io.envaudit.engine.rules;

/** A place in a rule file, with line and column counted from 1 as editors show them. */
record Location(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
