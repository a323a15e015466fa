package io.envaudit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The two forms shared by {@code version compare} and {@code spec match}: one question from two
 * arguments, or a batch on stdin where each line is two fields separated by a tab and gives exactly one
 * output line, in input order: the answer or {@code error: <message>}. A bad line never stops a batch.
 */
final class TabSeparatedBatch {
    private static final int BUFFER = 1 << 16;

    private TabSeparatedBatch() {
    }

    /** Answers the arguments, or stdin when there are none; returns the exit code (2 on a usage or input error). */
    static int answer(List<String> arguments, String usage, InputStream in, PrintWriter out, PrintWriter err,
                      BiFunction<String, String, String> answer) throws IOException {
        switch (arguments.size()) {
            case 0 -> {
                run(in, out, answer);
                return 0;
            }
            case 2 -> {
                try {
                    out.println(answer.apply(arguments.get(0), arguments.get(1)));
                    out.flush();
                    return 0;
                } catch (IllegalArgumentException e) {
                    err.println("error: " + e.getMessage());
                    err.flush();
                    return 2;
                }
            }
            default -> {
                err.println("error: " + usage);
                err.flush();
                return 2;
            }
        }
    }

    /** Returns the number of lines answered with an error. */
    static long run(InputStream in, PrintWriter out, BiFunction<String, String, String> answer) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
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
                out.append(buffer).flush();
                buffer.setLength(0);
            }
        }
        out.append(buffer).flush();
        return errors;
    }
}
