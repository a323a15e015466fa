package io.envaudit.agent.discover;

import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.host.OsFamily;
import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.ReadProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a machine's Python environments, cheapest places first: conda's records and usual roots, the
 * interpreters installed outside environments, pyenv's versions, Jupyter's kernels, what conda itself says,
 * then a depth-limited search of the venv roots. Where those places are depends on the OS family's
 * {@link Layout}. Never an unbounded walk: each place is a known path or a bounded search, and the deadline
 * stops it all.
 */
public final class Discovery {
    private final AgentConfig config;
    private final Layout layout;
    private final Path root;
    private final Path userHome;
    private final Map<String, String> environment;

    /**
     * @param layout      whose places to look in
     * @param root        where they are: {@code /} (or {@code C:\}) in use, a fixture tree in tests, another
     *                    system's disk mounted here
     * @param userHome    the home of the user the agent runs as; it counts as a home only when it is under the root
     * @param environment the agent's environment variables (CONDA_PREFIX, MAMBA_ROOT_PREFIX, PATH for conda)
     */
    public Discovery(AgentConfig config, OsFamily layout, Path root, Path userHome, Map<String, String> environment) {
        this.config = config;
        this.layout = Layout.of(layout);
        this.root = root;
        this.userHome = userHome;
        this.environment = Map.copyOf(environment);
    }

    public DiscoveryResult discover(Deadline deadline) {
        Candidates candidates = new Candidates(config.include(), config.exclude());
        List<ReadProblem> problems = new ArrayList<>();
        Optional<Path> agentHome = userHome.startsWith(root) ? Optional.of(userHome) : Optional.empty();
        List<Path> homes = homes(agentHome, problems);
        CondaInstalls.find(layout, root, homes, config.condaRoots(), environment, candidates, problems);
        if (config.systemPython()) {
            layout.interpreters(root, homes, agentHome, problems).forEach(candidates::add);
        }
        for (Path home : homes) {
            PyenvVersions.find(layout, home, candidates, problems);
        }
        JupyterKernels.find(layout, root, homes, candidates, problems);
        if (!deadline.passed()) {
            CondaQuery.envs(environment, deadline, problems).forEach(prefix -> CondaInstalls.prefix(prefix, candidates));
        }
        boolean finished = !deadline.passed();
        List<Path> searchRoots = config.venvRoots().isEmpty() ? homes : config.venvRoots();
        for (Path start : searchRoots) {
            if (!finished) {
                break;
            }
            finished = FolderSearch.search(start, config.venvDepth(), layout.notSearched(), deadline, candidates, problems);
        }
        if (!finished) {
            problems.add(new ReadProblem(searchRoots.isEmpty() ? root : searchRoots.get(0),
                    "the search stopped at the time budget (" + deadline.budget().toSeconds() + " s); environments below may be missing"));
        }
        return new DiscoveryResult(candidates.all(), problems, !finished);
    }

    /** The configured homes, or the agent user's home and every user's folder of the layout (/home, /Users, C:\Users). */
    private List<Path> homes(Optional<Path> agentHome, List<ReadProblem> problems) {
        if (!config.homes().isEmpty()) {
            return config.homes();
        }
        Set<Path> homes = new LinkedHashSet<>();
        agentHome.ifPresent(homes::add);
        for (Path user : SubFolders.of(root.resolve(layout.usersFolder()), "*", problems)) {
            if (!layout.notUsers().contains(user.getFileName().toString())) {
                homes.add(user);
            }
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
