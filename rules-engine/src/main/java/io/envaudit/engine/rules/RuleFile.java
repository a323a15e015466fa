package io.envaudit.engine.rules;

import io.envaudit.engine.text.TextBytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The text of one rule file, the name it is reported under (the path as given), and the origin its
 * rules carry ({@code builtin:<pack>@<version>} for a shipped pack), or null for the loader's default.
 */
public record RuleFile(String name, String text, String origin) {

    public RuleFile(String name, String text) {
        this(name, text, null);
    }

    /**
     * Reads a text file ({@link TextBytes}: UTF-8, or UTF-16 with its byte order mark); bytes that are not text are a
     * {@link io.envaudit.engine.text.NotTextException} naming the file and the offset, not a garbled rule.
     */
    public static RuleFile read(Path path) throws IOException {
        return new RuleFile(path.toString(), TextBytes.decode(path.toString(), Files.readAllBytes(path)));
    }

    /**
     * Reads the files named, in order; a directory stands for the {@code *.yaml} and {@code *.yml} files
     * directly inside it, sorted by name.
     *
     * @throws java.nio.file.NoSuchFileException for a path that does not exist
     */
    public static List<RuleFile> readAll(List<Path> paths) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Path file : yamlFilesIn(path)) {
                    files.add(read(file));
                }
            } else {
                files.add(read(path));
            }
        }
        return files;
    }

    private static List<Path> yamlFilesIn(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children
                    .filter(child -> {
                        String name = child.getFileName().toString();
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }
}
