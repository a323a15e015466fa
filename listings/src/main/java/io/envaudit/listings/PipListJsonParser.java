package io.envaudit.listings;

/**
 * {@code pip list --format json}: a JSON list of {@code {"name": ..., "version": ...}}, with
 * {@code editable_project_location} for an editable install and, with {@code -v}, {@code location} and
 * {@code installer}. Like pip freeze it shows every distribution pip finds, conda's included, and keeps them as pip
 * installs; it says nothing of the platform or the environment's folder.
 */
final class PipListJsonParser implements ListingParser {

    @Override
    public ParsedListing parse(ListingText text) {
        JsonList json = new JsonList(text);
        ListingBuilder listing = new ListingBuilder(ListingFormat.PIP_LIST_JSON);
        for (JsonList.Entry entry : json.entries()) {
            listing.add(Packages.pip(json.required(entry, "name"), json.required(entry, "version")), entry.line());
        }
        return listing.build();
    }
}
