package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Platform;

import java.util.List;

/**
 * {@code conda list --export}: {@code # platform: SUBDIR}, then {@code name=version=build} per package.
 * pip installs carry conda's placeholder build {@code pypi_0} ({@code dev_0} when editable, {@code <pip>} in
 * older conda). The format
 * names no channel and no subdir per package, so those stay unknown; the platform comes from its line.
 */
final class CondaExportParser implements ListingParser {

    @Override
    public ParsedListing parse(ListingText text) {
        ListingBuilder listing = new ListingBuilder(ListingFormat.CONDA_EXPORT).manager(EnvironmentManager.CONDA);
        List<String> lines = text.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Platform platform = PlatformLine.read(line);
            if (platform != null) {
                listing.platform(platform);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                try {
                    listing.add(row(line), i + 1);
                } catch (UnreadableLine e) {
                    listing.skip(i + 1, line, e.getMessage());
                }
            }
        }
        return listing.build();
    }

    private static InstalledPackage row(String line) throws UnreadableLine {
        String[] parts = line.split("=", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty() || line.contains(" ")) {
            throw new UnreadableLine("expected name=version=build");
        }
        String build = parts[2];
        if (build.equals("pypi_0") || build.equals("dev_0") || build.equals("<pip>")) {
            return Packages.pip(parts[0], parts[1]);
        }
        return Packages.conda(parts[0], parts[1], build, null, null);
    }
}
