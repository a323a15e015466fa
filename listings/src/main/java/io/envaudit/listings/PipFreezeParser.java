package io.envaudit.listings;

import io.envaudit.schemas.InstalledPackage;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pip freeze} output and pinned requirements files: one {@link PipRequirementLine} per logical line.
 * As pip reads them, a {@code #} at the start of a line or after white space starts a comment (so the
 * {@code #sha256=} fragment of a URL is not one), and a line ending in a backslash continues on the next.
 * The comment pip freeze writes before an editable install, {@code # Editable install with no version
 * control (name==version)}, gives that install's version. Everything in such a listing is a pip install; it
 * says nothing of the platform, the Python version or the environment's folder.
 */
final class PipFreezeParser implements ListingParser {
    private static final Pattern COMMENT = Pattern.compile("(^|\\s+)#.*$");
    private static final Pattern EDITABLE_HINT = Pattern.compile("^#\\s*Editable .*\\(([A-Za-z0-9][A-Za-z0-9._-]*)==([^)\\s]+)\\)");

    @Override
    public ParsedListing parse(ListingText text) {
        ListingBuilder listing = new ListingBuilder(ListingFormat.PIP_FREEZE);
        List<String> lines = text.lines();
        PipRequirementLine.EditableHint hint = null;
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            Matcher editable = EDITABLE_HINT.matcher(lines.get(i).strip());
            if (editable.find()) {
                hint = new PipRequirementLine.EditableHint(editable.group(1), editable.group(2));
                continue;
            }
            StringBuilder logical = new StringBuilder(COMMENT.matcher(lines.get(i)).replaceFirst(""));
            while (logical.toString().endsWith("\\") && i + 1 < lines.size()) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(COMMENT.matcher(lines.get(++i)).replaceFirst(""));
            }
            String line = logical.toString().strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                InstalledPackage p = PipRequirementLine.read(line, hint);
                if (p != null) {
                    listing.add(p, number);
                }
            } catch (UnreadableLine e) {
                listing.skip(number, line, e.getMessage());
            }
            hint = null;
        }
        return listing.build();
    }
}
