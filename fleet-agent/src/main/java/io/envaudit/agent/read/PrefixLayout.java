package io.envaudit.agent.read;

import io.envaudit.schemas.Installer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an environment prefix keeps its packages: {@code lib/pythonX.Y/site-packages} on Linux and macOS
 * ({@code pythonX.Yt} for a free-threaded build), {@code Lib/site-packages} on Windows.
 */
public final class PrefixLayout {
    private PrefixLayout() {
    }

    /** The site-packages folders that exist under the prefix, as pip-installed folders. */
    public static List<SiteFolder> siteFolders(Path prefix) {
        List<SiteFolder> out = new ArrayList<>();
        Path lib = prefix.resolve("lib");
        if (Files.isDirectory(lib)) {
            List<Path> pythons = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(lib, "python*")) {
                stream.forEach(pythons::add);
            } catch (IOException e) {
                // unreadable lib/: the reader finds no site-packages and the snapshot shows no pip packages
            }
            pythons.sort(null);
            for (Path python : pythons) {
                Path site = python.resolve("site-packages");
                if (Files.isDirectory(site)) {
                    out.add(new SiteFolder(site, Installer.PIP));
                }
            }
        }
        Path windows = prefix.resolve("Lib").resolve("site-packages");
        if (Files.isDirectory(windows) && out.stream().noneMatch(s -> isSameFile(s.folder(), windows))) {
            out.add(new SiteFolder(windows, Installer.PIP));
        }
        return out;
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code X.Y} from a {@code lib/pythonX.Y[t]/site-packages} folder, or null. */
    public static String pythonMinorOf(Path siteFolder) {
        Path parent = siteFolder.getParent();
        if (parent == null || parent.getFileName() == null) {
            return null;
        }
        String name = parent.getFileName().toString();
        if (!name.startsWith("python")) {
            return null;
        }
        String version = name.substring("python".length());
        if (version.endsWith("t")) {
            version = version.substring(0, version.length() - 1);
        }
        return version.matches("\\d+\\.\\d+") ? version : null;
    }
}
