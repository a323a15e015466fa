package io.envaudit.router.delivery;

import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.ConflictAlert;

import java.util.Map;

/**
 * A notification on its way to its receiver.
 *
 * @param notification the INTENT, with the payload to post
 * @param replay       true when the intent is already on the log: a re-post after a restart
 * @param alerts       for an Alertmanager receiver, the alerts it carries by key with the partition each came
 *                     from, so that the lane knows what to keep firing; empty for the others
 */
public record Delivery(AlertNotification notification, boolean replay, Map<String, PartitionedAlert> alerts) {

    public Delivery {
        alerts = Map.copyOf(alerts);
    }

    /** An alert and the partition of envaudit.alerts it came from. */
    public record PartitionedAlert(int partition, ConflictAlert alert) {
    }
}
