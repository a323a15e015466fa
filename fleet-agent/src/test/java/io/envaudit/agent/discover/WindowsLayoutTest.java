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
 * A Windows workstation as a fixture tree: root/ stands for C:\, laid out as conda's, python.org's and
 * pyenv-win's installers and {@code python -m venv} lay it out there. Files that record paths
 * (environments.txt, kernel.json, pyvenv.cfg) hold Windows paths with CRLF line ends, as on Windows.
 */
class WindowsLayoutTest {
    private static final String MAIN = "https://repo.anaconda.com/pkgs/main/win-64";
    private static final String FORGE = "https://conda.anaconda.org/conda-forge/win-64";

    @TempDir
    Path root;
    Path ana;

    /** A conda prefix on Windows: conda-meta, python.exe at the top, Lib\site-packages, Scripts\. */
    private Path condaPrefix(Path prefix, String python, String build, String channel) throws IOException {
        CondaRecords.write(prefix, "python", python, build, channel, List.of("vc >=14.2", "vs2015_runtime >=14.29.30133"),
                List.of("DLLs/_asyncio.pyd", "Lib/os.py", "python.exe", "python" + python.replaceAll("^(\\d+)\\.(\\d+).*", "$1$2") + ".dll"));
        Files.createDirectories(prefix.resolve("Lib/site-packages"));
        Files.createDirectories(prefix.resolve("Scripts"));
        Files.writeString(prefix.resolve("python.exe"), "MZ");
        return prefix;
    }

    /** An install, not only an env: its package cache and condabin beside the base env. */
    private Path condaInstall(Path prefix, String python, String build, String channel) throws IOException {
        condaPrefix(prefix, python, build, channel);
        Files.createDirectories(prefix.resolve("pkgs"));
        Files.createDirectories(prefix.resolve("condabin"));
        return prefix;
    }

    /** A python.org or pyenv-win install: python.exe, Lib\site-packages, include\patchlevel.h. */
    private Path pythonInstall(Path install, String version) throws IOException {
        Files.createDirectories(install.resolve("Lib/site-packages"));
        Files.createDirectories(install.resolve("include"));
        Files.writeString(install.resolve("include/patchlevel.h"),
                "/* Version as a string */\r\n#define PY_VERSION              \"" + version + "\"\r\n");
        Files.writeString(install.resolve("python.exe"), "MZ");
        return install;
    }

    private void venv(Path prefix, String home, String version) throws IOException {
        Files.createDirectories(prefix.resolve("Lib/site-packages"));
        Files.createDirectories(prefix.resolve("Scripts"));
        Files.writeString(prefix.resolve("Scripts/python.exe"), "MZ");
        Files.writeString(prefix.resolve("pyvenv.cfg"), "home = " + home + "\r\ninclude-system-site-packages = false\r\nversion = "
                + version + "\r\nexecutable = " + home + "\\python.exe\r\n");
    }

    @BeforeEach
    void workstation() throws IOException {
        ana = Files.createDirectories(root.resolve("Users/ana"));
        Path miniconda = condaInstall(ana.resolve("miniconda3"), "3.12.4", "h14ffc60_1", MAIN);
        RealData.condaRecord(miniconda, "vc-9-h7299396_1.json");
        // conda's own pip: its dist-info is in its record, so it is no pip install
        CondaRecords.write(miniconda, "pip", "24.0", "py312haa95532_0", MAIN, List.of("python >=3.12,<3.13.0a0"),
                List.of("Lib/site-packages/pip-24.0.dist-info/METADATA", "Scripts/pip.exe"));
        Files.createDirectories(miniconda.resolve("Lib/site-packages/pip-24.0.dist-info"));
        Files.writeString(miniconda.resolve("Lib/site-packages/pip-24.0.dist-info/METADATA"), "Metadata-Version: 2.1\r\nName: pip\r\nVersion: 24.0\r\n");
        Path tf = condaPrefix(miniconda.resolve("envs/tf"), "3.10.14", "he1021f5_1", MAIN);
        // an older conda wrote the record's files with backslashes
        CondaRecords.write(tf, "six", "1.16.0", "pyhd3eb1b0_1", "https://repo.anaconda.com/pkgs/main/noarch", List.of("python"),
                List.of("Lib\\site-packages\\six-1.16.0.dist-info\\METADATA", "Lib\\site-packages\\six.py"));
        Files.createDirectories(tf.resolve("Lib/site-packages/six-1.16.0.dist-info"));
        Files.writeString(tf.resolve("Lib/site-packages/six-1.16.0.dist-info/METADATA"), "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n");
        Files.writeString(RealData.distInfo(tf.resolve("Lib/site-packages"), "requests-2.19.1").resolve("INSTALLER"), "pip\r\n");
        condaInstall(root.resolve("ProgramData/Anaconda3"), "3.11.7", "he1021f5_0", MAIN);
        condaInstall(ana.resolve("AppData/Local/miniforge3"), "3.12.3", "h2628c8c_0_cpython", FORGE);
        // made with conda create -p C:\work\shared-env: only environments.txt knows it
        condaPrefix(root.resolve("work/shared-env"), "3.9.19", "h1aa4202_1", MAIN);
        Files.createDirectories(ana.resolve(".conda"));
        Files.writeString(ana.resolve(".conda/environments.txt"),
                "C:\\Users\\ana\\miniconda3\r\nC:\\Users\\ana\\miniconda3\\envs\\tf\r\nC:\\work\\shared-env\r\n");
        // python.org's installer, for ana only and for all users; ana's pip install --user
        Path python312 = pythonInstall(ana.resolve("AppData/Local/Programs/Python/Python312"), "3.12.4");
        RealData.distInfo(python312.resolve("Lib/site-packages"), "pip-25.0.1");
        RealData.distInfo(Files.createDirectories(ana.resolve("AppData/Roaming/Python/Python312/site-packages")), "annotated_types-0.7.0");
        pythonInstall(root.resolve("Program Files/Python311"), "3.11.9");
        pythonInstall(ana.resolve(".pyenv/pyenv-win/versions/3.11.7"), "3.11.7");
        Path app = ana.resolve("projects/app/.venv");
        venv(app, "C:\\Users\\ana\\AppData\\Local\\Programs\\Python\\Python312", "3.12.4");
        RealData.distInfo(app.resolve("Lib/site-packages"), "Flask-2.0.0");
        // a kernel in an env on another drive that nothing else finds
        condaPrefix(root.resolve("envs/stats"), "3.11.9", "he1021f5_0", MAIN);
        Files.createDirectories(ana.resolve("AppData/Roaming/jupyter/kernels/stats"));
        Files.writeString(ana.resolve("AppData/Roaming/jupyter/kernels/stats/kernel.json"), """
                {
                 "argv": [
                  "D:\\\\envs\\\\stats\\\\python.exe",
                  "-m",
                  "ipykernel_launcher",
                  "-f",
                  "{connection_file}"
                 ],
                 "display_name": "stats",
                 "language": "python"
                }
                """);
        // not searched: application data, and the Public folder, which is no one's home
        venv(ana.resolve("AppData/Local/Temp/build/.venv"), "C:\\Python39", "3.9.13");
        venv(root.resolve("Users/Public/Documents/demo/.venv"), "C:\\Python39", "3.9.13");
    }

    private DiscoveryResult discover() {
        return new Discovery(AgentConfig.defaults(), OsFamily.WINDOWS, root, ana, Map.of()).discover(Deadline.after(Duration.ofMinutes(1)));
    }

    private String describe(EnvironmentLocation location) {
        return location.manager() + " " + root.relativize(location.prefix()) + " " + location.name();
    }

    @Test
    void findsCondaInstallsPythonOrgPyenvWinKernelsAndVenvs() {
        DiscoveryResult result = discover();
        assertEquals(List.of(
                "CONDA Users/ana/miniconda3 base",
                "CONDA Users/ana/miniconda3/envs/tf tf",
                "CONDA work/shared-env shared-env",
                "CONDA ProgramData/Anaconda3 base",
                "CONDA Users/ana/AppData/Local/miniforge3 base",
                "UNKNOWN Users/ana/AppData/Local/Programs/Python/Python312 Python312 (python.org)",
                "UNKNOWN Program Files/Python311 Python311 (python.org)",
                "UNKNOWN Users/ana/.pyenv/pyenv-win/versions/3.11.7 3.11.7",
                "CONDA envs/stats stats",
                "VENV Users/ana/projects/app/.venv .venv"), result.environments().stream().map(this::describe).toList());
        assertEquals(List.of(), result.problems());
        assertFalse(result.budgetSpent());
    }

    @Test
    void aPythonOrgInstallHasItsUsersSitePackagesFirst() {
        EnvironmentLocation python312 = discover().environments().get(5);
        assertEquals(List.of(new SiteFolder(ana.resolve("AppData/Roaming/Python/Python312/site-packages"), Installer.PIP),
                new SiteFolder(ana.resolve("AppData/Local/Programs/Python/Python312/Lib/site-packages"), Installer.PIP)),
                python312.siteFolders());
    }

    @Test
    void eachEnvironmentIsReadWithItsPythonFromItsFiles() {
        EnvironmentReader reader = new EnvironmentReader(NameMap.builtIn());
        List<String> read = discover().environments().stream().map(location -> {
            EnvironmentContents contents = reader.read(location);
            assertEquals(List.of(), contents.problems(), location.prefix().toString());
            return root.relativize(location.prefix()) + " " + contents.pythonVersion() + ": " + contents.packages().stream()
                    .map(WindowsLayoutTest::describe).toList();
        }).toList();
        assertEquals(List.of(
                "Users/ana/miniconda3 3.12.4: [pip 24.0 CONDA, python 3.12.4 CONDA, vc 9 CONDA]",
                "Users/ana/miniconda3/envs/tf 3.10.14: [python 3.10.14 CONDA, six 1.16.0 CONDA, requests 2.19.1 PIP]",
                "work/shared-env 3.9.19: [python 3.9.19 CONDA]",
                "ProgramData/Anaconda3 3.11.7: [python 3.11.7 CONDA]",
                "Users/ana/AppData/Local/miniforge3 3.12.3: [python 3.12.3 CONDA]",
                "Users/ana/AppData/Local/Programs/Python/Python312 3.12.4: [annotated-types 0.7.0 PIP, pip 25.0.1 PIP]",
                "Program Files/Python311 3.11.9: []",
                "Users/ana/.pyenv/pyenv-win/versions/3.11.7 3.11.7: []",
                "envs/stats 3.11.9: [python 3.11.9 CONDA]",
                "Users/ana/projects/app/.venv 3.12.4: [Flask 2.0.0 PIP]"), read);
    }

    private static String describe(InstalledPackage p) {
        return p.getName() + " " + p.getVersion() + " " + p.getInstaller();
    }
}
