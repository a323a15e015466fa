package io.envaudit.cli;

import io.envaudit.listings.ListingFormat;
import io.envaudit.listings.LockSelection;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which environment and platform to read of a lock file that locks several: the options of the commands that read
 * listings ({@code audit}, {@code convert}, {@code agent publish --from}). A listing of one environment on one
 * platform is read as it is, so they apply to every lock file named and leave the other files alone; given where no
 * listing read has a use for them, they are reported, never silently ignored.
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

    /** Warns of each option given that none of the listings read (by their formats) could use. */
    void warnIfUnused(Collection<ListingFormat> read, PrintWriter warnings) {
        List<String> unused = new ArrayList<>();
        if (pixiEnvironment != null && !read.contains(ListingFormat.PIXI_LOCK)) {
            unused.add("--pixi-environment");
        }
        if (platform != null && !read.contains(ListingFormat.PIXI_LOCK) && !read.contains(ListingFormat.CONDA_LOCK)) {
            unused.add("--platform");
        }
        if (!unused.isEmpty()) {
            warnings.println("warning: " + String.join(" and ", unused) + " not used: no listing read locks several environments or "
                    + "platforms" + (read.isEmpty() ? "" : " (" + String.join(", ", read.stream().map(ListingFormat::id).distinct().toList()) + ")"));
            warnings.flush();
        }
    }
}
