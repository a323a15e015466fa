package io.envaudit.listings;

/** Reads one listing format. Parsers hold no state: one instance serves every listing. */
interface ListingParser {

    /**
     * @throws ListingException when the text cannot be read as this format at all; a single line that
     *                          names no package is skipped and reported in the result instead
     */
    ParsedListing parse(ListingText text);

    /**
     * The listing, with the environment and platform chosen of a lock file that locks several. A format that
     * holds one environment on one platform has nothing to choose: this is {@link #parse(ListingText)}.
     *
     * @throws ListingException also when the lock has no such environment or platform, naming the ones it has
     */
    default ParsedListing parse(ListingText text, LockSelection selection) {
        return parse(text);
    }
}
