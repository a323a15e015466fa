package io.envaudit.agent.discover;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.envaudit.agent.read.IoMessages;
import io.envaudit.agent.read.ReadProblem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Environments that Jupyter kernels run in: each {@code kernels/<name>/kernel.json} in the layout's user and
 * system kernel folders names its interpreter first in {@code argv}; the environment is the folder above
 * its {@code bin/} ({@code Scripts\} on Windows) or the interpreter's own folder (a Windows conda prefix).
 * A bare {@code python} there means "whatever is on PATH" and names no environment.
 */
final class JupyterKernels {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JupyterKernels() {
    }

    static void find(Layout layout, Path root, List<Path> homes, Candidates candidates, List<ReadProblem> problems) {
        for (Path folder : layout.kernelFolders(root, homes)) {
            for (Path kernel : SubFolders.of(folder, "*", problems)) {
                Path spec = kernel.resolve("kernel.json");
                if (!Files.isRegularFile(spec)) {
                    continue;
                }
                try {
                    String interpreter = interpreter(spec);
                    Optional<Path> prefix = interpreter == null ? Optional.empty()
                            : layout.recorded(root, interpreter).flatMap(JupyterKernels::prefixOf);
                    prefix.flatMap(PrefixKind::of).ifPresent(candidates::add);
                } catch (IOException | InvalidPathException e) {
                    problems.add(new ReadProblem(spec, "cannot be read: "
                            + (e instanceof IOException io ? IoMessages.describe(io) : e.getMessage())));
                }
            }
        }
    }

    /** {@code argv[0]} of a kernel spec, or null. */
    static String interpreter(Path spec) throws IOException {
        try (JsonParser parser = JSON.createParser(spec.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("argv") && value == JsonToken.START_ARRAY) {
                    return parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        }
    }

    /** {@code /x/bin/python} and {@code C:\x\Scripts\python.exe} are in {@code /x}; {@code C:\x\python.exe} is too. */
    static Optional<Path> prefixOf(Path interpreter) {
        Path folder = interpreter.getParent();
        if (folder == null) {
            return Optional.empty();
        }
        String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
        return Optional.ofNullable(name.equals("bin") || name.equalsIgnoreCase("Scripts") ? folder.getParent() : folder);
    }
}
