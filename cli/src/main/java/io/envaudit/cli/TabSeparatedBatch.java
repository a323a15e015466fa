package io.envaudit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * The batch form shared by {@code version compare} and {@code spec match}: each input line is two
 * fields separated by a tab; each gives exactly one output line, in input order, either the answer or
 * {@code error: <message>}. A bad line never stops the batch.
 */
final class TabSeparatedBatch {
    private static final int BUFFER = 1 << 16;

    private TabSeparatedBatch() {
    }

    /** Returns the number of lines answered with an error. */
    static long run(InputStream in, OutputStream out, BiFunction<String, String, String> answer) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder buffer = new StringBuilder(BUFFER);
        long lineNumber = 0;
        long errors = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            String result;
            int tab = line.indexOf('\t');
            if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
                result = "error: line " + lineNumber + ": expected two fields separated by one tab";
            } else {
                try {
                    result = answer.apply(line.substring(0, tab), line.substring(tab + 1));
                } catch (IllegalArgumentException e) {
                    result = "error: " + e.getMessage();
                }
            }
            if (result.startsWith("error: ")) {
                errors++;
            }
            buffer.append(result).append('\n');
            // Flush when the buffer is full or the input pauses, so a co-process gets each answer at once.
            if (buffer.length() >= BUFFER || !reader.ready()) {
                writer.append(buffer);
                buffer.setLength(0);
            }
        }
        writer.append(buffer);
        writer.flush();
        return errors;
    }
}
