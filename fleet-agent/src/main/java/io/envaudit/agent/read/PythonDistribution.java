package io.envaudit.agent.read;

import io.envaudit.engine.names.PackageName;

import java.nio.file.Path;
import java.util.List;

/**
 * One installed Python distribution as its metadata folder records it.
 *
 * @param metadata     the {@code .dist-info} or {@code .egg-info} folder (or egg-info file)
 * @param requires     Requires-Dist lines; for an egg, {@code requires.txt} converted as pip does
 * @param installerTool what {@code INSTALLER} names (pip, uv, conda, debian...); null when absent
 * @param directUrl    where a URL install came from ({@code direct_url.json}); null for index installs
 */
public record PythonDistribution(String name, String version, List<String> requires, String installerTool,
                                 DirectUrl directUrl, Path metadata) {

    public String normalizedName() {
        return PackageName.normalize(name);
    }

    public boolean isDistInfo() {
        return metadata.getFileName().toString().endsWith(".dist-info");
    }
}
