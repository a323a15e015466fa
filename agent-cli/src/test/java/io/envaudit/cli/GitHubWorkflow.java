package io.envaudit.cli;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The GitHub Actions workflow of deploy/github-actions/, read as YAML: its one job and that job's steps. */
final class GitHubWorkflow {
    static final Path FILE = Path.of("../deploy/github-actions/envaudit.yml");

    final String text;
    final Map<String, Object> root;

    private GitHubWorkflow(String text, Map<String, Object> root) {
        this.text = text;
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static GitHubWorkflow read() throws IOException {
        String text = Files.readString(FILE);
        return new GitHubWorkflow(text, (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> job() {
        Map<String, Object> jobs = (Map<String, Object>) root.get("jobs");
        if (jobs.size() != 1) {
            throw new AssertionError("expected one job, found " + jobs.keySet());
        }
        return (Map<String, Object>) jobs.values().iterator().next();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps() {
        return (List<Map<String, Object>>) job().get("steps");
    }

    /** The step with this id, or else this name. */
    Map<String, Object> step(String idOrName) {
        return steps().stream().filter(s -> idOrName.equals(s.get("id")) || idOrName.equals(s.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + idOrName + " in " + FILE));
    }

    int indexOf(Map<String, Object> step) {
        return steps().indexOf(step);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> step) {
        return (Map<String, Object>) step.get("with");
    }
}
