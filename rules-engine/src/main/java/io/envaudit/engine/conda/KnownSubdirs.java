package io.envaudit.engine.conda;

import io.envaudit.engine.names.Channels;

/** Splitting a channel written with its subdir ({@code conda-forge/linux-64}) as conda's MatchSpec does. */
final class KnownSubdirs {
    private KnownSubdirs() {
    }

    static boolean contains(String segment) {
        return Channels.isSubdir(segment);
    }

    /** {@code [channel, subdir]} when the last path segment is a known subdir, else {@code [channel, null]}. */
    static String[] split(String channel) {
        String trimmed = channel;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        if (slash > 0 && contains(trimmed.substring(slash + 1))) {
            return new String[] {trimmed.substring(0, slash), trimmed.substring(slash + 1)};
        }
        return new String[] {channel, null};
    }
}
