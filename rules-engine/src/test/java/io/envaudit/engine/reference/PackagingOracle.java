package io.envaudit.engine.reference;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Python's {@code packaging} 23.0 (Debian's python3-packaging under /usr/bin/python3), asked in one batch
 * through {@code oracle/packaging_oracle.py}. CI installs it, so there a missing oracle fails the build;
 * elsewhere the differential tests are skipped with a message saying how to get it.
 */
final class PackagingOracle {
    static final Path PYTHON = Path.of(System.getenv().getOrDefault("ENVAUDIT_ORACLE_PYTHON", "/usr/bin/python3"));
    static final String EXPECTED_VERSION = "packaging 23.0";

    private PackagingOracle() {
    }

    /** One answer per question, in order. */
    static List<String> ask(List<String> questions) throws IOException, InterruptedException {
        requireOracle();
        Path script = Files.createTempFile("packaging_oracle", ".py");
        try (InputStream in = PackagingOracle.class.getResourceAsStream("/oracle/packaging_oracle.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (Writer out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                for (String question : questions) {
                    out.write(escape(question));
                    out.write('\n');
                }
            } catch (IOException e) {
                throw new IllegalStateException("writing to the oracle", e);
            }
        });
        List<String> answers = new ArrayList<>(questions.size());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String banner = in.readLine();
            if (!EXPECTED_VERSION.equals(banner)) {
                throw new IllegalStateException("the oracle is '" + banner + "', expected '" + EXPECTED_VERSION + "'");
            }
            String line;
            while ((line = in.readLine()) != null) {
                answers.add(unescape(line));
            }
        }
        writer.join();
        if (process.waitFor() != 0 || answers.size() != questions.size()) {
            throw new IllegalStateException("the oracle answered " + answers.size() + " of " + questions.size() + " questions");
        }
        Files.deleteIfExists(script);
        return answers;
    }

    /**
     * Questions and answers may hold line breaks (a URL is anything but space and tab), and each side's
     * line reader would split at some: both sides write \\, \n and \r as backslash escapes.
     */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                out.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void requireOracle() throws IOException, InterruptedException {
        boolean present = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import packaging").start().waitFor() == 0;
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(PYTHON + " with packaging is missing: .ci/run installs python3-packaging");
        }
        Assumptions.assumeTrue(present, "differential tests need Debian's python3-packaging (apt-get install python3-packaging)");
    }
}
