package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentManager;

import java.util.List;

/**
 * {@code conda list}: comment lines (the {@code # packages in environment at PREFIX:} line and the column
 * header, either or both of which pasted listings often lack), then one {@link CondaListRow} per package.
 * The table says nothing of the platform, the packages' depends or their subdirs.
 */
final class CondaListParser implements ListingParser {
    private static final String PREFIX_LINE = "# packages in environment at ";

    @Override
    public ParsedListing parse(ListingText text) {
        ListingBuilder listing = new ListingBuilder(ListingFormat.CONDA_LIST).manager(EnvironmentManager.CONDA);
        List<String> lines = text.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith(PREFIX_LINE)) {
                String prefix = line.substring(PREFIX_LINE.length()).strip();
                prefix = prefix.endsWith(":") ? prefix.substring(0, prefix.length() - 1) : prefix;
                listing.prefix(prefix).environmentName(Prefixes.environmentName(prefix));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                try {
                    listing.add(CondaListRow.parse(line), i + 1);
                } catch (UnreadableLine e) {
                    listing.skip(i + 1, line, e.getMessage());
                }
            }
        }
        return listing.build();
    }
}
