package io.envaudit.cli;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.listings.ListingFormat;
import io.envaudit.listings.ListingIdentity;
import io.envaudit.listings.ListingSnapshots;
import io.envaudit.listings.ListingText;
import io.envaudit.listings.Listings;
import io.envaudit.listings.LockSelection;
import io.envaudit.listings.ParsedListing;
import io.envaudit.listings.SkippedLine;
import io.envaudit.schemas.EnvironmentSnapshot;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;

/**
 * A file named on the command line ({@code -} for stdin), read whole: snapshot JSON, or a listing that is
 * converted on the way (docs/listings.md). Either is text, UTF-8 or UTF-16 with its byte order mark; other bytes
 * are an error rather than garbled packages. A listing's lines that name no package are reported as warnings.
 */
final class InputFile {
    static final String STDIN = "-";

    private final String name;
    private final String text;
    private final Instant modified;

    private InputFile(String name, String text, Instant modified) {
        this.name = name;
        this.text = text;
        this.modified = modified;
    }

    /**
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws io.envaudit.listings.ListingException when its bytes are not text ({@link ListingText#decode}), naming the
     *                                               file and the offset of the first that is not
     */
    static InputFile read(String name) throws IOException {
        if (name.equals(STDIN)) {
            return new InputFile(name, ListingText.decode(name, System.in.readAllBytes()), Instant.now());
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            throw new IOException("it is a directory");
        }
        return new InputFile(name, ListingText.decode(name, Files.readAllBytes(path)), Files.getLastModifiedTime(path).toInstant());
    }

    String name() {
        return name;
    }

    /** Snapshot JSON is an object; no listing format starts with a brace. */
    boolean isSnapshotJson() {
        return text.stripLeading().startsWith("{");
    }

    /**
     * The snapshots of a snapshot JSON file: one, or several one after another (as {@code agent scan} prints them).
     *
     * @throws io.envaudit.engine.json.PlainJsonException naming the file, line, column and field
     */
    List<EnvironmentSnapshot> snapshotsJson() {
        return AvroPlainJson.readAll(new StringReader(text), name, EnvironmentSnapshot.getClassSchema());
    }

    /** A listing's snapshot, the line each of its packages is written on, and the format it was read in. */
    record Listing(EnvironmentSnapshot snapshot, PackageLines lines, ListingFormat format) {
    }

    /**
     * The listing as a snapshot, with the line of each package (for reports that point into the file) and the format
     * read; its skipped lines are reported to {@code warnings}.
     *
     * @param format    the format to read, or null to detect it
     * @param selection the environment and platform to read of a lock file that locks several
     * @param identity  who and when; a null collection time is the file's modification time (now for stdin)
     * @throws io.envaudit.listings.ListingException naming the file and line
     */
    Listing listing(ListingFormat format, LockSelection selection, ListingIdentity identity, PrintWriter warnings) {
        ListingText listingText = ListingText.of(name, text);
        ParsedListing listing = Listings.read(listingText, format, selection);
        for (SkippedLine skipped : listing.skipped()) {
            warnings.println("warning: " + name + ":" + skipped.line() + ": skipped '" + skipped.text() + "': " + skipped.reason());
        }
        warnings.flush();
        return new Listing(ListingSnapshots.snapshot(listing, identity, defaultPrefix()), PackageLines.of(listing, listingText),
                listing.format());
    }

    /** When the listing was taken, unless told: the file's modification time, in the snapshot's millisecond precision. */
    Instant modified() {
        return modified.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The prefix of a listing that states none: the file's absolute path, so that two files are two environments. */
    private String defaultPrefix() {
        return defaultPrefix(name);
    }

    /** The prefix a listing named {@code name} that states none is given: its own path ({@code stdin} for {@code -}). */
    static String defaultPrefix(String name) {
        return name.equals(STDIN) ? "stdin" : Path.of(name).toAbsolutePath().normalize().toString();
    }
}
