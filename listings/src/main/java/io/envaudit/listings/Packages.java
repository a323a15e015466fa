package io.envaudit.listings;

import io.envaudit.engine.names.Channel;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;

/** The package records listings produce: names and versions as written, channels canonical. */
final class Packages {
    private Packages() {
    }

    /**
     * A conda package.
     *
     * @param channel the canonical channel, or null when the listing does not say (an export names no channel
     *                per package); the channel's subdir is used when {@code subdir} is null
     * @param subdir  the package's subdir, or null
     */
    static InstalledPackage conda(String name, String version, String build, Channel channel, String subdir) {
        String packageSubdir = subdir != null ? subdir : channel == null || channel.subdir().isEmpty() ? null : channel.subdir();
        return InstalledPackage.newBuilder()
                .setName(name)
                .setVersion(version)
                .setInstaller(Installer.CONDA)
                .setChannel(channel == null ? null : channel.toString())
                .setSubdir(packageSubdir)
                .setBuild(build == null || build.isEmpty() ? null : build)
                .build();
    }

    /** A package pip installed, from PyPI or an index like it. */
    static InstalledPackage pip(String name, String version) {
        return InstalledPackage.newBuilder()
                .setName(name)
                .setVersion(version)
                .setInstaller(Installer.PIP)
                .setChannel(Channel.PYPI)
                .build();
    }

    /** A distribution a listing shows without saying who installed it or where from. */
    static InstalledPackage ofUnknownInstaller(String name, String version) {
        return InstalledPackage.newBuilder()
                .setName(name)
                .setVersion(version)
                .setInstaller(Installer.UNKNOWN)
                .build();
    }
}
