package io.envaudit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-commit hook as pre-commit runs it, without pre-commit: in a scratch git repository, the staged files its
 * pattern takes are passed to its entry, the agent jar's launcher, which runs the jar this build made.
 */
class PreCommitHookIT {
    private static final Path SAMPLE_REPOSITORY = Path.of("../samples/ci-repo");

    /** A fresh repository with these files staged: name in the repository to the file to copy there. */
    private static Path repositoryStaging(Path dir, Map<String, Path> files) throws Exception {
        Path repository = Files.createDirectories(dir.resolve("repository"));
        Shell.git(repository, "init", "-q");
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path target = repository.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.copy(file.getValue(), target);
        }
        Shell.git(repository, "add", "--all");
        return repository;
    }

    /** Runs the hook as pre-commit would on what is staged, adding to {@code given} the files it passes. */
    private static CommandResult commit(Path repository, List<String> given) throws Exception {
        PreCommitHook hook = PreCommitHook.read();
        for (String staged : Shell.git(repository, "diff", "--cached", "--name-only", "--diff-filter=ACMR").lines().toList()) {
            if (hook.takes(staged)) {
                given.add(staged);
            }
        }
        List<String> command = new ArrayList<>(List.of("bash", hook.script().toString()));
        command.addAll(hook.entryArguments());
        command.addAll(given);
        return Shell.run(repository, Map.of(), command);
    }

    @Test
    void stagingTheSampleRepositorysEnvironmentFileIsRefused(@TempDir Path dir) throws Exception {
        Path repository = repositoryStaging(dir, Map.of(
                "environment.yml", SAMPLE_REPOSITORY.resolve("environment.yml"),
                "requirements.txt", SAMPLE_REPOSITORY.resolve("requirements.txt"),
                "README.md", SAMPLE_REPOSITORY.resolve("README.md")));
        List<String> given = new ArrayList<>();
        CommandResult result = commit(repository, given);
        assertEquals(List.of("environment.yml", "requirements.txt"), given.stream().sorted().toList());
        assertEquals(1, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("environment.yml: conda-env-export listing of conda environment "), result.out());
        assertTrue(result.out().contains("ERROR     duplicate-distribution (numpy)"), result.out());
        assertTrue(result.out().contains("requirements.txt: pip-freeze listing, "), result.out());
    }

    @Test
    void aHealthyEnvironmentFileInASubfolderPasses(@TempDir Path dir) throws Exception {
        Path repository = repositoryStaging(dir, Map.of(
                "docker/requirements.txt", Path.of(ConvertCommandTest.REAL, "polecart-tf211-intel-torch1131-win-pip-freeze.txt"),
                "Cargo.lock", SAMPLE_REPOSITORY.resolve("README.md")));
        List<String> given = new ArrayList<>();
        CommandResult result = commit(repository, given);
        assertEquals(List.of("docker/requirements.txt"), given);
        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("docker/requirements.txt: "), result.out());
    }

    @Test
    void aStagedFileThatIsNoListingIsRefusedWithExitCodeTwo(@TempDir Path dir) throws Exception {
        Path repository = repositoryStaging(dir, Map.of("requirements-dev.txt", SAMPLE_REPOSITORY.resolve("README.md")));
        List<String> given = new ArrayList<>();
        CommandResult result = commit(repository, given);
        assertEquals(List.of("requirements-dev.txt"), given);
        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().contains("error: requirements-dev.txt"), result.err());
    }
}
