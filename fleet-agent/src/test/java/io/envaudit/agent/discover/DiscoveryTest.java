package io.envaudit.agent.discover;

import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.host.OsFamily;
import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.SiteFolder;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Linux workstation laid out as a fixture tree: root/ stands for /, with /opt, /usr, /home and a user's projects. */
class DiscoveryTest {
    @TempDir
    Path root;
    Path ana;

    private Path condaPrefix(Path prefix) throws IOException {
        Files.createDirectories(prefix.resolve("conda-meta"));
        Files.createDirectories(prefix.resolve("lib/python3.10/site-packages"));
        return prefix;
    }

    private Path venv(Path prefix) throws IOException {
        Files.createDirectories(prefix.resolve("lib/python3.11/site-packages"));
        Files.writeString(prefix.resolve("pyvenv.cfg"), "home = /usr/bin\nversion = 3.11.2\n");
        return prefix;
    }

    @BeforeEach
    void workstation() throws IOException {
        ana = Files.createDirectories(root.resolve("home/ana"));
        condaPrefix(root.resolve("opt/conda"));
        condaPrefix(root.resolve("opt/conda/envs/tf210"));
        condaPrefix(ana.resolve("miniforge3"));
        condaPrefix(ana.resolve("miniforge3/envs/torch"));
        // made with conda create -p, recorded by conda in environments.txt
        condaPrefix(root.resolve("scratch/envs/exp1"));
        Files.createDirectories(ana.resolve(".conda"));
        // as conda writes it on that machine: the paths are below root here
        Files.writeString(ana.resolve(".conda/environments.txt"), "/opt/conda\n/scratch/envs/exp1\n");
        venv(ana.resolve("projects/web/.venv"));
        condaPrefix(ana.resolve("projects/sim/.pixi/envs/default"));
        venv(ana.resolve("a/b/c/d/e/f/too-deep"));
        venv(ana.resolve("projects/web/node_modules/x/venv"));
        venv(ana.resolve(".cache/pre-commit/venv"));
        // a link back up: a walk that followed links would never end
        Files.createSymbolicLink(ana.resolve("projects/loop"), ana);
        // Debian's Python
        Files.createDirectories(root.resolve("usr/lib/python3.11"));
        Files.writeString(root.resolve("usr/lib/python3.11/os.py"), "");
        Files.createDirectories(root.resolve("usr/lib/python3/dist-packages"));
        Files.createDirectories(root.resolve("usr/local/lib/python3.11/dist-packages"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createSymbolicLink(root.resolve("usr/bin/python3"), Path.of("python3.11"));
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), """
                Package: python3.11-minimal
                Status: install ok installed
                Version: 3.11.2-6+deb12u6

                Package: libc6
                Version: 2.36-9+deb12u4
                """);
        // a Jupyter kernel running in an environment nothing else finds
        venv(root.resolve("srv/kernels/stats"));
        Files.createDirectories(ana.resolve(".local/share/jupyter/kernels/stats"));
        Files.writeString(ana.resolve(".local/share/jupyter/kernels/stats/kernel.json"),
                "{\"argv\": [\"/srv/kernels/stats/bin/python\", \"-m\", \"ipykernel_launcher\", \"-f\", \"{connection_file}\"],"
                        + " \"display_name\": \"stats\", \"language\": \"python\"}");
    }

    private DiscoveryResult discover(AgentConfig config) {
        return new Discovery(config, OsFamily.LINUX, root, ana, Map.of()).discover(Deadline.after(Duration.ofMinutes(1)));
    }

    private static List<String> found(DiscoveryResult result, Path root) {
        return result.environments().stream()
                .map(l -> l.manager() + " " + root.relativize(l.prefix()) + (l.name() == null ? "" : " " + l.name())).toList();
    }

    @Test
    void findsEveryKindOfEnvironmentOnceWithinTheDepthLimit() {
        DiscoveryResult result = discover(AgentConfig.defaults());
        assertEquals(List.of(
                "CONDA opt/conda base",
                "CONDA scratch/envs/exp1 exp1",
                "CONDA opt/conda/envs/tf210 tf210",
                "CONDA home/ana/miniforge3 base",
                "CONDA home/ana/miniforge3/envs/torch torch",
                "SYSTEM usr python3.11 (system)",
                "VENV srv/kernels/stats stats",
                "VENV home/ana/projects/web/.venv .venv",
                "PIXI home/ana/projects/sim/.pixi/envs/default default"), found(result, root));
        assertFalse(result.budgetSpent());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void theSystemPythonHasItsFoldersInSysPathOrderAndItsVersionFromDpkg() {
        EnvironmentLocation system = discover(AgentConfig.defaults()).environments().stream()
                .filter(l -> l.manager() == EnvironmentManager.SYSTEM).findFirst().orElseThrow();
        assertEquals("3.11.2", system.pythonVersion());
        assertEquals(List.of(new SiteFolder(root.resolve("usr/local/lib/python3.11/dist-packages"), Installer.PIP),
                new SiteFolder(root.resolve("usr/lib/python3/dist-packages"), Installer.OS)), system.siteFolders());
    }

    @Test
    void anotherUsersUserSitePackagesIsThePythonTheyImportFrom_theAgentsOwnIsPartOfTheSystemPython() throws IOException {
        Path boUserSite = Files.createDirectories(root.resolve("home/bo/.local/lib/python3.11/site-packages"));
        Path anaUserSite = Files.createDirectories(ana.resolve(".local/lib/python3.11/site-packages"));
        Files.createDirectories(root.resolve("home/cy/.local/lib/python3.9/site-packages")); // no such python here

        List<EnvironmentLocation> system = discover(AgentConfig.defaults()).environments().stream()
                .filter(l -> l.manager() == EnvironmentManager.SYSTEM).toList();

        List<SiteFolder> systemFolders = List.of(new SiteFolder(root.resolve("usr/local/lib/python3.11/dist-packages"), Installer.PIP),
                new SiteFolder(root.resolve("usr/lib/python3/dist-packages"), Installer.OS));
        assertEquals(2, system.size(), system.toString());
        assertEquals(root.resolve("usr"), system.get(0).prefix());
        assertEquals(new SiteFolder(anaUserSite, Installer.PIP), system.get(0).siteFolders().get(0), "the agent user's own, first");
        EnvironmentLocation bo = system.get(1);
        assertEquals(root.resolve("home/bo/.local"), bo.prefix());
        assertEquals("python3.11 (system, user bo)", bo.name());
        assertEquals("3.11.2", bo.pythonVersion());
        List<SiteFolder> boFolders = new ArrayList<>(List.of(new SiteFolder(boUserSite, Installer.PIP)));
        boFolders.addAll(systemFolders);
        assertEquals(boFolders, bo.siteFolders(), "bo's packages first, then what every user imports");
    }

    @Test
    void includeAndExcludeGlobs() {
        AgentConfig config = new AgentConfig(Map.of(), List.of(), List.of(), List.of(), 5, List.of(root + "/home/**"),
                List.of("**/miniforge3/envs/**"), Duration.ofMinutes(1), null, false, null, null);
        assertEquals(List.of("CONDA home/ana/miniforge3 base", "VENV home/ana/projects/web/.venv .venv",
                "PIXI home/ana/projects/sim/.pixi/envs/default default"), found(discover(config), root));
    }

    @Test
    void aDeeperLimitFindsTheDeepVenv() {
        AgentConfig config = new AgentConfig(Map.of(), List.of(), List.of(), List.of(ana.resolve("a")), 8, List.of(), List.of(),
                Duration.ofMinutes(1), null, false, null, null);
        assertTrue(found(discover(config), root).contains("VENV home/ana/a/b/c/d/e/f/too-deep too-deep"));
    }

    @Test
    void theTimeBudgetStopsTheSearchAndSaysSo() {
        // a clock that moves a second per reading: the 3-second budget runs out during the search
        AtomicLong now = new AtomicLong();
        Deadline deadline = new Deadline(Duration.ofSeconds(3), () -> now.addAndGet(1_000_000_000L));
        DiscoveryResult result = new Discovery(AgentConfig.defaults(), OsFamily.LINUX, root, ana, Map.of()).discover(deadline);
        assertTrue(result.budgetSpent());
        assertTrue(result.problems().get(result.problems().size() - 1).message().startsWith("the search stopped at the time budget (3 s)"),
                result.problems().toString());
        assertFalse(found(result, root).contains("VENV home/ana/projects/web/.venv .venv"));
    }

    @Test
    void condaPrefixAndMambaRootFromTheEnvironment() throws IOException {
        Path micromamba = condaPrefix(root.resolve("mm"));
        condaPrefix(micromamba.resolve("envs/jax"));
        Path active = condaPrefix(root.resolve("active-env"));
        DiscoveryResult result = new Discovery(AgentConfig.defaults(), OsFamily.LINUX, root, ana,
                Map.of("CONDA_PREFIX", active.toString(), "MAMBA_ROOT_PREFIX", micromamba.toString()))
                .discover(Deadline.after(Duration.ofMinutes(1)));
        assertEquals(List.of("CONDA active-env active-env", "CONDA mm base", "CONDA mm/envs/jax jax"),
                found(result, root).subList(0, 3));
    }

    @Test
    void givenPrefixesAreClassifiedAndAFolderThatIsNoEnvironmentIsAProblem() throws IOException {
        Path plain = Files.createDirectories(root.resolve("plain"));
        DiscoveryResult result = Discovery.at(List.of(ana.resolve("projects/web/.venv"), plain, root.resolve("missing")));
        assertEquals(List.of("VENV home/ana/projects/web/.venv .venv"), found(result, root));
        assertEquals(List.of(plain + ": is no Python environment: no conda-meta/, pyvenv.cfg or lib/pythonX.Y/site-packages",
                root.resolve("missing") + ": no such folder"), result.problems().stream().map(Object::toString).toList());
    }
}
