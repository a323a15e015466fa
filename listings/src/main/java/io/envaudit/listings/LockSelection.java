package io.envaudit.listings;

/**
 * Which environment and platform to read of a lock file that locks several, since a snapshot is one environment
 * on one platform. A null field takes the format's default. Formats that hold one environment on one platform
 * have nothing to choose and read their listing as it is.
 *
 * @param environment a pixi environment's name; default {@code default}, else the lock's first environment
 * @param platform    a conda subdir ({@code linux-64}) or, in a pixi.lock of version 7, a platform's name; default
 *                    the first platform the lock lists (for the environment)
 */
public record LockSelection(String environment, String platform) {
    /** The format's defaults. */
    public static final LockSelection DEFAULTS = new LockSelection(null, null);
}
