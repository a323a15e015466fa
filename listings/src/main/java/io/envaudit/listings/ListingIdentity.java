package io.envaudit.listings;

import java.time.Instant;
import java.util.Map;

/**
 * Who and when a listing is about, which listings rarely say: given by the user (or the sample fleet's
 * manifest). Null fields take their defaults in {@link ListingSnapshots}.
 *
 * @param hostId        the host id; default {@value ListingSnapshots#UNKNOWN_HOST}
 * @param hostname      the host name; default the host id
 * @param environmentId the environment id; default host id + "/" + prefix, as the agent makes it
 * @param prefix        the environment's folder; default the one the listing states, else the listing's path
 * @param labels        host labels (team, site)
 * @param collectedAt   when the listing was taken; required
 */
public record ListingIdentity(String hostId, String hostname, String environmentId, String prefix,
                              Map<String, String> labels, Instant collectedAt) {

    public ListingIdentity {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (collectedAt == null) {
            throw new IllegalArgumentException("a listing's collection time is required");
        }
    }

    /** Everything defaulted but the collection time. */
    public static ListingIdentity collectedAt(Instant collectedAt) {
        return new ListingIdentity(null, null, null, null, Map.of(), collectedAt);
    }
}
