package io.envaudit.cli;

import io.envaudit.listings.ListingIdentity;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a listing is read and whose environment it is: the options of the commands that convert listings. */
final class ListingOptions {

    @Mixin
    InputFormatOption input;

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
}
