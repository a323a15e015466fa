package io.envaudit.agent.config;

import io.envaudit.agent.host.OsFamily;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AgentConfigReaderTest {
    private final AgentConfigReader reader = new AgentConfigReader(Path.of("/home/ana"));

    @Test
    void readsEverySetting() throws AgentConfigException {
        AgentConfig config = reader.parse("""
                labels: {team: ml-vision, site: lon}
                homes: [/home/ana, /srv/home/bo]
                conda_roots: [~/tools/conda]
                venv_roots: [~/projects]
                venv_depth: 3
                include: ["/home/**"]
                exclude: ["**/.tox/**"]
                time_budget: 90s
                nvidia_smi: /usr/local/bin/nvidia-smi
                system_python: false
                layout: windows
                root: /mnt/c
                """, "agent.yaml");
        assertEquals(new AgentConfig(Map.of("team", "ml-vision", "site", "lon"), List.of(Path.of("/home/ana"), Path.of("/srv/home/bo")),
                List.of(Path.of("/home/ana/tools/conda")), List.of(Path.of("/home/ana/projects")), 3, List.of("/home/**"),
                List.of("**/.tox/**"), Duration.ofSeconds(90), Path.of("/usr/local/bin/nvidia-smi"), false, OsFamily.WINDOWS,
                Path.of("/mnt/c")), config);
    }

    @Test
    void anEmptyFileIsTheDefaults() throws AgentConfigException {
        assertEquals(AgentConfig.defaults(), reader.parse("# nothing yet\n", "agent.yaml"));
    }

    @Test
    void mistakesNameFileLineColumnAndKey() {
        assertEquals("agent.yaml:2:1: unknown key 'venv_dept'; known keys: conda_roots, exclude, homes, include, labels, "
                        + "layout, nvidia_smi, root, system_python, time_budget, venv_depth, venv_roots",
                assertThrows(AgentConfigException.class, () -> reader.parse("labels: {}\nvenv_dept: 3\n", "agent.yaml")).getMessage());
        assertEquals("agent.yaml:1:14: time_budget: expected a duration such as 30s, 500ms, 5m or 1h, found 'soon'",
                assertThrows(AgentConfigException.class, () -> reader.parse("time_budget: soon\n", "agent.yaml")).getMessage());
        assertEquals("agent.yaml:1:13: venv_depth: expected a whole number from 0 to 20, found '99'",
                assertThrows(AgentConfigException.class, () -> reader.parse("venv_depth: 99\n", "agent.yaml")).getMessage());
        assertEquals("agent.yaml:1:9: layout: expected linux, macos or windows, found 'darwin'",
                assertThrows(AgentConfigException.class, () -> reader.parse("layout: darwin\n", "agent.yaml")).getMessage());
        assertEquals("agent.yaml:1:8: homes: expected a list",
                assertThrows(AgentConfigException.class, () -> reader.parse("homes: /home\n", "agent.yaml")).getMessage());
        assertEquals("agent.yaml:1:1: expected a mapping of settings",
                assertThrows(AgentConfigException.class, () -> reader.parse("- a\n", "agent.yaml")).getMessage());
    }

    /**
     * Invalid YAML is reported where it can be fixed: an unclosed bracket where it opens (SnakeYAML notices one only
     * where the text can no longer belong to it, here the line after), anything else where the parser stopped.
     */
    @Test
    void invalidYamlIsReportedWhereItCanBeFixed() {
        assertEquals("agent.yaml:2:9: not valid YAML: the '[' is not closed (at line 3, column 12: expected ',' or ']', but got :)",
                assertThrows(AgentConfigException.class, () -> reader.parse("labels:\n  team: [ml, vision\ntime_budget: 30s\n",
                        "agent.yaml")).getMessage());
        assertEquals("agent.yaml:2:11: not valid YAML: mapping values are not allowed here",
                assertThrows(AgentConfigException.class, () -> reader.parse("labels:\n  team: ml: vision\n", "agent.yaml")).getMessage());
    }
}
