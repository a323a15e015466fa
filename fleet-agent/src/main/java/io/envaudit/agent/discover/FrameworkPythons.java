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
 * A Mac's interpreters outside any environment, all framework builds: python.org's
 * ({@code /Library/Frameworks/Python.framework/Versions/3.X}), Homebrew's {@code python@3.X} formulae
 * ({@code $(brew --prefix)/opt/python@3.X/Frameworks/Python.framework/Versions/3.X}, whose
 * {@code lib/python3.X/site-packages} Homebrew links to {@code $(brew --prefix)/lib/python3.X/site-packages} so
 * that packages outlive upgrades), and Apple's of the Command Line Tools, which is the OS's {@code /usr/bin/python3}.
 * Each is listed with the agent user's site-packages first, as {@code sys.path} has them: a framework build's
 * is {@code ~/Library/Python/3.X/lib/python/site-packages}. Each one's version is in its
 * {@code include/python3.X/patchlevel.h}.
 */
final class FrameworkPythons {
    /** Version folders ({@code 3.12}), not the {@code Current} link to one of them. */
    private static final String VERSIONS = "[0-9]*.[0-9]*";
    /** {@code brew --prefix}: Apple silicon, then Intel. */
    private static final List<String> HOMEBREW = List.of("opt/homebrew", "usr/local");

    private FrameworkPythons() {
    }

    static List<EnvironmentLocation> find(Path root, Optional<Path> agentHome, List<ReadProblem> problems) {
        List<EnvironmentLocation> out = new ArrayList<>();
        for (Path version : SubFolders.of(root.resolve("Library/Frameworks/Python.framework/Versions"), VERSIONS, problems)) {
            framework(version, EnvironmentManager.UNKNOWN, "python" + version.getFileName() + " (python.org)", agentHome)
                    .ifPresent(out::add);
        }
        for (String brew : HOMEBREW) {
            for (Path formula : SubFolders.of(root.resolve(brew).resolve("opt"), "python@3*", problems)) {
                for (Path version : SubFolders.of(formula.resolve("Frameworks/Python.framework/Versions"), VERSIONS, problems)) {
                    framework(version, EnvironmentManager.UNKNOWN, formula.getFileName() + " (Homebrew)", agentHome)
                            .ifPresent(out::add);
                }
            }
        }
        Path apple = root.resolve("Library/Developer/CommandLineTools/Library/Frameworks/Python3.framework/Versions");
        for (Path version : SubFolders.of(apple, VERSIONS, problems)) {
            framework(version, EnvironmentManager.SYSTEM, "python" + version.getFileName() + " (Apple)", agentHome)
                    .ifPresent(out::add);
        }
        return out;
    }

    /** A framework's version folder is its interpreter's prefix; without a site-packages it is no install. */
    private static Optional<EnvironmentLocation> framework(Path version, EnvironmentManager manager, String name,
                                                           Optional<Path> agentHome) {
        List<SiteFolder> own = PrefixLayout.siteFolders(version);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        List<SiteFolder> folders = new ArrayList<>();
        agentHome.map(home -> home.resolve("Library/Python").resolve(version.getFileName().toString()).resolve("lib/python/site-packages"))
                .filter(Files::isDirectory)
                .ifPresent(site -> folders.add(new SiteFolder(site, Installer.PIP)));
        folders.addAll(own);
        return Optional.of(new EnvironmentLocation(version, manager, name, folders, null));
    }
}
