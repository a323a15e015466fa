package io.envaudit.router.log;

/**
 * The key of envaudit.router.firing: router (consumer group), receiver, the partition of envaudit.alerts
 * the alert lives in, and the alert's own key, separated by NUL like the alert key itself. The partition
 * lets a router that is given some partitions take over just their alerts.
 */
public record FiringKey(String router, String receiver, int partition, String alertKey) {
    private static final char SEPARATOR = '\0';

    public String text() {
        return router + SEPARATOR + receiver + SEPARATOR + partition + SEPARATOR + alertKey;
    }

    /** The key, or null when the text is not one (written by something else). */
    public static FiringKey parse(String text) {
        String[] parts = text.split(String.valueOf(SEPARATOR), 4);
        if (parts.length != 4) {
            return null;
        }
        try {
            return new FiringKey(parts[0], parts[1], Integer.parseInt(parts[2]), parts[3]);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
