package io.envaudit.agent.read;

import io.envaudit.schemas.Installer;

import java.nio.file.Path;

/**
 * A folder of installed Python distributions and who put the ones conda did not there: pip (and uv...)
 * in an environment's site-packages, the OS package manager in Debian's {@code /usr/lib/python3/dist-packages}.
 */
public record SiteFolder(Path folder, Installer installer) {
}
