package io.envaudit.engine.conda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the conda reference vectors under {@code vectors/conda/} with their escaping conventions. */
final class CondaVectors {
    private CondaVectors() {
    }

    /** A data line: its fields decoded, its line number, and its trailing {@code #} note if any. */
    record Row(int line, List<String> fields, String note) {
        String get(int i) {
            return i < fields.size() ? fields.get(i) : "";
        }

        @Override
        public String toString() {
            return "line " + line + ": " + fields;
        }
    }

    static List<String> rawLines(String file) {
        try (InputStream in = CondaVectors.class.getResourceAsStream("/vectors/conda/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing vector file " + file);
            }
            return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of a TSV or list file, comments and blank lines left out. */
    static List<Row> rows(String file) {
        List<Row> rows = new ArrayList<>();
        List<String> lines = rawLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            String note = null;
            for (String field : line.split("\t", -1)) {
                if (field.startsWith("#") && !fields.isEmpty()) {
                    note = field;
                    break;
                }
                fields.add(decode(field));
            }
            rows.add(new Row(i + 1, fields, note));
        }
        return rows;
    }

    /** {@code \x20} is a space, {@code \t} a tab, {@code <empty>} the empty string; other backslashes are literal. */
    static String decode(String value) {
        if (value.equals("<empty>")) {
            return "";
        }
        return value.replace("\\x20", " ").replace("\\t", "\t");
    }
}
