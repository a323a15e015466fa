package io.envaudit.agent.host;

import java.util.Locale;
import java.util.Optional;

/**
 * The three OS families the agent knows the layout of, as the configuration names them ({@code layout:
 * linux}) and as conda names them ({@code linux}, {@code osx}, {@code win}: the snapshot's {@code os}).
 */
public enum OsFamily {
    LINUX("linux", "linux"),
    MACOS("macos", "osx"),
    WINDOWS("windows", "win");

    private final String configName;
    private final String condaName;

    OsFamily(String configName, String condaName) {
        this.configName = configName;
        this.condaName = condaName;
    }

    public String configName() {
        return configName;
    }

    public String condaName() {
        return condaName;
    }

    /** The family of an OS as the JVM names it ({@code os.name}: Linux, Mac OS X, Windows 11...); empty for others (FreeBSD...). */
    public static Optional<OsFamily> of(String osName) {
        String name = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return Optional.of(LINUX);
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return Optional.of(MACOS);
        }
        if (name.startsWith("windows")) {
            return Optional.of(WINDOWS);
        }
        return Optional.empty();
    }

    /** This machine's family; another Unix is laid out like Linux as far as the agent knows. */
    public static OsFamily ofHost() {
        return of(System.getProperty("os.name")).orElse(LINUX);
    }

    /** The family a configuration names: {@code linux}, {@code macos} or {@code windows}. */
    public static Optional<OsFamily> named(String configName) {
        for (OsFamily family : values()) {
            if (family.configName.equals(configName)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }
}
