package io.envaudit.cli;

import io.envaudit.router.delivery.PostResult;
import io.envaudit.router.delivery.ReceiverClient;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.streams.dlq.DeadLetterException;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code envaudit dlq replay --alerts}: posts notifications the router gave up on to their receivers again,
 * once each, as the routes file now defines the receivers (a fixed URL or token is used): the payload as it
 * was, with the notification's id as {@code Idempotency-Key}. Not through envaudit.alerts, which other
 * routers and tools read too and where an old event would undo a newer one.
 */
final class AlertReplay {
    private final Map<String, ReceiverClient> clients;
    private final String routesFile;

    /** @param clients the routes file's receivers, by name */
    AlertReplay(Map<String, ReceiverClient> clients, String routesFile) {
        this.clients = clients;
        this.routesFile = routesFile;
    }

    /**
     * Prints a line per dead letter as it goes, then a count; returns the exit code: 0 when every one was
     * delivered, 1 when a receiver did not take one.
     *
     * @throws DeadLetterException before anything is posted, naming a dead letter whose receiver the routes
     *                             file does not define, or that holds no payload
     */
    int post(List<AlertDeadLetter> letters, boolean dryRun, PrintWriter out) {
        for (AlertDeadLetter letter : letters) {
            AlertNotification notification = letter.notification();
            if (!clients.containsKey(notification.getReceiver())) {
                throw new DeadLetterException("the dead letter at " + letter.position() + " is for receiver '"
                        + notification.getReceiver() + "', which " + routesFile + " does not define");
            }
            if (notification.getPayload() == null) {
                throw new DeadLetterException("the dead letter at " + letter.position() + " holds no payload to post");
            }
        }
        int failed = 0;
        for (AlertDeadLetter letter : letters) {
            AlertNotification notification = letter.notification();
            String what = letter.position() + " to receiver " + notification.getReceiver();
            if (dryRun) {
                out.println("would post " + what + "  rule " + notification.getRuleId() + ", " + notification.getAlertCount()
                        + (notification.getAlertCount() == 1 ? " alert" : " alerts"));
                continue;
            }
            PostResult result = post(notification);
            if (result instanceof PostResult.Failure failure) {
                failed++;
                out.println("not posted " + what + ": " + failure.reason());
            } else {
                out.println("posted " + what + ": delivered (HTTP " + ((PostResult.Delivered) result).status() + ")");
            }
            out.flush(); // each as it goes: a receiver that hangs leaves what went before on the screen
        }
        String count = letters.size() + (letters.size() == 1 ? " dead letter" : " dead letters");
        if (dryRun) {
            out.println(count + " would be posted; nothing sent (--dry-run)");
        } else {
            out.println(failed == 0 ? "posted " + count : (letters.size() - failed) + " of " + count + " posted, " + failed
                    + " not: run it again for those, once their receiver takes them");
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private PostResult post(AlertNotification notification) {
        try {
            return clients.get(notification.getReceiver()).post(notification.getPayload(), notification.getId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting " + notification.getId(), e);
        }
    }
}
