package io.envaudit.cli;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The pre-commit hook this repository offers: its manifest, .pre-commit-hooks.yaml at the root, read as YAML. */
final class PreCommitHook {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path MANIFEST = ROOT.resolve(".pre-commit-hooks.yaml");

    final Map<String, Object> hook;

    private PreCommitHook(Map<String, Object> hook) {
        this.hook = hook;
    }

    /** The manifest's hooks; this repository has one. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> manifest() throws IOException {
        return (List<Map<String, Object>>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(MANIFEST));
    }

    static PreCommitHook read() throws IOException {
        List<Map<String, Object>> hooks = manifest();
        if (hooks.size() != 1) {
            throw new AssertionError("expected one hook in " + MANIFEST + ", found " + hooks.size());
        }
        return new PreCommitHook(hooks.get(0));
    }

    /** The script pre-commit runs: the entry's first word, a path in this repository. */
    Path script() {
        return ROOT.resolve(entryWords().get(0));
    }

    /** The arguments the entry gives the script, before the hook's {@code args} and the files. */
    List<String> entryArguments() {
        return entryWords().subList(1, entryWords().size());
    }

    private List<String> entryWords() {
        return List.of(((String) hook.get("entry")).strip().split("\\s+"));
    }

    /** Whether pre-commit passes a staged file to the hook: its {@code files} pattern, searched as Python's re.search does. */
    boolean takes(String path) {
        return Pattern.compile((String) hook.get("files")).matcher(path).find();
    }
}
