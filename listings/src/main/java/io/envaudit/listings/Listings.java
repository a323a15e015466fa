package io.envaudit.listings;

/** Reading a listing: its format told or detected, then the format's parser. */
public final class Listings {
    private Listings() {
    }

    /** The listing, a lock file's default environment on its first platform. */
    public static ParsedListing read(ListingText text, ListingFormat format) {
        return read(text, format, LockSelection.DEFAULTS);
    }

    /**
     * @param format    the format to read it as, or null to detect it ({@link FormatDetector})
     * @param selection the environment and platform to read of a lock file that locks several
     * @throws ListingException when the text is empty, is not a listing of the format, no line of it names a package,
     *                          or a lock file has no such environment or platform
     */
    public static ParsedListing read(ListingText text, ListingFormat format, LockSelection selection) {
        if (text.isBlank()) {
            // whatever the format: an empty file is an accident (a redirect that failed, a paste that did not happen)
            throw text.error(0, text.lines().isEmpty() ? "the file is empty" : "the file holds only white space");
        }
        ListingFormat chosen = format != null ? format : FormatDetector.detect(text);
        ParsedListing listing = chosen.parser().parse(text, selection);
        if (listing.packages().isEmpty() && !listing.skipped().isEmpty()) {
            SkippedLine first = listing.skipped().get(0);
            throw text.error(first.line(), "no line reads as a " + chosen.id() + " listing; the first: '" + first.text()
                    + "': " + first.reason());
        }
        return listing;
    }
}
