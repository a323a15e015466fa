package io.envaudit.listings;

import io.envaudit.engine.names.Channel;
import io.envaudit.engine.names.Channels;
import io.envaudit.schemas.InstalledPackage;

/**
 * One row of a {@code conda list} table: name, version, build and channel, separated by any run of
 * spaces (conda pads columns to widths that changed between releases). The channel column is blank for
 * conda's defaults channels and otherwise a name ({@code conda-forge}), a label path
 * ({@code nvidia/label/cuda-11.8.0}) or, with {@code --show-channel-urls} or a mirror, a URL. pip installs
 * show as {@code pypi_0 pypi} (conda 4.6 and later), {@code <pip>} in the build column (older conda), or
 * {@code dev_0 <develop>} (an editable install); their build column is conda's placeholder, not a build.
 */
final class CondaListRow {
    private CondaListRow() {
    }

    static InstalledPackage parse(String row) throws UnreadableLine {
        String[] columns = row.strip().split("\\s+");
        if (columns.length < 3 || columns.length > 4) {
            throw new UnreadableLine("expected a conda list row: name, version, build and an optional channel; found "
                    + columns.length + " column" + (columns.length == 1 ? "" : "s"));
        }
        String name = columns[0];
        String version = columns[1];
        String build = columns[2];
        if (isPipMarker(build)) {
            if (columns.length == 4) {
                throw new UnreadableLine("expected nothing after the " + build + " marker");
            }
            return Packages.pip(name, version);
        }
        Channel channel = Channels.canonical(columns.length == 4 ? columns[3] : null);
        if (channel.isPypi()) {
            return Packages.pip(name, version);
        }
        return Packages.conda(name, version, build, channel, null);
    }

    private static boolean isPipMarker(String build) {
        return build.equals("<pip>") || build.equals("<develop>");
    }
}
