package io.envaudit.engine.names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Canonical channels from what listings and records write: a blank {@code conda list} column, a name,
 * a {@code name/label/x} path, or a URL to a channel, a subdir or a package file, on anaconda.org, the
 * Anaconda repository or a mirror of either. The rules, with their sources, are in
 * {@code vectors/channels/PROVENANCE.md}.
 */
public final class Channels {
    /**
     * conda's default channels are {@code pkgs/main}, {@code pkgs/r} and, on Windows, {@code pkgs/msys2}
     * ({@code conda/base/constants.py}); older condas also had {@code pkgs/free} and {@code pkgs/pro}.
     * Any URL whose path has {@code pkgs/<one of these>} is the defaults channel or a mirror of it.
     */
    private static final Set<String> DEFAULT_CHANNEL_PARTS = Set.of("main", "r", "free", "msys2", "pro");
    /** conda's {@code PLATFORM_DIRECTORIES}: the path segments conda recognizes as a channel's subdir. */
    private static final Set<String> SUBDIRS = Set.of("noarch", "linux-64", "linux-32", "linux-aarch64",
            "linux-armv6l", "linux-armv7l", "linux-ppc64le", "linux-ppc64", "linux-s390x", "linux-riscv64",
            "osx-64", "osx-arm64", "win-64", "win-32", "win-arm64", "zos-z", "freebsd-64", "emscripten-wasm32",
            "wasi-wasm32");
    /** conda lists pip installs as {@code pypi} (conda 4.6+), {@code <pip>} (older) or {@code <develop>} (editable). */
    private static final Set<String> PIP_MARKERS = Set.of("pypi", "<pip>", "<develop>");
    private static final Set<String> PYPI_HOSTS = Set.of("pypi.org", "files.pythonhosted.org", "pypi.python.org");

    private Channels() {
    }

    public static boolean isSubdir(String segment) {
        return SUBDIRS.contains(segment);
    }

    public static Channel canonical(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty() || text.equalsIgnoreCase(Channel.DEFAULTS)) {
            return new Channel(Channel.DEFAULTS, "", "");
        }
        if (PIP_MARKERS.contains(text.toLowerCase(Locale.ROOT))) {
            return new Channel(Channel.PYPI, "", "");
        }
        String host = "";
        String path = text;
        int scheme = text.indexOf("://");
        if (scheme >= 0) {
            String rest = text.substring(scheme + 3);
            int slash = rest.indexOf('/');
            host = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
            path = slash < 0 ? "" : rest.substring(slash + 1);
        }
        if (PYPI_HOSTS.contains(host)) {
            return new Channel(Channel.PYPI, "", "");
        }
        List<String> parts = new ArrayList<>(Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList());
        if (!parts.isEmpty() && isPackageFile(parts.get(parts.size() - 1))) {
            parts.remove(parts.size() - 1);
        }
        String subdir = "";
        if (!parts.isEmpty() && isSubdir(parts.get(parts.size() - 1).toLowerCase(Locale.ROOT))) {
            subdir = parts.remove(parts.size() - 1).toLowerCase(Locale.ROOT);
        }
        int pkgs = parts.indexOf("pkgs");
        if (pkgs >= 0 && pkgs + 1 < parts.size() && DEFAULT_CHANNEL_PARTS.contains(parts.get(pkgs + 1))) {
            return new Channel(Channel.DEFAULTS, "", subdir);
        }
        int label = parts.indexOf("label");
        if (label > 0 && label + 1 < parts.size()) {
            return new Channel(lower(parts.get(label - 1)), parts.get(label + 1), subdir);
        }
        if (parts.isEmpty()) {
            return new Channel(host.isEmpty() ? lower(text) : host, "", subdir);
        }
        // conda.anaconda.org/<channel>, or a mirror's .../anaconda/cloud/<channel>: the channel is the last part
        return new Channel(lower(parts.get(parts.size() - 1)), "", subdir);
    }

    /**
     * Which member of the defaults multichannel a channel text names ({@code main} for
     * {@code pkgs/main} or {@code https://repo.anaconda.com/pkgs/main/linux-64}), or null when it names
     * none, as a bare {@code defaults} or a blank column does.
     */
    public static String defaultsMember(String raw) {
        if (raw == null) {
            return null;
        }
        List<String> parts = Arrays.asList(raw.strip().split("/"));
        int pkgs = parts.indexOf("pkgs");
        return pkgs >= 0 && pkgs + 1 < parts.size() && DEFAULT_CHANNEL_PARTS.contains(parts.get(pkgs + 1))
                ? parts.get(pkgs + 1) : null;
    }

    private static boolean isPackageFile(String part) {
        return part.endsWith(".conda") || part.endsWith(".tar.bz2") || part.endsWith(".whl") || part.endsWith(".tar.gz")
                || part.endsWith(".zip");
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
