package io.envaudit.listings;

import io.envaudit.schemas.Platform;

/** The {@code # platform: linux-64} comment conda writes at the top of {@code --export} and {@code --explicit} listings. */
final class PlatformLine {
    private static final String PLATFORM = "# platform:";

    private PlatformLine() {
    }

    /** The platform the line names, or null when it is not a platform line (or names no subdir conda knows). */
    static Platform read(String line) {
        String stripped = line.strip();
        if (!stripped.startsWith(PLATFORM)) {
            return null;
        }
        String subdir = stripped.substring(PLATFORM.length()).strip();
        return Subdirs.isSubdir(subdir) ? Subdirs.platform(subdir) : null;
    }
}
