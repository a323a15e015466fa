package io.envaudit.agent.discover;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.envaudit.agent.read.IoMessages;
import io.envaudit.agent.read.ReadProblem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Environments that Jupyter kernels run in: each {@code kernels/<name>/kernel.json} in the user and
 * system kernel folders names its interpreter first in {@code argv}; the environment is the folder above
 * its {@code bin/} ({@code Scripts\} on Windows) or the interpreter's own folder (a Windows conda prefix).
 * A bare {@code python} there means "whatever is on PATH" and names no environment.
 */
final class JupyterKernels {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JupyterKernels() {
    }

    static List<Path> kernelFolders(Path root, List<Path> homes) {
        List<Path> out = new ArrayList<>();
        for (Path home : homes) {
            out.add(home.resolve(".local/share/jupyter/kernels"));
            out.add(home.resolve("Library/Jupyter/kernels"));
            out.add(home.resolve("AppData/Roaming/jupyter/kernels"));
        }
        out.add(root.resolve("usr/local/share/jupyter/kernels"));
        out.add(root.resolve("usr/share/jupyter/kernels"));
        return out;
    }

    static void find(List<Path> kernelFolders, Candidates candidates, List<ReadProblem> problems) {
        for (Path folder : kernelFolders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            List<Path> specs = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, Files::isDirectory)) {
                stream.forEach(k -> specs.add(k.resolve("kernel.json")));
            } catch (IOException e) {
                problems.add(new ReadProblem(folder, "cannot be listed: " + IoMessages.describe(e)));
                continue;
            }
            specs.sort(null);
            for (Path spec : specs) {
                if (!Files.isRegularFile(spec)) {
                    continue;
                }
                try {
                    String interpreter = interpreter(spec);
                    Path prefix = interpreter == null ? null : prefixOf(Path.of(interpreter));
                    if (prefix != null) {
                        PrefixKind.of(prefix).ifPresent(candidates::add);
                    }
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
    static Path prefixOf(Path interpreter) {
        if (!interpreter.isAbsolute() || interpreter.getParent() == null) {
            return null;
        }
        Path folder = interpreter.getParent();
        String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
        return name.equals("bin") || name.equalsIgnoreCase("Scripts") ? folder.getParent() : folder;
    }
}
