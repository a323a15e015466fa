package io.envaudit.listings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code pip list} as pip prints it by default: a {@code Package  Version} header (more columns with {@code -v},
 * {@code -o} or editable installs: {@code Location}, {@code Installer}, {@code Latest}, {@code Editable project
 * location}), a line of dashes under each column, then one row per distribution whose first two columns are its
 * name and installed version. What comes before the header or after the table that is not a row (a pasted prompt,
 * pip's {@code WARNING:} and {@code [notice]} lines) is skipped. Like pip freeze it shows every distribution pip finds,
 * conda's included, and keeps them as pip installs; it says nothing of the platform or the environment's folder.
 */
final class PipListParser implements ListingParser {
    private static final Pattern HEADER = Pattern.compile("Package\\s+Version(\\s.*)?");
    private static final Pattern RULE = Pattern.compile("-+(\\s+-+)+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    /** Whether the line at {@code index} is pip list's header, the dashes under it on the next line. */
    static boolean isHeader(List<String> lines, int index) {
        return index + 1 < lines.size() && HEADER.matcher(lines.get(index).strip()).matches()
                && RULE.matcher(lines.get(index + 1).strip()).matches();
    }

    @Override
    public ParsedListing parse(ListingText text) {
        ListingBuilder listing = new ListingBuilder(ListingFormat.PIP_LIST);
        List<String> lines = text.lines();
        int header = 0;
        while (header < lines.size() && !isHeader(lines, header)) {
            header++;
        }
        if (header == lines.size()) {
            throw text.error(0, "expected pip list's 'Package  Version' header with its line of dashes");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == header || i == header + 1 || line.isEmpty()) {
                continue;
            }
            if (i < header) {
                listing.skip(i + 1, line, "before pip list's header");
                continue;
            }
            String[] columns = WHITE_SPACE.split(line);
            if (columns.length < 2 || !NAME.matcher(columns[0]).matches()) {
                listing.skip(i + 1, line, "expected a pip list row: a name, a version and maybe a location");
                continue;
            }
            listing.add(Packages.pip(columns[0], columns[1]), i + 1);
        }
        return listing.build();
    }
}
