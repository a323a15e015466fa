package io.envaudit.router.loop;

import io.envaudit.router.config.ReceiverType;
import io.envaudit.router.delivery.Delivery;
import io.envaudit.router.delivery.ReceiverLane;
import io.envaudit.router.log.DeliveryIndex;
import io.envaudit.router.log.Journal;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.AlertOffsets;
import io.envaudit.schemas.NotificationPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intents with no outcome, read back from the log at a start or rebalance: each may have been posted or
 * not. A chat or webhook one is posted again, the very same payload and id (at most one repeat), by the
 * router that owns its lowest partition; one whose receiver left the routes file goes to the dead-letter
 * topic, by that router too. An Alertmanager one is forgotten by every router of the group, and each groups
 * anew the alerts of it that it reads again (a repeat changes nothing there): no router re-posts it, so none
 * may take its records as covered.
 */
final class InDoubtIntents {
    private static final Logger LOG = LoggerFactory.getLogger(InDoubtIntents.class);

    private final DeliveryIndex index;
    private final Map<String, ReceiverLane> lanes;
    private final InFlight inFlight;
    private final Journal journal;
    private final String routesFile;

    InDoubtIntents(DeliveryIndex index, Map<String, ReceiverLane> lanes, InFlight inFlight, Journal journal, String routesFile) {
        this.index = index;
        this.lanes = lanes;
        this.inFlight = inFlight;
        this.journal = journal;
        this.routesFile = routesFile;
    }

    /** @param partitions those of envaudit.alerts this router now owns */
    void resume(Set<Integer> partitions) {
        List<String> regroup = new ArrayList<>();
        for (AlertNotification notification : index.inDoubt()) {
            ReceiverLane lane = lanes.get(notification.getReceiver());
            if (lane != null && lane.receiver().type() == ReceiverType.ALERTMANAGER) {
                regroup.add(notification.getId());
                continue;
            }
            int lowest = notification.getAlerts().stream().mapToInt(AlertOffsets::getPartition).min().orElse(-1);
            if (!partitions.contains(lowest)) {
                continue; // another router of the group owns it
            }
            if (lane == null) {
                String reason = "receiver '" + notification.getReceiver() + "' is no longer in " + routesFile
                        + "; the notification may or may not have been posted before the router stopped";
                LOG.error("notification {} ({}, {} alerts): {}; it goes to the dead-letter topic", notification.getId(),
                        notification.getRuleId(), notification.getAlertCount(), reason);
                journal.deadLettered(notification, reason, Instant.now());
                index.apply(notification.getId(), AlertNotification.newBuilder(notification)
                        .setPhase(NotificationPhase.DEAD_LETTERED).setPayload(null).setReason(reason).build());
            } else {
                LOG.warn("receiver '{}': notification {} ({}, {} alerts) may have been posted before the router stopped;"
                        + " posting it again", notification.getReceiver(), notification.getId(), notification.getRuleId(),
                        notification.getAlertCount());
                inFlight.add(notification.getId(), List.of());
                lane.submit(new Delivery(notification, true, Map.of()));
            }
        }
        regroup.forEach(id -> index.apply(id, null));
        if (!regroup.isEmpty()) {
            journal.forget(regroup);
        }
    }
}
