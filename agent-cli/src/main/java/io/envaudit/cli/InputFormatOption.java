package io.envaudit.cli;

import io.envaudit.listings.ListingFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Iterator;

/**
 * {@code --input-format}: the format of the listings a command is given, for when detecting it from the content
 * fails or guesses wrong. Shared by the commands that read listings ({@code audit}, {@code convert},
 * {@code agent publish --from}); it applies to every listing named, while snapshot JSON is still told apart by its
 * content, so one run can mix snapshot JSON files with listings of the one format named.
 */
final class InputFormatOption {
    /** The listings envaudit reads, for the help of the commands that read them; --input-format names their formats. */
    static final String LISTINGS = "Listings: conda list (or its --json, --export and --explicit forms), conda env export or "
            + "environment.yml, the lock files of conda-lock, pixi, uv and Poetry, pip freeze or requirements.txt, pip list (or "
            + "pip list --format json), and PyTorch's collect_env output (docs/listings.md).";

    @Option(names = "--input-format", paramLabel = "FORMAT", converter = FormatConverter.class, completionCandidates = FormatIds.class,
            description = "Read every listing given as this format instead of detecting it: ${COMPLETION-CANDIDATES}. "
                    + "Snapshot JSON is still told apart by its content.")
    ListingFormat format;

    /** The names {@code --input-format} takes, for its help and shell completion: one list, the formats'. */
    static final class FormatIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ListingFormat.values()).map(ListingFormat::id).iterator();
        }
    }

    /** Reads {@code --input-format}. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ListingFormat> {
        @Override
        public ListingFormat convert(String value) {
            try {
                return ListingFormat.byId(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
