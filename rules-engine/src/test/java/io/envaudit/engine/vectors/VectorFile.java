package io.envaudit.engine.vectors;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a test-vector data file: UTF-8 lines, {@code #} comments, blank lines skipped, columns separated by
 * tabs. Each row knows its file and line, so a failing vector names where it came from.
 */
public final class VectorFile {
    private VectorFile() {
    }

    /** A row of a vector file. */
    public record Row(String file, int line, String[] columns) {
        public String column(int i) {
            return i < columns.length ? columns[i] : "";
        }

        /** How a dynamic test shows the row: {@code file:line column | column ...}. */
        public String displayName() {
            return location() + " " + String.join(" | ", columns);
        }

        public String location() {
            return file.substring(file.lastIndexOf('/') + 1) + ":" + line;
        }

        /** Column {@code i} with the escapes of the PEP 440 / PEP 508 vectors undone (see {@link #unescape}). */
        public String value(int i) {
            return unescape(column(i));
        }
    }

    /**
     * Undoes the escapes the pypa/packaging vector files use (their PROVENANCE.md): {@code \t} TAB,
     * {@code \n} LF, {@code \r} CR, {@code \f} FF, {@code \v} VT, {@code \\} a backslash,
     * backslash-u and four hex digits any other character, {@code \x20} a space and {@code \x23} a {@code #}. Any other
     * backslash is an error, so that a mistyped escape cannot pass as literal text.
     */
    public static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 == field.length()) {
                throw new IllegalArgumentException("a lone backslash ends the field " + field);
            }
            char e = field.charAt(++i);
            switch (e) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(field.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'x' -> {
                    String hex = field.substring(i + 1, i + 3);
                    if (!hex.equals("20") && !hex.equals("23")) {
                        throw new IllegalArgumentException("unknown escape \\x" + hex + " in " + field);
                    }
                    out.append((char) Integer.parseInt(hex, 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + field);
            }
        }
        return out.toString();
    }

    /**
     * A dynamic test whose failure names its row: surefire reports dynamic tests by index only, so the
     * display name (file:line and input) is put in front of the failure message too.
     */
    public static DynamicTest dynamicTest(String name, Executable body) {
        return DynamicTest.dynamicTest(name, () -> {
            try {
                body.execute();
            } catch (Throwable failure) {
                throw new AssertionFailedError(name + " -- " + failure, failure);
            }
        });
    }

    /** {@code true} or {@code false}, nothing else: a typo in an expected answer must not read as false. */
    public static boolean bool(String field) {
        return switch (field) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, found '" + field + "'");
        };
    }

    /**
     * The data-row count a PROVENANCE.md table gives for {@code file} ({@code | file | rows | ... |}), so a
     * test can tell that every row of the file was read, none lost.
     */
    /**
     * One test per vector file of {@code dir}: it has as many rows as its folder's PROVENANCE.md says, so a
     * file cut short (or a row count misread) fails.
     *
     * @param columnsByFile each file and its column count (1 for plain lists, which have no header)
     */
    public static Stream<DynamicTest> rowCountsMatchProvenance(String dir, java.util.Map<String, Integer> columnsByFile) {
        return columnsByFile.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(f -> dynamicTest(f.getKey(), () -> org.junit.jupiter.api.Assertions.assertEquals(
                        documentedRows(dir + "PROVENANCE.md", f.getKey()), rows(dir + f.getKey(), f.getValue()).count())));
    }

    public static int documentedRows(String provenanceResource, String file) {
        try (InputStream in = VectorFile.class.getResourceAsStream(provenanceResource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + provenanceResource);
            }
            String prefix = "| " + file + " | ";
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith(prefix)) {
                    String count = line.substring(prefix.length(), line.indexOf(" |", prefix.length()));
                    return Integer.parseInt(count.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(provenanceResource + " gives no row count for " + file);
    }

    /** The rows of {@code resource}; the first non-comment line is a header when {@code columns > 1}. */
    public static Stream<Row> rows(String resource, int columns) {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = VectorFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test vectors " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            boolean headerSeen = columns <= 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    headerSeen = true;
                    continue;
                }
                rows.add(new Row(resource, number, line.split("\t", -1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.stream();
    }
}
