package io.envaudit.agent.discover;

import io.envaudit.agent.read.IoMessages;
import io.envaudit.agent.read.ReadProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Conda, mamba, micromamba and pixi-global prefixes, found where they are recorded or usually installed:
 * {@code CONDA_PREFIX} and {@code MAMBA_ROOT_PREFIX}, each home's {@code ~/.conda/environments.txt} (conda
 * appends every env it creates there), the usual install roots under {@code /opt} and each home, and the
 * configured roots. A root is its base env plus each folder of its {@code envs/}.
 */
final class CondaInstalls {
    static final List<String> SYSTEM_ROOTS = List.of("opt/conda", "opt/miniconda3", "opt/anaconda3", "opt/miniforge3",
            "opt/mambaforge", "opt/micromamba");
    static final List<String> HOME_ROOTS = List.of("miniconda3", "anaconda3", "miniforge3", "mambaforge", "micromamba",
            ".local/share/mamba");

    private CondaInstalls() {
    }

    static void find(Path root, List<Path> homes, List<Path> configuredRoots, Map<String, String> environment,
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
            Path listed = home.resolve(".conda").resolve("environments.txt");
            if (Files.isRegularFile(listed)) {
                try {
                    for (String line : Files.readAllLines(listed, StandardCharsets.UTF_8)) {
                        if (!line.isBlank() && !line.strip().startsWith("#")) {
                            prefix(Path.of(line.strip()), candidates);
                        }
                    }
                } catch (IOException | java.nio.file.InvalidPathException e) {
                    problems.add(new ReadProblem(listed, "cannot be read: "
                            + (e instanceof IOException io ? IoMessages.describe(io) : e.getMessage())));
                }
            }
        }
        List<Path> roots = new ArrayList<>();
        SYSTEM_ROOTS.forEach(r -> roots.add(root.resolve(r)));
        for (Path home : homes) {
            HOME_ROOTS.forEach(r -> roots.add(home.resolve(r)));
        }
        roots.addAll(configuredRoots);
        for (Path installRoot : roots) {
            installRoot(installRoot, candidates, problems);
        }
    }

    /** A conda install: its base prefix (named base) and its envs. */
    static void installRoot(Path installRoot, Candidates candidates, List<ReadProblem> problems) {
        if (!Files.isDirectory(installRoot) || candidates.excluded(installRoot)) {
            return;
        }
        prefix(installRoot, candidates);
        envsOf(installRoot, candidates, problems);
    }

    /** The conda prefixes in an install's {@code envs/} folder. */
    static void envsOf(Path installRoot, Candidates candidates, List<ReadProblem> problems) {
        Path envs = installRoot.resolve("envs");
        if (!Files.isDirectory(envs)) {
            return;
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(envs, Files::isDirectory)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            problems.add(new ReadProblem(envs, "cannot be listed: " + IoMessages.describe(e)));
        }
        children.sort(null);
        children.forEach(env -> prefix(env, candidates));
    }

    private static void prefix(Path prefix, Candidates candidates) {
        if (Files.isDirectory(prefix.resolve("conda-meta"))) {
            PrefixKind.of(prefix).ifPresent(candidates::add);
        }
    }
}
