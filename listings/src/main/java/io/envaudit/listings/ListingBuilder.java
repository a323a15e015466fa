package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What a parser gathers while it reads, turned into a {@link ParsedListing} at the end. */
final class ListingBuilder {
    private final ListingFormat format;
    private final List<InstalledPackage> packages = new ArrayList<>();
    private final List<Integer> packageLines = new ArrayList<>();
    private final List<SkippedLine> skipped = new ArrayList<>();
    private Platform platform = Platform.newBuilder().build();
    private String environmentName;
    private String prefix;
    private EnvironmentManager manager = EnvironmentManager.UNKNOWN;
    private boolean partial;

    ListingBuilder(ListingFormat format) {
        this.format = format;
    }

    /** @param line the line the package is written on, 1 for the first; 0 when the format gives no position */
    ListingBuilder add(InstalledPackage p, int line) {
        packages.add(p);
        packageLines.add(line);
        return this;
    }

    ListingBuilder skip(int line, String text, String reason) {
        skipped.add(new SkippedLine(line, text.strip(), reason));
        return this;
    }

    ListingBuilder platform(Platform platform) {
        this.platform = platform;
        return this;
    }

    ListingBuilder environmentName(String name) {
        this.environmentName = name;
        return this;
    }

    ListingBuilder prefix(String prefix) {
        this.prefix = prefix;
        return this;
    }

    ListingBuilder manager(EnvironmentManager manager) {
        this.manager = manager;
        return this;
    }

    ListingBuilder partial(boolean partial) {
        this.partial = partial;
        return this;
    }

    /** The listing, its skipped lines in line order (a parser may decide some only once it has read them all). */
    ParsedListing build() {
        skipped.sort(Comparator.comparingInt(SkippedLine::line));
        return new ParsedListing(format, packages, packageLines, platform, environmentName, prefix, manager, partial, skipped);
    }
}
