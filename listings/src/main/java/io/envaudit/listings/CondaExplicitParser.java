package io.envaudit.listings;

import io.envaudit.engine.names.Channel;
import io.envaudit.engine.names.Channels;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.Platform;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code conda list --explicit}: comments and {@code # platform: SUBDIR}, the {@code @EXPLICIT} line, then
 * one package file URL per package, optionally followed by {@code #<md5>} or {@code #sha256:<hash>}. Each URL
 * gives the channel, the subdir, and from the file name the name, version and build. conda leaves pip
 * installs out of this format, so the listing is partial: a Python package it does not show may be there.
 * Without a platform line, the platform is the one subdir other than {@code noarch} the URLs agree on.
 */
final class CondaExplicitParser implements ListingParser {
    static final String MARKER = "@EXPLICIT";

    @Override
    public ParsedListing parse(ListingText text) {
        ListingBuilder listing = new ListingBuilder(ListingFormat.CONDA_EXPLICIT).manager(EnvironmentManager.CONDA).partial(true);
        List<String> lines = text.lines();
        boolean explicit = false;
        Platform stated = null;
        List<String> subdirs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Platform platform = PlatformLine.read(line);
            if (platform != null) {
                stated = platform;
            } else if (line.equals(MARKER)) {
                explicit = true;
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                if (!explicit) {
                    throw text.error(i + 1, "expected the @EXPLICIT line before the first package URL");
                }
                try {
                    // the checksum after '#' is no part of the URL conda fetches
                    String url = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
                    CondaFileName file = CondaFileName.ofUrl(url);
                    Channel channel = Channels.canonical(url);
                    subdirs.add(channel.subdir());
                    listing.add(Packages.conda(file.name(), file.version(), file.build(), channel, null), i + 1);
                } catch (UnreadableLine e) {
                    listing.skip(i + 1, line, e.getMessage());
                }
            }
        }
        if (!explicit) {
            throw text.error(0, "expected an @EXPLICIT line (conda list --explicit)");
        }
        if (stated != null) {
            listing.platform(stated);
        } else {
            Subdirs.platformAgreedOn(subdirs).ifPresent(listing::platform);
        }
        return listing.build();
    }
}
