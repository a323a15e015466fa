package io.envaudit.agent.discover;

import io.envaudit.agent.CondaRecords;
import io.envaudit.agent.RealData;
import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.host.OsFamily;
import io.envaudit.agent.read.EnvironmentContents;
import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.EnvironmentReader;
import io.envaudit.agent.read.SiteFolder;
import io.envaudit.engine.names.NameMap;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A Mac as a fixture tree: root/ stands for /, laid out as Anaconda's graphical installer, Homebrew (its
 * casks and its python@3.X formula), python.org's installer, Apple's Command Line Tools and venvs lay it out.
 */
class MacLayoutTest {
    private static final String MAIN_ARM = "https://repo.anaconda.com/pkgs/main/osx-arm64";
    private static final String FORGE_ARM = "https://conda.anaconda.org/conda-forge/osx-arm64";

    @TempDir
    Path root;
    Path ana;

    private Path condaPrefix(Path prefix, String python, String build, String channel) throws IOException {
        String minor = python.replaceAll("^(\\d+\\.\\d+).*", "$1");
        CondaRecords.write(prefix, "python", python, build, channel, List.of("libffi >=3.4,<4.0a0", "ncurses >=6.4,<7.0a0"),
                List.of("bin/python" + minor, "lib/libpython" + minor + ".dylib", "lib/python" + minor + "/os.py"));
        Files.createDirectories(prefix.resolve("lib/python" + minor + "/site-packages"));
        return prefix;
    }

    private Path condaInstall(Path prefix, String python, String build, String channel) throws IOException {
        condaPrefix(prefix, python, build, channel);
        Files.createDirectories(prefix.resolve("pkgs"));
        Files.createDirectories(prefix.resolve("condabin"));
        return prefix;
    }

    /** A framework's version folder: lib/python3.X/site-packages (unless Homebrew links it) and include/python3.X/patchlevel.h. */
    private Path framework(Path version, String full, boolean withSitePackages) throws IOException {
        String minor = version.getFileName().toString();
        if (withSitePackages) {
            Files.createDirectories(version.resolve("lib/python" + minor + "/site-packages"));
        }
        Files.createDirectories(version.resolve("include/python" + minor));
        Files.writeString(version.resolve("include/python" + minor + "/patchlevel.h"),
                "/* Version as a string */\n#define PY_VERSION              \"" + full + "\"\n");
        return version;
    }

    private Path venv(Path prefix, String home, String version) throws IOException {
        Files.createDirectories(prefix.resolve("lib/python" + version.substring(0, version.lastIndexOf('.')) + "/site-packages"));
        Files.writeString(prefix.resolve("pyvenv.cfg"), "home = " + home + "\ninclude-system-site-packages = false\nversion = " + version + "\n");
        return prefix;
    }

    private static void link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.getParent().relativize(target));
    }

    @BeforeEach
    void mac() throws IOException {
        ana = Files.createDirectories(root.resolve("Users/ana"));
        // Anaconda's graphical installer; its envs
        Path anaconda = condaInstall(ana.resolve("opt/anaconda3"), "3.12.7", "h99e199e_0", MAIN_ARM);
        Path ml = condaPrefix(anaconda.resolve("envs/ml"), "3.11.10", "hb885b13_0", MAIN_ARM);
        RealData.distInfo(ml.resolve("lib/python3.11/site-packages"), "networkx-3.0");
        condaPrefix(root.resolve("Volumes/work/sim"), "3.10.15", "hb885b13_0", MAIN_ARM);
        Files.createDirectories(ana.resolve(".conda"));
        Files.writeString(ana.resolve(".conda/environments.txt"), "/Users/ana/opt/anaconda3\n/Users/ana/opt/anaconda3/envs/ml\n/Volumes/work/sim\n");
        // Homebrew's casks: miniforge (older casks put it in the Caskroom), anaconda on an Intel Mac
        condaInstall(root.resolve("opt/homebrew/Caskroom/miniforge/base"), "3.12.5", "h30c5eda_0_cpython", FORGE_ARM);
        condaInstall(root.resolve("usr/local/anaconda3"), "3.9.20", "h6d0c2b6_1", "https://repo.anaconda.com/pkgs/main/osx-64");
        // python.org's installer; ana's pip install --user
        Path versions = root.resolve("Library/Frameworks/Python.framework/Versions");
        Path python312 = framework(versions.resolve("3.12"), "3.12.4", true);
        Files.createSymbolicLink(versions.resolve("Current"), Path.of("3.12"));
        RealData.distInfo(python312.resolve("lib/python3.12/site-packages"), "pip-25.0.1");
        RealData.distInfo(Files.createDirectories(ana.resolve("Library/Python/3.12/lib/python/site-packages")), "annotated_types-0.7.0");
        // Homebrew's python@3.11: its site-packages is a link to Homebrew's own, which outlives upgrades
        Path cellar = framework(root.resolve("opt/homebrew/Cellar/python@3.11/3.11.9/Frameworks/Python.framework/Versions/3.11"), "3.11.9", false);
        Path brewSite = Files.createDirectories(root.resolve("opt/homebrew/lib/python3.11/site-packages"));
        RealData.distInfo(brewSite, "requests-2.19.1");
        link(cellar.resolve("lib/python3.11/site-packages"), brewSite);
        link(root.resolve("opt/homebrew/opt/python@3.11"), root.resolve("opt/homebrew/Cellar/python@3.11/3.11.9"));
        // Apple's, of the Command Line Tools: the OS's /usr/bin/python3
        Path apple = framework(root.resolve("Library/Developer/CommandLineTools/Library/Frameworks/Python3.framework/Versions/3.9"), "3.9.6", true);
        Files.createDirectories(apple.resolve("lib/python3.9/site-packages/pip-21.2.4.dist-info"));
        Files.writeString(apple.resolve("lib/python3.9/site-packages/pip-21.2.4.dist-info/METADATA"), "Metadata-Version: 2.1\nName: pip\nVersion: 21.2.4\n");
        // a kernel in an env on another volume that nothing else finds
        condaPrefix(root.resolve("Volumes/data/envs/torch"), "3.11.9", "hb885b13_0", MAIN_ARM);
        Files.createDirectories(ana.resolve("Library/Jupyter/kernels/torch"));
        Files.writeString(ana.resolve("Library/Jupyter/kernels/torch/kernel.json"),
                "{\"argv\": [\"/Volumes/data/envs/torch/bin/python\", \"-m\", \"ipykernel_launcher\", \"-f\", \"{connection_file}\"],"
                        + " \"display_name\": \"torch\", \"language\": \"python\"}");
        RealData.distInfo(venv(ana.resolve("code/site/.venv"), "/opt/homebrew/opt/python@3.12/bin", "3.12.4")
                .resolve("lib/python3.12/site-packages"), "Flask-2.0.0");
        // not searched: ~/Library (poetry keeps its venvs in its caches), and /Users/Shared, which is no one's home
        venv(ana.resolve("Library/Caches/pypoetry/virtualenvs/site-Xa3b9-py3.12"), "/opt/homebrew/bin", "3.12.4");
        venv(root.resolve("Users/Shared/demo/.venv"), "/usr/bin", "3.9.6");
    }

    private DiscoveryResult discover() {
        return new Discovery(AgentConfig.defaults(), OsFamily.MACOS, root, ana, Map.of()).discover(Deadline.after(Duration.ofMinutes(1)));
    }

    private String describe(EnvironmentLocation location) {
        return location.manager() + " " + root.relativize(location.prefix()) + " " + location.name();
    }

    @Test
    void findsCondaInstallsFrameworkPythonsKernelsAndVenvs() {
        DiscoveryResult result = discover();
        assertEquals(List.of(
                "CONDA Users/ana/opt/anaconda3 base",
                "CONDA Users/ana/opt/anaconda3/envs/ml ml",
                "CONDA Volumes/work/sim sim",
                "CONDA opt/homebrew/Caskroom/miniforge/base base",
                "CONDA usr/local/anaconda3 base",
                "UNKNOWN Library/Frameworks/Python.framework/Versions/3.12 python3.12 (python.org)",
                "UNKNOWN opt/homebrew/opt/python@3.11/Frameworks/Python.framework/Versions/3.11 python@3.11 (Homebrew)",
                "SYSTEM Library/Developer/CommandLineTools/Library/Frameworks/Python3.framework/Versions/3.9 python3.9 (Apple)",
                "CONDA Volumes/data/envs/torch torch",
                "VENV Users/ana/code/site/.venv .venv"), result.environments().stream().map(this::describe).toList());
        assertEquals(List.of(), result.problems());
        assertFalse(result.budgetSpent());
    }

    @Test
    void aFrameworkPythonHasTheUsersSitePackagesFirst() {
        EnvironmentLocation python312 = discover().environments().get(5);
        assertEquals(List.of(new SiteFolder(ana.resolve("Library/Python/3.12/lib/python/site-packages"), Installer.PIP),
                new SiteFolder(root.resolve("Library/Frameworks/Python.framework/Versions/3.12/lib/python3.12/site-packages"), Installer.PIP)),
                python312.siteFolders());
    }

    @Test
    void eachEnvironmentIsReadWithItsPythonFromItsFiles() {
        EnvironmentReader reader = new EnvironmentReader(NameMap.builtIn());
        List<String> read = discover().environments().stream().map(location -> {
            EnvironmentContents contents = reader.read(location);
            assertEquals(List.of(), contents.problems(), location.prefix().toString());
            return location.name() + " " + contents.pythonVersion() + ": " + contents.packages().stream()
                    .map(MacLayoutTest::describe).toList();
        }).toList();
        assertEquals(List.of(
                "base 3.12.7: [python 3.12.7 CONDA]",
                "ml 3.11.10: [python 3.11.10 CONDA, networkx 3.0 PIP]",
                "sim 3.10.15: [python 3.10.15 CONDA]",
                "base 3.12.5: [python 3.12.5 CONDA]",
                "base 3.9.20: [python 3.9.20 CONDA]",
                "python3.12 (python.org) 3.12.4: [annotated-types 0.7.0 PIP, pip 25.0.1 PIP]",
                "python@3.11 (Homebrew) 3.11.9: [requests 2.19.1 PIP]",
                "python3.9 (Apple) 3.9.6: [pip 21.2.4 PIP]",
                "torch 3.11.9: [python 3.11.9 CONDA]",
                ".venv 3.12.4: [Flask 2.0.0 PIP]"), read);
    }

    private static String describe(InstalledPackage p) {
        return p.getName() + " " + p.getVersion() + " " + p.getInstaller();
    }
}
