package io.envaudit.agent.discover;

import io.envaudit.agent.read.IoMessages;
import io.envaudit.agent.read.ReadProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Conda, mamba, micromamba and pixi-global prefixes, found where they are recorded or usually installed:
 * {@code CONDA_PREFIX} and {@code MAMBA_ROOT_PREFIX}, each home's {@code ~/.conda/environments.txt} (conda
 * appends every env it creates there), the layout's usual install folders on the machine and in each home,
 * and the configured roots. A root is its base env plus each folder of its {@code envs/}.
 */
final class CondaInstalls {
    private CondaInstalls() {
    }

    static void find(Layout layout, Path root, List<Path> homes, List<Path> configuredRoots, Map<String, String> environment,
                     Candidates candidates, List<ReadProblem> problems) {
        String condaPrefix = environment.get("CONDA_PREFIX");
        if (condaPrefix != null && !condaPrefix.isBlank()) {
            prefix(Path.of(condaPrefix), candidates);
        }
        String mambaRoot = environment.get("MAMBA_ROOT_PREFIX");
        if (mambaRoot != null && !mambaRoot.isBlank()) {
            installRoot(Path.of(mambaRoot), candidates, problems);
        }
        for (Path home : homes) {
            listed(layout, root, home.resolve(".conda").resolve("environments.txt"), candidates, problems);
        }
        List<Path> roots = new ArrayList<>();
        layout.condaOnSystem().forEach(r -> roots.add(root.resolve(r)));
        for (Path home : homes) {
            layout.condaInHome().forEach(r -> roots.add(home.resolve(r)));
        }
        roots.addAll(configuredRoots);
        for (Path installRoot : roots) {
            installRoot(installRoot, candidates, problems);
        }
    }

    /** The prefixes conda recorded in a user's environments.txt, one a line. */
    private static void listed(Layout layout, Path root, Path file, Candidates candidates, List<ReadProblem> problems) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new ReadProblem(file, "cannot be read: " + IoMessages.describe(e)));
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                layout.recorded(root, line).ifPresent(prefix -> prefix(prefix, candidates));
            } catch (InvalidPathException e) {
                problems.add(new ReadProblem(file, "line " + (i + 1) + ": not a path here: " + e.getMessage()));
            }
        }
    }

    /** A conda install: its base prefix (named base) and its envs; or a folder of envs with no install (~/.conda). */
    static void installRoot(Path installRoot, Candidates candidates, List<ReadProblem> problems) {
        if (!Files.isDirectory(installRoot) || candidates.excluded(installRoot)) {
            return;
        }
        prefix(installRoot, candidates);
        envsOf(installRoot, candidates, problems);
    }

    /** The conda prefixes in an install's {@code envs/} folder. */
    static void envsOf(Path installRoot, Candidates candidates, List<ReadProblem> problems) {
        SubFolders.of(installRoot.resolve("envs"), "*", problems).forEach(env -> prefix(env, candidates));
    }

    static void prefix(Path prefix, Candidates candidates) {
        if (Files.isDirectory(prefix.resolve("conda-meta"))) {
            PrefixKind.of(prefix).ifPresent(candidates::add);
        }
    }
}
