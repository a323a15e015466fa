package io.envaudit.cli;

import io.envaudit.engine.audit.PackageRef;
import io.envaudit.listings.ListingText;
import io.envaudit.listings.ParsedListing;
import io.envaudit.listings.SkippedLine;
import io.envaudit.schemas.InstalledPackage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a listing writes each of its packages, so that a report can point at the line of an offending package
 * (SARIF regions), and the lines it skipped as naming no package, so that a report can say what was left out.
 * Snapshot JSON has none: its packages are found by name in the snapshot, not by line.
 */
final class PackageLines {
    /** The lines of snapshot JSON: none. */
    static final PackageLines NONE = new PackageLines(List.of(), List.of(), List.of(), List.of());

    /** A line of the file: its number (1 for the first) and its text as written. */
    record Line(int number, String text) {
    }

    private final List<InstalledPackage> packages;
    private final List<Integer> numbers;
    private final List<String> text;
    private final List<SkippedLine> skipped;

    private PackageLines(List<InstalledPackage> packages, List<Integer> numbers, List<String> text, List<SkippedLine> skipped) {
        this.packages = packages;
        this.numbers = numbers;
        this.text = text;
        this.skipped = skipped;
    }

    static PackageLines of(ParsedListing listing, ListingText text) {
        return new PackageLines(listing.packages(), listing.packageLines(), text.lines(), listing.skipped());
    }

    /** The lines that name no package, with the reason each was skipped: the warnings reading the listing gave. */
    List<SkippedLine> skipped() {
        return skipped;
    }

    /** Whether the snapshot was read from a listing, rather than from snapshot JSON. */
    boolean fromListing() {
        return this != NONE;
    }

    /**
     * The line that writes the package a conflict names: the first package of the same name, version, installer
     * and build (two packages equal in all of these are one line written twice, either serves).
     */
    Optional<Line> of(PackageRef ref) {
        for (int i = 0; i < packages.size(); i++) {
            InstalledPackage p = packages.get(i);
            int number = numbers.get(i);
            if (number > 0 && p.getName().equals(ref.name()) && p.getVersion().equals(ref.version())
                    && p.getInstaller().name().equals(ref.installer()) && Objects.equals(p.getBuild(), ref.build())) {
                return Optional.of(new Line(number, text.get(number - 1)));
            }
        }
        return Optional.empty();
    }
}
