package io.envaudit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The batch both engines are timed on: lines {@code SPEC<TAB>VERSION} from {@code spec-batch.tsv}, made
 * from real {@code Requires-Dist} pins and installed versions (see the file's header). The Python side
 * ({@code python_packaging_baseline.py}) reads the same file.
 */
final class SpecMatchingBatch {
    static final Path DEFAULT_FILE = Path.of("benchmarks", "spec-batch.tsv");

    private SpecMatchingBatch() {
    }

    static List<String[]> load() {
        Path file = Path.of(System.getProperty("envaudit.batch", DEFAULT_FILE.toString()));
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\t", 2))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the benchmark batch " + file.toAbsolutePath(), e);
        }
    }
}
