package io.envaudit.listings;

/** Reads one listing format. Parsers hold no state: one instance serves every listing. */
interface ListingParser {

    /**
     * @throws ListingException when the text cannot be read as this format at all; a single line that
     *                          names no package is skipped and reported in the result instead
     */
    ParsedListing parse(ListingText text);
}
