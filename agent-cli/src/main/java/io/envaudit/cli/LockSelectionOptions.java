package io.envaudit.cli;

import io.envaudit.listings.LockSelection;
import picocli.CommandLine.Option;

/**
 * Which environment and platform to read of a lock file that locks several: the options of the commands that read
 * listings ({@code audit}, {@code convert}, {@code agent publish --from}). A listing of one environment on one
 * platform is read as it is, so they apply to every lock file named and leave the other files alone.
 */
final class LockSelectionOptions {

    @Option(names = "--pixi-environment", paramLabel = "NAME",
            description = "Read this environment of a pixi.lock (default: default, else the lock's first).")
    String pixiEnvironment;

    @Option(names = "--platform", paramLabel = "PLATFORM",
            description = "Read this platform of a lock file that locks several (conda-lock.yml, pixi.lock): a conda subdir such as "
                    + "linux-64, or a pixi.lock's platform name (default: the first the lock lists).")
    String platform;

    LockSelection selection() {
        return new LockSelection(pixiEnvironment, platform);
    }
}
