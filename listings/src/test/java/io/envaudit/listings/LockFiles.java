package io.envaudit.listings;

/** The example lock files of {@code src/test/resources/lock-files/}, each written from its format's documentation (its first lines say which). */
final class LockFiles {
    private LockFiles() {
    }

    static ListingText text(String file) {
        return ListingText.of(file, RealEnvs.resource("/lock-files/" + file));
    }

    /** Read with format detection, as {@code envaudit convert} reads it. */
    static ParsedListing read(String file) {
        return Listings.read(text(file), null);
    }
}
