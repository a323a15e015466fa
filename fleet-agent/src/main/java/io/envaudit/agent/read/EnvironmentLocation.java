package io.envaudit.agent.read;

import io.envaudit.schemas.EnvironmentManager;

import java.nio.file.Path;
import java.util.List;

/**
 * An environment found on disk, and where its packages are.
 *
 * @param name          the conda env name or venv folder name; null when it has none
 * @param siteFolders   its site-packages folders, in the order Python searches them
 * @param pythonVersion the Python version when discovery already knows it from files (a system Python); null otherwise
 */
public record EnvironmentLocation(Path prefix, EnvironmentManager manager, String name, List<SiteFolder> siteFolders,
                                  String pythonVersion) {
    public EnvironmentLocation {
        siteFolders = List.copyOf(siteFolders);
    }

    public EnvironmentLocation withName(String newName) {
        return new EnvironmentLocation(prefix, manager, newName, siteFolders, pythonVersion);
    }
}
