package io.envaudit.cli;

import io.envaudit.listings.ListingFormat;
import io.envaudit.listings.ListingIdentity;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a listing is read and whose environment it is: the options of the commands that convert listings. */
final class ListingOptions {

    @Option(names = "--input-format", paramLabel = "FORMAT", converter = FormatConverter.class, completionCandidates = FormatIds.class,
            description = "Read the listing as this format instead of detecting it: ${COMPLETION-CANDIDATES}.")
    ListingFormat format;

    @Mixin
    LockSelectionOptions lock;

    @Option(names = "--host-id", paramLabel = "ID", description = "The host's id (default: unknown).")
    String hostId;

    @Option(names = "--hostname", paramLabel = "NAME", description = "The host's name (default: the host id).")
    String hostname;

    @Option(names = "--env-id", paramLabel = "ID", description = "The environment's id (default: host id + '/' + prefix).")
    String environmentId;

    @Option(names = "--prefix", paramLabel = "PATH",
            description = "The environment's folder (default: the one the listing states, else the listing file's path).")
    String prefix;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A host label, such as team=vision; repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--collected-at", paramLabel = "INSTANT", converter = AuditCommand.InstantConverter.class,
            description = "When the listing was taken: an ISO-8601 instant or a date (default: the file's modification time).")
    Instant collectedAt;

    ListingIdentity identity(InputFile file) {
        return new ListingIdentity(hostId, hostname, environmentId, prefix, labels, collectedAt != null ? collectedAt : file.modified());
    }

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
