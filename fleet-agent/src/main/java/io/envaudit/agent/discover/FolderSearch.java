package io.envaudit.agent.discover;

import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.IoMessages;
import io.envaudit.agent.read.ReadProblem;
import io.envaudit.schemas.EnvironmentManager;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A bounded search of a folder tree for venvs ({@code pyvenv.cfg}), conda prefixes ({@code conda-meta/},
 * made with {@code conda create -p}) and pixi projects ({@code .pixi/envs/*}). Bounded three ways: a depth
 * limit, the scan's deadline, and never following symbolic links (so no loops, and no wandering onto other
 * disks through a link). It does not look inside an environment it found, nor into folders that never hold
 * one (version control, caches, node_modules, the layout's application data) or hidden folders other than the
 * usual environment names.
 */
final class FolderSearch {
    private static final Set<String> SKIPPED = Set.of("node_modules", "__pycache__", "site-packages", "dist-packages");
    /** Hidden folders that do hold environments: project venvs, pixi's, virtualenvwrapper's, pipenv's (under .local/share). */
    private static final Set<String> HIDDEN_KEPT = Set.of(".venv", ".pixi", ".virtualenvs", ".local", ".conda");
    private static final int MAX_REPORTED_FAILURES = 20;

    private FolderSearch() {
    }

    /**
     * @param notSearched folder names not entered, beyond those every search skips (the layout's)
     * @return false when the deadline stopped the search
     */
    static boolean search(Path start, int depth, Set<String> notSearched, Deadline deadline, Candidates candidates,
                          List<ReadProblem> problems) {
        if (!Files.isDirectory(start)) {
            return true;
        }
        boolean[] stopped = {false};
        int[] failures = {0};
        try {
            Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (deadline.passed()) {
                        stopped[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (!dir.equals(start) && (SKIPPED.contains(name) || notSearched.contains(name)
                            || (name.startsWith(".") && !HIDDEN_KEPT.contains(name)) || candidates.excluded(dir))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return isEnvironment(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                /** A folder at the depth limit comes here, not to preVisitDirectory: it may still be an environment. */
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isDirectory() && !candidates.excluded(file)) {
                        isEnvironment(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                private boolean isEnvironment(Path dir) {
                    Optional<EnvironmentLocation> found = PrefixKind.of(dir).filter(l -> l.manager() != EnvironmentManager.UNKNOWN);
                    if (found.isEmpty()) {
                        return false;
                    }
                    candidates.add(found.get());
                    if (found.get().manager() == EnvironmentManager.CONDA) {
                        // a conda prefix may be a whole install: its envs/ are environments too
                        CondaInstalls.envsOf(dir, candidates, problems);
                    }
                    return true;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (failures[0]++ < MAX_REPORTED_FAILURES) {
                        problems.add(new ReadProblem(file, "not searched: " + IoMessages.describe(e)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(new ReadProblem(start, "not searched: " + IoMessages.describe(e)));
        }
        if (failures[0] > MAX_REPORTED_FAILURES) {
            problems.add(new ReadProblem(start, (failures[0] - MAX_REPORTED_FAILURES) + " more folders below could not be searched"));
        }
        return !stopped[0];
    }
}
