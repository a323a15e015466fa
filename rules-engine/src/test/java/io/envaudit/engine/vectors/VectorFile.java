package io.envaudit.engine.vectors;

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

        public String location() {
            return file.substring(file.lastIndexOf('/') + 1) + ":" + line;
        }
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
