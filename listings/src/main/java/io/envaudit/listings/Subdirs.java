package io.envaudit.listings;

import io.envaudit.engine.names.Channels;
import io.envaudit.schemas.Platform;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The platform a conda subdir stands for. conda names a platform by its subdir ({@code linux-64}); the
 * snapshot keeps the subdir and spells out its operating system and machine as conda's virtual packages
 * and Python's {@code platform.machine()} do on Linux and macOS ({@code x86_64}, {@code aarch64}, {@code arm64}).
 */
final class Subdirs {
    private record OsArch(String os, String arch) {
    }

    private static final Map<String, OsArch> PLATFORMS = Map.ofEntries(
            Map.entry("linux-64", new OsArch("linux", "x86_64")),
            Map.entry("linux-32", new OsArch("linux", "x86")),
            Map.entry("linux-aarch64", new OsArch("linux", "aarch64")),
            Map.entry("linux-armv6l", new OsArch("linux", "armv6l")),
            Map.entry("linux-armv7l", new OsArch("linux", "armv7l")),
            Map.entry("linux-ppc64le", new OsArch("linux", "ppc64le")),
            Map.entry("linux-ppc64", new OsArch("linux", "ppc64")),
            Map.entry("linux-s390x", new OsArch("linux", "s390x")),
            Map.entry("linux-riscv64", new OsArch("linux", "riscv64")),
            Map.entry("osx-64", new OsArch("osx", "x86_64")),
            Map.entry("osx-arm64", new OsArch("osx", "arm64")),
            Map.entry("win-64", new OsArch("win", "x86_64")),
            Map.entry("win-32", new OsArch("win", "x86")),
            Map.entry("win-arm64", new OsArch("win", "arm64")));

    private Subdirs() {
    }

    /** Whether conda knows the subdir ({@code noarch} included). */
    static boolean isSubdir(String text) {
        return text != null && Channels.isSubdir(text.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The platform subdir a conda package's name ends in after an underscore ({@code linux-64} of
     * {@code ld_impl_linux-64}, {@code osx-arm64} of {@code clang_osx-arm64}), or null when it ends in none.
     */
    static String ofNameSuffix(String packageName) {
        String name = packageName.toLowerCase(Locale.ROOT);
        return PLATFORMS.keySet().stream()
                .filter(subdir -> name.length() > subdir.length() + 1 && name.endsWith("_" + subdir))
                .findFirst().orElse(null);
    }

    /**
     * The platform of a listing's packages by their subdirs: the one subdir other than {@code noarch} they agree on;
     * none when they name none or several. Nulls (packages with no subdir) are ignored.
     */
    static Optional<Platform> platformAgreedOn(Collection<String> subdirs) {
        List<String> platforms = subdirs.stream()
                .filter(subdir -> subdir != null && !subdir.isEmpty() && !subdir.equals("noarch")).distinct().toList();
        return platforms.size() == 1 ? Optional.of(platform(platforms.get(0))) : Optional.empty();
    }

    /** The platform of one subdir: the subdir, and its OS and machine when it names a platform (not {@code noarch}). */
    static Platform platform(String subdir) {
        String name = subdir.strip().toLowerCase(Locale.ROOT);
        Platform.Builder platform = Platform.newBuilder().setSubdir(name);
        OsArch osArch = PLATFORMS.get(name);
        if (osArch != null) {
            platform.setOs(osArch.os()).setArch(osArch.arch());
        }
        return platform.build();
    }
}
