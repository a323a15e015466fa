package io.envaudit.router.config;

import io.envaudit.engine.text.IoFailures;
import io.envaudit.engine.version.Quoting;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the secrets a routes file points to: an environment variable ({@code url_env}) or a file
 * ({@code url_file}, relative to the routes file's directory). Messages name the variable or the file,
 * never the value.
 */
final class SecretReader {
    private final Map<String, String> environment;
    private final Path directory;

    SecretReader(Map<String, String> environment, Path directory) {
        this.environment = Map.copyOf(environment);
        this.directory = directory;
    }

    /** The variable's value, or null (reported) when it is not set or empty. */
    Secret fromVariable(Node nameNode, String name, String what, YamlReader reader) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            reader.error(nameNode, "environment variable " + Quoting.quote(name) + " (" + what + ") is "
                    + (value == null ? "not set" : "empty"));
            return null;
        }
        return new Secret(value.strip(), "$" + name);
    }

    /** The file's content without surrounding white space (a final newline), or null (reported). */
    Secret fromFile(Node pathNode, String path, String what, YamlReader reader) {
        Path file = directory.resolve(path);
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            reader.error(pathNode, "cannot read " + file + " (" + what + "): " + IoFailures.describe(e));
            return null;
        }
        if (value.isEmpty()) {
            reader.error(pathNode, file + " (" + what + ") is empty");
            return null;
        }
        return new Secret(value, "file " + file);
    }
}
