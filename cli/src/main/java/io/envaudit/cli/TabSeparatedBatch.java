package io.envaudit.cli;

import io.envaudit.engine.version.Quoting;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;

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

    /**
     * Returns the number of lines answered with an error. Lines end at LF (a CR before it is dropped, a
     * CR elsewhere is data), and a UTF-8 byte order mark at the start is skipped, so every input line
     * gets exactly one answer whatever editor wrote the file.
     */
    static long run(InputStream in, PrintWriter out, BiFunction<String, String, String> answer) throws IOException {
        LfLines lines = new LfLines(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder buffer = new StringBuilder(BUFFER);
        long lineNumber = 0;
        long errors = 0;
        String line;
        while ((line = lines.next()) != null) {
            lineNumber++;
            String result;
            int tab = line.indexOf('\t');
            if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
                result = "error: line " + lineNumber + ": expected two fields separated by one tab, got " + Quoting.quote(line);
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
            if (buffer.length() >= BUFFER || !lines.buffered()) {
                out.append(buffer).flush();
                buffer.setLength(0);
            }
        }
        out.append(buffer).flush();
        return errors;
    }

    /** Lines split at LF only, unlike {@code BufferedReader.readLine}, which also splits at a lone CR. */
    private static final class LfLines {
        private final Reader in;
        private final char[] chunk = new char[BUFFER];
        private int position;
        private int limit;
        private boolean first = true;

        LfLines(Reader in) {
            this.in = in;
        }

        /** True when more input is buffered, so an answer can wait for the next one. */
        boolean buffered() throws IOException {
            return position < limit || in.ready();
        }

        String next() throws IOException {
            StringBuilder line = null;
            while (true) {
                if (position == limit) {
                    limit = in.read(chunk, 0, chunk.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return line == null ? null : finish(line);
                    }
                }
                int start = position;
                while (position < limit && chunk[position] != '\n') {
                    position++;
                }
                if (line == null) {
                    line = new StringBuilder(Math.max(16, position - start));
                }
                line.append(chunk, start, position - start);
                if (position < limit) {
                    position++; // the LF
                    return finish(line);
                }
            }
        }

        private String finish(StringBuilder line) {
            if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                line.setLength(line.length() - 1);
            }
            if (first && line.length() > 0 && line.charAt(0) == '\uFEFF') {
                line.deleteCharAt(0);
            }
            first = false;
            return line.toString();
        }
    }
}
