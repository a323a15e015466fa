package io.envaudit.agent.config;

import io.envaudit.agent.host.OsFamily;
import io.envaudit.engine.text.IoFailures;
import io.envaudit.engine.yaml.YamlSyntaxError;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the agent's YAML configuration strictly: an unknown key, a wrong type or a bad value is an error
 * naming the file, line, column and key. A leading {@code ~/} in a path is the home of the user the agent
 * runs as.
 */
public final class AgentConfigReader {
    private static final Set<String> KEYS = Set.of("labels", "homes", "conda_roots", "venv_roots", "venv_depth",
            "include", "exclude", "time_budget", "nvidia_smi", "system_python", "layout", "root");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final Path home;

    /** @param home what {@code ~} stands for */
    public AgentConfigReader(Path home) {
        this.home = home;
    }

    public AgentConfig read(Path file) throws AgentConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AgentConfigException("cannot read the agent configuration " + file + ": " + IoFailures.describe(e));
        }
        return parse(text, file.toString());
    }

    AgentConfig parse(String text, String fileName) throws AgentConfigException {
        Optional<Node> document;
        try {
            document = new Compose(LoadSettings.builder().setLabel(fileName).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            YamlSyntaxError error = YamlSyntaxError.of(e, text);
            throw new AgentConfigException(error.where(fileName) + ": not valid YAML: " + error.message());
        } catch (YamlEngineException e) {
            throw new AgentConfigException(fileName + ":1:1: not valid YAML: " + e.getMessage());
        }
        AgentConfig defaults = AgentConfig.defaults();
        if (document.isEmpty()) {
            return defaults;
        }
        if (!(document.get() instanceof MappingNode settings)) {
            throw new AgentConfigException(at(fileName, document.get()) + ": expected a mapping of settings");
        }
        Map<String, String> labels = defaults.labels();
        List<Path> homes = defaults.homes();
        List<Path> condaRoots = defaults.condaRoots();
        List<Path> venvRoots = defaults.venvRoots();
        int venvDepth = defaults.venvDepth();
        List<String> include = defaults.include();
        List<String> exclude = defaults.exclude();
        Duration timeBudget = defaults.timeBudget();
        Path nvidiaSmi = defaults.nvidiaSmi();
        boolean systemPython = defaults.systemPython();
        OsFamily layout = defaults.layout();
        Path fileSystemRoot = defaults.root();
        for (NodeTuple tuple : settings.getValue()) {
            String key = scalar(fileName, tuple.getKeyNode(), "a setting");
            Node value = tuple.getValueNode();
            String where = at(fileName, value) + ": " + key;
            switch (key) {
                case "labels" -> labels = labels(fileName, value, where);
                case "homes" -> homes = paths(fileName, value, where);
                case "conda_roots" -> condaRoots = paths(fileName, value, where);
                case "venv_roots" -> venvRoots = paths(fileName, value, where);
                case "venv_depth" -> venvDepth = depth(scalar(fileName, value, key), where);
                case "include" -> include = strings(fileName, value, where);
                case "exclude" -> exclude = strings(fileName, value, where);
                case "time_budget" -> timeBudget = duration(scalar(fileName, value, key), where);
                case "nvidia_smi" -> nvidiaSmi = path(scalar(fileName, value, key));
                case "system_python" -> systemPython = bool(scalar(fileName, value, key), where);
                case "layout" -> layout = layout(scalar(fileName, value, key), where);
                case "root" -> fileSystemRoot = path(scalar(fileName, value, key));
                default -> throw new AgentConfigException(at(fileName, tuple.getKeyNode()) + ": unknown key '" + key
                        + "'; known keys: " + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        return new AgentConfig(labels, homes, condaRoots, venvRoots, venvDepth, include, exclude, timeBudget,
                nvidiaSmi, systemPython, layout, fileSystemRoot);
    }

    private Path path(String text) {
        if (text.equals("~")) {
            return home;
        }
        return text.startsWith("~/") ? home.resolve(text.substring(2)) : Path.of(text);
    }

    private List<Path> paths(String fileName, Node node, String where) throws AgentConfigException {
        List<Path> out = new ArrayList<>();
        for (String s : strings(fileName, node, where)) {
            out.add(path(s));
        }
        return out;
    }

    private static List<String> strings(String fileName, Node node, String where) throws AgentConfigException {
        if (!(node instanceof SequenceNode sequence)) {
            throw new AgentConfigException(where + ": expected a list");
        }
        List<String> out = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            out.add(scalar(fileName, item, where.substring(where.lastIndexOf(": ") + 2) + " item"));
        }
        return out;
    }

    private static Map<String, String> labels(String fileName, Node node, String where) throws AgentConfigException {
        if (!(node instanceof MappingNode mapping)) {
            throw new AgentConfigException(where + ": expected a mapping of label names to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String name = scalar(fileName, tuple.getKeyNode(), "a label name");
            out.put(name, scalar(fileName, tuple.getValueNode(), "labels." + name));
        }
        return out;
    }

    private static String scalar(String fileName, Node node, String what) throws AgentConfigException {
        if (!(node instanceof ScalarNode scalar)) {
            throw new AgentConfigException(at(fileName, node) + ": " + what + ": expected a single value");
        }
        return scalar.getValue();
    }

    private static int depth(String text, String where) throws AgentConfigException {
        try {
            int depth = Integer.parseInt(text);
            if (depth >= 0 && depth <= 20) {
                return depth;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AgentConfigException(where + ": expected a whole number from 0 to 20, found '" + text + "'");
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
    static Duration duration(String text, String where) throws AgentConfigException {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new AgentConfigException(where + ": expected a duration such as 30s, 500ms, 5m or 1h, found '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero()) {
            throw new AgentConfigException(where + ": must be more than zero");
        }
        return duration;
    }

    private static OsFamily layout(String text, String where) throws AgentConfigException {
        return OsFamily.named(text).orElseThrow(() -> new AgentConfigException(where
                + ": expected linux, macos or windows, found '" + text + "'"));
    }

    private static boolean bool(String text, String where) throws AgentConfigException {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new AgentConfigException(where + ": expected true or false, found '" + text + "'");
        };
    }

    private static String at(String fileName, Node node) {
        return at(fileName, node.getStartMark().orElse(null));
    }

    private static String at(String fileName, Mark mark) {
        return mark == null ? fileName : fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }
}
