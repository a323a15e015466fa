package io.envaudit.agent.discover;

import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.PrefixLayout;
import io.envaudit.agent.read.ReadProblem;
import io.envaudit.agent.read.SiteFolder;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.Installer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The interpreters python.org's installer put on a Windows machine, outside any environment: for one user in
 * {@code %LOCALAPPDATA%\Programs\Python\Python3XY} (its default), for all users in
 * {@code C:\Program Files\Python3XY} ({@code Program Files (x86)\Python3XY-32} for a 32-bit build) or, from
 * older installers, {@code C:\Python3XY}. Each is listed with its user's site-packages first, as
 * {@code sys.path} has them: {@code %APPDATA%\Python\Python3XY\site-packages}, named as the install folder
 * is. Each one's version is in its {@code include\patchlevel.h}.
 */
final class WindowsPythons {
    private static final String INSTALLS = "Python3*";

    private WindowsPythons() {
    }

    /** @param agentHome the user of the all-users installs' user site-packages: the agent's own */
    static List<EnvironmentLocation> find(Path root, List<Path> homes, Optional<Path> agentHome, List<ReadProblem> problems) {
        List<EnvironmentLocation> out = new ArrayList<>();
        for (Path home : homes) {
            for (Path install : SubFolders.of(home.resolve("AppData/Local/Programs/Python"), INSTALLS, problems)) {
                install(install, Optional.of(home)).ifPresent(out::add);
            }
        }
        for (Path folder : List.of(root.resolve("Program Files"), root.resolve("Program Files (x86)"), root)) {
            for (Path install : SubFolders.of(folder, INSTALLS, problems)) {
                install(install, agentHome).ifPresent(out::add);
            }
        }
        return out;
    }

    /** An install folder is its interpreter's prefix; without a {@code Lib\site-packages} it is no install. */
    private static Optional<EnvironmentLocation> install(Path install, Optional<Path> user) {
        List<SiteFolder> own = PrefixLayout.siteFolders(install);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        String name = install.getFileName().toString();
        List<SiteFolder> folders = new ArrayList<>();
        user.map(home -> home.resolve("AppData/Roaming/Python").resolve(name).resolve("site-packages"))
                .filter(Files::isDirectory)
                .ifPresent(site -> folders.add(new SiteFolder(site, Installer.PIP)));
        folders.addAll(own);
        return Optional.of(new EnvironmentLocation(install, EnvironmentManager.UNKNOWN, name + " (python.org)", folders, null));
    }
}
