package io.envaudit.listings;

/** The listings of {@code src/test/resources/other-formats/} (its README says where each comes from). */
final class OtherFormats {
    private OtherFormats() {
    }

    static ListingText text(String file) {
        return ListingText.of(file, RealEnvs.resource("/other-formats/" + file));
    }

    /** Read with format detection, as {@code envaudit convert} reads it. */
    static ParsedListing read(String file) {
        return Listings.read(text(file), null);
    }
}
