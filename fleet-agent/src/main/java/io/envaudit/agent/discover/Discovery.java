package io.envaudit.agent.discover;

import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.IoMessages;
import io.envaudit.agent.read.ReadProblem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a machine's Python environments, cheapest places first: conda's records and usual roots, the OS's
 * Python, pyenv's versions, Jupyter's kernels, then a depth-limited search of the venv roots. Never an
 * unbounded walk: each place is a known path or a bounded search, and the deadline stops it all.
 */
public final class Discovery {
    private final AgentConfig config;
    private final Path root;
    private final Path userHome;
    private final Map<String, String> environment;

    /**
     * @param root        {@code /} in use, a fixture tree in tests: where /opt, /usr, /home and /etc are
     * @param userHome    the home of the user the agent runs as
     * @param environment the agent's environment variables (CONDA_PREFIX, MAMBA_ROOT_PREFIX)
     */
    public Discovery(AgentConfig config, Path root, Path userHome, Map<String, String> environment) {
        this.config = config;
        this.root = root;
        this.userHome = userHome;
        this.environment = Map.copyOf(environment);
    }

    public DiscoveryResult discover(Deadline deadline) {
        Candidates candidates = new Candidates(config.include(), config.exclude());
        List<ReadProblem> problems = new ArrayList<>();
        List<Path> homes = homes(problems);
        CondaInstalls.find(root, homes, config.condaRoots(), environment, candidates, problems);
        if (config.systemPython()) {
            SystemPython.find(root, userHome).ifPresent(candidates::add);
        }
        for (Path home : homes) {
            PyenvVersions.find(home, candidates, problems);
        }
        JupyterKernels.find(JupyterKernels.kernelFolders(root, homes), candidates, problems);
        boolean finished = !deadline.passed();
        List<Path> searchRoots = config.venvRoots().isEmpty() ? homes : config.venvRoots();
        for (Path start : searchRoots) {
            if (!finished) {
                break;
            }
            finished = FolderSearch.search(start, config.venvDepth(), deadline, candidates, problems);
        }
        if (!finished) {
            problems.add(new ReadProblem(searchRoots.isEmpty() ? root : searchRoots.get(0),
                    "the search stopped at the time budget (" + deadline.budget().toSeconds() + " s); environments below may be missing"));
        }
        return new DiscoveryResult(candidates.all(), problems, !finished);
    }

    /** The configured homes, or the agent user's home and every folder in /home. */
    private List<Path> homes(List<ReadProblem> problems) {
        if (!config.homes().isEmpty()) {
            return config.homes();
        }
        Set<Path> homes = new LinkedHashSet<>();
        homes.add(userHome);
        Path home = root.resolve("home");
        if (Files.isDirectory(home)) {
            List<Path> users = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(home, Files::isDirectory)) {
                stream.forEach(users::add);
            } catch (IOException e) {
                problems.add(new ReadProblem(home, "cannot be listed: " + IoMessages.describe(e)));
            }
            users.sort(null);
            homes.addAll(users);
        }
        return List.copyOf(homes);
    }

    /** The environments at these prefixes, for {@code agent scan --path}; a folder that is no environment is a problem. */
    public static DiscoveryResult at(List<Path> prefixes) {
        List<EnvironmentLocation> found = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        for (Path prefix : prefixes) {
            Path absolute = prefix.toAbsolutePath().normalize();
            if (!Files.isDirectory(absolute)) {
                problems.add(new ReadProblem(absolute, "no such folder"));
                continue;
            }
            PrefixKind.of(absolute).ifPresentOrElse(found::add, () -> problems.add(new ReadProblem(absolute,
                    "is no Python environment: no conda-meta/, pyvenv.cfg or lib/pythonX.Y/site-packages")));
        }
        return new DiscoveryResult(found, problems, false);
    }
}
