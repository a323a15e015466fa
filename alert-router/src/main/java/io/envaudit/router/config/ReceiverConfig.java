package io.envaudit.router.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * One receiver of the routes file.
 *
 * @param url             for Alertmanager its base URL ({@code /api/v2/alerts} is added); for the others the
 *                        URL posted to. A secret either way: it is never printed
 * @param bearerToken     sent as {@code Authorization: Bearer ...} (webhook and Alertmanager only)
 * @param caFile          the CAs its certificate must chain to (https only); empty for the JVM's trust store
 * @param groupWindow     how long alerts for one rule are gathered into one message
 * @param rateLimit       empty for no limit
 * @param listLimit       how many alerts a chat message lists before "and N more"
 * @param batchSize       how many alerts one webhook or Alertmanager post carries at most
 * @param refreshInterval how often firing alerts are posted again to Alertmanager
 */
public record ReceiverConfig(String name, ReceiverType type, Secret url, Optional<Secret> bearerToken, Optional<CaFile> caFile,
                             Duration groupWindow, Optional<RateLimit> rateLimit, Duration timeout, Retry retry, int listLimit,
                             int batchSize, Duration refreshInterval) {

    /** The URL to post notifications to. */
    public URI postUri() {
        URI base = URI.create(url.reveal());
        if (type != ReceiverType.ALERTMANAGER) {
            return base;
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return base.resolve((path.endsWith("/") ? path : path + "/") + "api/v2/alerts");
    }

    /**
     * How many alerts one notification may carry: a chat message summarises any number (it lists a few), a
     * webhook or Alertmanager post carries each alert in full and so is cut into batches.
     */
    public int alertsPerMessage() {
        return type.chat() ? Integer.MAX_VALUE : batchSize;
    }

    /** Text with the URL, its path and query, and the token taken out: for anything logged or recorded. */
    public String redact(String text) {
        String redacted = url.redact(text);
        URI uri = URI.create(url.reveal());
        for (String part : new String[] {uri.getRawPath(), uri.getRawQuery()}) {
            if (redacted != null && part != null && part.length() > 1) {
                redacted = redacted.replace(part, "<hidden>");
            }
        }
        return bearerToken.isPresent() ? bearerToken.get().redact(redacted) : redacted;
    }
}
