package io.envaudit.router.config;

import io.envaudit.engine.text.IoFailures;
import io.envaudit.engine.yaml.YamlSyntaxError;
import io.envaudit.engine.yaml.YamlValues;
import io.envaudit.router.routing.Route;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a routes file (docs/router.md): the receivers, then the routing tree that names them. Every
 * problem is reported with its {@code file:line:column}; secrets are read from the variables and files
 * the file names, and never quoted.
 */
public final class RoutesFile {
    private static final List<String> TOP_LEVEL_KEYS = List.of("route", "receivers", "group_window");
    static final Duration DEFAULT_GROUP_WINDOW = Duration.ofSeconds(30);

    private RoutesFile() {
    }

    /**
     * @param environment the variables {@code url_env} and {@code token_env} name (the process's, in production)
     */
    public static RoutesConfig load(Path file, Map<String, String> environment) throws RoutesFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RoutesFileException(List.of(file + ": cannot read the routes file: " + IoFailures.describe(e)));
        }
        Path directory = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, new SecretReader(environment, directory), new CaFileReader(directory));
    }

    private static RoutesConfig parse(String fileName, String text, SecretReader secrets, CaFileReader caFiles)
            throws RoutesFileException {
        YamlReader reader = new YamlReader(fileName);
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(fileName).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            YamlSyntaxError error = YamlSyntaxError.of(e, text);
            throw new RoutesFileException(List.of(error.where(fileName) + ": invalid YAML: " + error.message()));
        } catch (YamlEngineException e) {
            throw new RoutesFileException(List.of(fileName + ":1:1: invalid YAML: " + e.getMessage()));
        }
        if (root.isEmpty() || YamlValues.isNull(root.get())) {
            throw new RoutesFileException(List.of(fileName + ":1:1: the routes file is empty: it needs 'receivers' and 'route'"));
        }
        RoutesConfig config = read(fileName, root.get(), reader, secrets, caFiles);
        if (!reader.problems().isEmpty()) {
            throw new RoutesFileException(reader.problems());
        }
        return config;
    }

    private static RoutesConfig read(String fileName, Node root, YamlReader reader, SecretReader secrets, CaFileReader caFiles) {
        Map<String, NodeTuple> sections = reader.mapping(root, "a routes file", TOP_LEVEL_KEYS);
        if (sections == null) {
            return null;
        }
        for (String required : List.of("receivers", "route")) {
            if (!sections.containsKey(required)) {
                reader.error(root, "a routes file needs '" + required + "'");
            }
        }
        Duration groupWindow = sections.containsKey("group_window")
                ? reader.duration(sections.get("group_window").getValueNode(), "'group_window'") : DEFAULT_GROUP_WINDOW;
        ReceiverReader receivers = new ReceiverReader(reader, secrets, caFiles, groupWindow == null ? DEFAULT_GROUP_WINDOW : groupWindow);
        Map<String, ReceiverConfig> read = sections.containsKey("receivers")
                ? receivers.readAll(sections.get("receivers").getValueNode()) : Map.of();
        if (!sections.containsKey("route")) {
            return null;
        }
        // a receiver with a problem of its own is still a name routes may use: no second error for it
        Route route = new RouteReader(reader, receivers.declared()).readRoot(sections.get("route").getValueNode());
        return route == null ? null : new RoutesConfig(fileName, route, read);
    }
}
