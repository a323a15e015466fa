package io.envaudit.agent.discover;

import io.envaudit.agent.host.OsFamily;
import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.ReadProblem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where one OS family keeps Python environments: the folder of user homes, the usual conda install folders
 * (on the machine and in each home), pyenv's versions, Jupyter's kernel folders, what a venv search need not
 * enter, and the interpreters installed outside any environment. Paths are relative to the root (the file
 * system looked at) or to a home, with {@code /}. Reading an environment does not depend on the layout: a
 * prefix's own files say how it is laid out ({@code lib/python3.X/site-packages} or {@code Lib/site-packages}).
 *
 * @param usersFolder     the folder of user homes under the root
 * @param notUsers        folders there that are no user's home
 * @param condaOnSystem   conda installs (each its base env and {@code envs/}) or folders of envs, under the root
 * @param condaInHome     the same, in each home
 * @param pyenvVersions   pyenv's folder of interpreters, in each home
 * @param kernelsInHome   Jupyter's kernel folders, in each home
 * @param kernelsOnSystem Jupyter's kernel folders, under the root
 * @param notSearched     folder names the venv search skips: big trees of application data that hold no projects
 */
record Layout(OsFamily family, String usersFolder, Set<String> notUsers, List<String> condaOnSystem,
              List<String> condaInHome, String pyenvVersions, List<String> kernelsInHome, List<String> kernelsOnSystem,
              Set<String> notSearched) {

    static final Layout LINUX = new Layout(OsFamily.LINUX, "home", Set.of(),
            List.of("opt/conda", "opt/miniconda3", "opt/anaconda3", "opt/miniforge3", "opt/mambaforge", "opt/micromamba"),
            // .conda/envs is conda's own place for a user's envs when the install is not theirs to write
            List.of("miniconda3", "anaconda3", "miniforge3", "mambaforge", "micromamba", ".local/share/mamba", ".conda"),
            ".pyenv/versions",
            List.of(".local/share/jupyter/kernels"),
            List.of("usr/local/share/jupyter/kernels", "usr/share/jupyter/kernels"),
            Set.of());

    /**
     * A Mac: the graphical installers' {@code ~/opt/anaconda3}, Homebrew's casks ({@code anaconda} and
     * {@code miniforge} install to {@code $(brew --prefix)/anaconda3} and {@code miniforge3}, {@code miniconda},
     * and older {@code miniforge} and {@code mambaforge}, to {@code Caskroom/<cask>/base}), under
     * {@code /opt/homebrew} (Apple silicon) and {@code /usr/local} (Intel).
     */
    static final Layout MACOS = new Layout(OsFamily.MACOS, "Users", Set.of("Shared"),
            List.of("opt/anaconda3", "opt/miniconda3", "opt/miniforge3",
                    "opt/homebrew/anaconda3", "opt/homebrew/miniforge3", "opt/homebrew/Caskroom/miniconda/base",
                    "opt/homebrew/Caskroom/miniforge/base", "opt/homebrew/Caskroom/mambaforge/base",
                    "usr/local/anaconda3", "usr/local/miniforge3", "usr/local/Caskroom/miniconda/base",
                    "usr/local/Caskroom/miniforge/base", "usr/local/Caskroom/mambaforge/base"),
            List.of("anaconda3", "miniconda3", "miniforge3", "mambaforge", "micromamba", "opt/anaconda3", "opt/miniconda3",
                    ".local/share/mamba", ".conda"),
            ".pyenv/versions",
            List.of("Library/Jupyter/kernels"),
            List.of("usr/local/share/jupyter/kernels", "opt/homebrew/share/jupyter/kernels", "usr/share/jupyter/kernels"),
            // ~/Library: application data, caches and sandboxes, tens of thousands of folders
            Set.of("Library"));

    /**
     * Windows: the installers' "just me" folders ({@code %USERPROFILE%\anaconda3}, older
     * {@code %USERPROFILE%\Anaconda3} and {@code %LOCALAPPDATA%\Continuum\anaconda3}, and
     * {@code %LOCALAPPDATA%\miniconda3} and the like), their "all users" folders under {@code C:\ProgramData}, Chocolatey's
     * {@code C:\tools}, micromamba's {@code %USERPROFILE%\micromamba}, and conda's own envs folders
     * {@code %USERPROFILE%\.conda} and {@code %LOCALAPPDATA%\conda\conda}. Windows ignores case, a disk mounted
     * elsewhere may not: the installers' two spellings are both listed, and one folder is found once.
     */
    static final Layout WINDOWS = new Layout(OsFamily.WINDOWS, "Users", Set.of("Public", "Default", "Default User", "All Users"),
            List.of("ProgramData/anaconda3", "ProgramData/Anaconda3", "ProgramData/miniconda3", "ProgramData/Miniconda3",
                    "ProgramData/miniforge3", "ProgramData/Miniforge3", "anaconda3", "Anaconda3", "miniconda3", "Miniconda3",
                    "tools/anaconda3", "tools/Anaconda3", "tools/miniconda3", "tools/Miniconda3"),
            List.of("anaconda3", "Anaconda3", "miniconda3", "Miniconda3", "miniforge3", "Miniforge3", "mambaforge",
                    "micromamba", "AppData/Local/anaconda3", "AppData/Local/miniconda3", "AppData/Local/miniforge3",
                    "AppData/Local/Continuum/anaconda3", "AppData/Local/conda/conda", ".conda"),
            ".pyenv/pyenv-win/versions",
            List.of("AppData/Roaming/jupyter/kernels"),
            List.of("ProgramData/jupyter/kernels"),
            // AppData: application data and caches; the rest: compatibility junctions that deny listing
            Set.of("AppData", "Application Data", "Local Settings", "My Documents", "Cookies", "NetHood", "PrintHood",
                    "Recent", "SendTo", "Start Menu", "Templates"));

    static Layout of(OsFamily family) {
        return switch (family) {
            case LINUX -> LINUX;
            case MACOS -> MACOS;
            case WINDOWS -> WINDOWS;
        };
    }

    /** The interpreters installed outside any environment, each as an environment of its own. */
    List<EnvironmentLocation> interpreters(Path root, List<Path> homes, Optional<Path> agentHome, List<ReadProblem> problems) {
        return switch (family) {
            case LINUX -> SystemPython.find(root, homes, agentHome);
            case MACOS -> FrameworkPythons.find(root, agentHome, problems);
            case WINDOWS -> WindowsPythons.find(root, homes, agentHome, problems);
        };
    }

    List<Path> kernelFolders(Path root, List<Path> homes) {
        List<Path> out = new ArrayList<>();
        for (Path home : homes) {
            kernelsInHome.forEach(folder -> out.add(home.resolve(folder)));
        }
        kernelsOnSystem.forEach(folder -> out.add(root.resolve(folder)));
        return out;
    }

    /**
     * A path as a file of the scanned system records it (a line of {@code environments.txt}, a kernel's
     * interpreter), or empty when it is not absolute. When the root is this machine's own file system root the
     * path is used as written. Under any other root (a fixture tree, another system's disk mounted here) it is
     * taken below the root: in a Windows layout without its drive letter, {@code \} separating too. There a path with
     * a {@code ..} part is refused (empty): the files that record these paths are their users' to write
     * ({@code ~/.conda/environments.txt}), and {@code ..} would lead the agent out of the tree it was given. A symbolic
     * link inside the tree still can: the agent reads what the tree's own links point at, as the system it belongs to
     * would, so a disk mounted from an untrusted system is scanned with that system's trust.
     *
     * @throws java.nio.file.InvalidPathException when this machine cannot name such a path
     */
    Optional<Path> recorded(Path root, String text) {
        if (root.getParent() == null) {
            Path path = Path.of(text);
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        }
        String rest = text;
        if (family == OsFamily.WINDOWS) {
            rest = rest.replace('\\', '/');
            if (rest.length() >= 2 && rest.charAt(1) == ':' && Character.isLetter(rest.charAt(0))) {
                rest = rest.substring(2);
            }
        }
        if (!rest.startsWith("/")) {
            return Optional.empty();
        }
        Path path = root;
        for (String part : rest.split("/")) {
            if (part.equals("..")) {
                return Optional.empty();
            }
            if (!part.isEmpty() && !part.equals(".")) {
                path = path.resolve(part);
            }
        }
        return Optional.of(path);
    }
}
