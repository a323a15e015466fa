package io.envaudit.agent.discover;

import io.envaudit.agent.read.EnvironmentLocation;
import io.envaudit.agent.read.SiteFolder;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.Installer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OS's own Python 3 ({@code /usr/bin/python3}) as one environment with prefix {@code /usr}, its
 * folders in the order {@code sys.path} has them: the user's site-packages and {@code /usr/local} (where
 * {@code pip install} writes: PIP), then the folders the OS's packages fill (OS). On Debian and Ubuntu
 * those are {@code /usr/lib/python3/dist-packages} and {@code /usr/lib/python3.X/dist-packages}: pip never
 * writes there, so everything in them comes from a deb. Elsewhere (Fedora, Arch) they are
 * {@code /usr/lib64/python3.X/site-packages} and {@code /usr/lib/python3.X/site-packages}.
 *
 * <p>Every other user whose home has a user site-packages ({@code ~/.local/lib/python3.X/site-packages}, where
 * {@code pip install --user} writes) imports from it first: for them {@code python3} is another environment, with
 * prefix {@code ~/.local}, that user's site-packages and then the system's folders. Their pip packages are
 * judged against what they import beside, the OS's packages included.
 *
 * <p>The full version comes from dpkg's record of the interpreter's package ({@code python3.11-minimal
 * 3.11.2-6} is 3.11.2), never from running it.
 */
final class SystemPython {
    private static final Pattern MINOR = Pattern.compile("python(3\\.\\d+)");

    private SystemPython() {
    }

    /**
     * @param homes     the users' homes: each one with a user site-packages, but the agent's own, is an environment
     * @param agentHome whose user site-packages the system's environment includes: the agent's own user's, when that
     *                  home is under the root
     */
    static List<EnvironmentLocation> find(Path root, List<Path> homes, Optional<Path> agentHome) {
        Path usr = root.resolve("usr");
        String minor = minorVersion(usr);
        if (minor == null) {
            return List.of();
        }
        String python = "python" + minor;
        List<SiteFolder> systemFolders = systemFolders(usr, python);
        String version = dpkgVersion(root.resolve("var/lib/dpkg/status"), python + "-minimal");
        List<EnvironmentLocation> found = new ArrayList<>();
        List<SiteFolder> agentFolders = new ArrayList<>();
        agentHome.ifPresent(home -> addIfPresent(agentFolders, userSite(home, python), Installer.PIP));
        agentFolders.addAll(systemFolders);
        if (!agentFolders.isEmpty()) {
            found.add(new EnvironmentLocation(usr, EnvironmentManager.SYSTEM, python + " (system)", agentFolders, version));
        }
        for (Path home : homes) {
            if (agentHome.filter(home::equals).isEmpty() && Files.isDirectory(userSite(home, python))) {
                List<SiteFolder> folders = new ArrayList<>(List.of(new SiteFolder(userSite(home, python), Installer.PIP)));
                folders.addAll(systemFolders);
                found.add(new EnvironmentLocation(home.resolve(".local"), EnvironmentManager.SYSTEM,
                        python + " (system, user " + home.getFileName() + ")", folders, version));
            }
        }
        return found;
    }

    private static Path userSite(Path home, String python) {
        return home.resolve(".local/lib").resolve(python).resolve("site-packages");
    }

    /** The folders every user's {@code python3} imports from, after their own user site-packages. */
    private static List<SiteFolder> systemFolders(Path usr, String python) {
        List<SiteFolder> folders = new ArrayList<>();
        Path debian = usr.resolve("lib/python3/dist-packages");
        if (Files.isDirectory(debian)) {
            addIfPresent(folders, usr.resolve("local/lib").resolve(python).resolve("dist-packages"), Installer.PIP);
            addIfPresent(folders, debian, Installer.OS);
            addIfPresent(folders, usr.resolve("lib").resolve(python).resolve("dist-packages"), Installer.OS);
        } else {
            addIfPresent(folders, usr.resolve("local/lib64").resolve(python).resolve("site-packages"), Installer.PIP);
            addIfPresent(folders, usr.resolve("local/lib").resolve(python).resolve("site-packages"), Installer.PIP);
            addIfPresent(folders, usr.resolve("lib64").resolve(python).resolve("site-packages"), Installer.OS);
            addIfPresent(folders, usr.resolve("lib").resolve(python).resolve("site-packages"), Installer.OS);
        }
        return folders;
    }

    /** {@code 3.11} from the {@code /usr/bin/python3} link, or the newest {@code /usr/lib/python3.X} with an os.py. */
    static String minorVersion(Path usr) {
        Path python3 = usr.resolve("bin/python3");
        try {
            if (Files.isSymbolicLink(python3)) {
                Matcher m = MINOR.matcher(Files.readSymbolicLink(python3).getFileName().toString());
                if (m.matches()) {
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            // look at the library folders instead
        }
        String newest = null;
        int newestMinor = -1;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(usr.resolve("lib"), "python3.*")) {
            for (Path lib : stream) {
                Matcher m = MINOR.matcher(lib.getFileName().toString());
                if (m.matches() && Files.isRegularFile(lib.resolve("os.py"))) {
                    int minor = Integer.parseInt(m.group(1).substring(2));
                    if (minor > newestMinor) {
                        newestMinor = minor;
                        newest = m.group(1);
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return newest;
    }

    /** The upstream part of an installed deb's version ({@code 3.11.2-6+deb12u6} is 3.11.2), or null. */
    static String dpkgVersion(Path status, String packageName) {
        if (!Files.isRegularFile(status)) {
            return null;
        }
        try (BufferedReader in = Files.newBufferedReader(status, StandardCharsets.ISO_8859_1)) {
            boolean inPackage = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("Package: ")) {
                    inPackage = line.substring("Package: ".length()).strip().equals(packageName);
                } else if (inPackage && line.startsWith("Version: ")) {
                    return upstream(line.substring("Version: ".length()).strip());
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    static String upstream(String debianVersion) {
        String version = debianVersion;
        int epoch = version.indexOf(':');
        if (epoch >= 0) {
            version = version.substring(epoch + 1);
        }
        int revision = version.lastIndexOf('-');
        return revision > 0 ? version.substring(0, revision) : version;
    }

    private static void addIfPresent(List<SiteFolder> folders, Path folder, Installer installer) {
        if (Files.isDirectory(folder)) {
            folders.add(new SiteFolder(folder, installer));
        }
    }
}
