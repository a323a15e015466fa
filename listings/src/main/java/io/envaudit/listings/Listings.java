package io.envaudit.listings;

/** Reading a listing: its format told or detected, then the format's parser. */
public final class Listings {
    private Listings() {
    }

    /**
     * @param format the format to read it as, or null to detect it ({@link FormatDetector})
     * @throws ListingException when the text is not a listing of the format, or no line of it names a package
     */
    public static ParsedListing read(ListingText text, ListingFormat format) {
        ListingFormat chosen = format != null ? format : FormatDetector.detect(text);
        ParsedListing listing = chosen.parser().parse(text);
        if (listing.packages().isEmpty() && !listing.skipped().isEmpty()) {
            SkippedLine first = listing.skipped().get(0);
            throw text.error(first.line(), "no line reads as a " + chosen.id() + " listing; the first: '" + first.text()
                    + "': " + first.reason());
        }
        return listing;
    }
}
