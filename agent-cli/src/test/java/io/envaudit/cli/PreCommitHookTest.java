package io.envaudit.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-commit hook manifest: pre-commit's format, a script entry, and which staged files it takes. */
class PreCommitHookTest {
    /** The keys pre-commit's hook manifest format has (pre-commit.com, "Creating new hooks"). */
    private static final Set<String> MANIFEST_KEYS = Set.of("id", "name", "entry", "language", "files", "exclude", "types",
            "types_or", "exclude_types", "always_run", "fail_fast", "verbose", "pass_filenames", "require_serial",
            "description", "language_version", "minimum_pre_commit_version", "args", "stages");

    @Test
    void theManifestDeclaresOneScriptHookWithPreCommitsKeys() throws Exception {
        PreCommitHook hook = PreCommitHook.read();
        assertTrue(MANIFEST_KEYS.containsAll(hook.hook.keySet()), hook.hook.keySet().toString());
        assertEquals("envaudit-audit", hook.hook.get("id"));
        assertEquals("envaudit audit", hook.hook.get("name"));
        assertEquals("script", hook.hook.get("language"));
        assertEquals(true, hook.hook.get("pass_filenames"));
        assertEquals(true, hook.hook.get("require_serial"));
        assertEquals(PreCommitHook.ROOT.resolve("bin/envaudit-agent"), hook.script());
        assertEquals(List.of("audit"), hook.entryArguments());
        assertTrue(Files.isRegularFile(hook.script()) && Files.isExecutable(hook.script()), hook.script() + " is an executable file");
        assertTrue(Files.readString(hook.script()).startsWith("#!/usr/bin/env bash\n"), "pre-commit runs a script entry directly");
    }

    @Test
    void itTakesEnvironmentFilesRequirementsAndPythonLockFilesAtAnyDepth() throws Exception {
        PreCommitHook hook = PreCommitHook.read();
        for (String taken : List.of("environment.yml", "environment.yaml", "envs/gpu/environment.yml", "requirements.txt",
                "requirements-dev.txt", "docker/requirements_cuda121.txt", "conda-lock.yml", "uv.lock", "poetry.lock", "pixi.lock")) {
            assertTrue(hook.takes(taken), taken);
        }
        for (String left : List.of("README.md", "my-environment.yml", "environment.yml.bak", "requirements.in",
                "requirements/base.txt", "Cargo.lock", "yarn.lock", "web/package-lock.json", "conda-lock.yml.orig")) {
            assertFalse(hook.takes(left), left);
        }
    }
}
