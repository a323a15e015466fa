package io.envaudit.router.loop;

import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.config.ReceiverType;
import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.delivery.Delivery;
import io.envaudit.router.delivery.ReceiverLane;
import io.envaudit.router.log.DeliveryIndex;
import io.envaudit.router.log.OffsetRuns;
import io.envaudit.router.log.Position;
import io.envaudit.router.message.MessageFormat;
import io.envaudit.router.message.Notice;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.NotificationPhase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a closed group into notifications, one per batch of as many alerts as the receiver takes in one
 * message, each rendered in the receiver's format, indexed as covering the records it was made of, and
 * handed to the receiver's lane, which writes its intent to the log before posting it.
 */
final class GroupDispatcher {
    private final Map<String, MessageFormat> formats = new HashMap<>();
    private final Map<String, ReceiverLane> lanes;
    private final DeliveryIndex index;
    private final InFlight inFlight;
    private final String router;

    GroupDispatcher(RoutesConfig routes, Map<String, ReceiverLane> lanes, DeliveryIndex index, InFlight inFlight, String router) {
        this.lanes = lanes;
        this.index = index;
        this.inFlight = inFlight;
        this.router = router;
        routes.receivers().values().forEach(receiver -> formats.put(receiver.name(), MessageFormat.of(receiver)));
    }

    void dispatch(Grouper.Closed group, Instant now) {
        ReceiverConfig receiver = group.receiver();
        MessageFormat format = formats.get(receiver.name());
        List<String> keys = new ArrayList<>(group.alerts().keySet());
        for (int from = 0; from < keys.size(); from += receiver.alertsPerMessage()) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + receiver.alertsPerMessage()));
            List<ConflictAlert> alerts = new ArrayList<>(batch.size());
            List<Position> positions = new ArrayList<>();
            Map<String, Delivery.PartitionedAlert> forAlertmanager = new LinkedHashMap<>();
            for (String key : batch) {
                Grouper.Alert alert = group.alerts().get(key);
                alerts.add(alert.latest());
                positions.addAll(alert.positions());
                if (receiver.type() == ReceiverType.ALERTMANAGER) {
                    forAlertmanager.put(key, new Delivery.PartitionedAlert(alert.partition(), alert.latest()));
                }
            }
            String id = UUID.randomUUID().toString();
            String payload = format.render(new Notice(id, receiver.name(), group.ruleId(), alerts, now));
            AlertNotification notification = AlertNotification.newBuilder()
                    .setId(id).setRouter(router).setReceiver(receiver.name()).setRuleId(group.ruleId())
                    .setPhase(NotificationPhase.INTENT).setAlerts(OffsetRuns.of(positions)).setAlertCount(alerts.size())
                    .setPayload(payload).setReason(null).setCreated(now).setUpdated(now).build();
            index.apply(id, notification);
            inFlight.add(id, positions);
            lanes.get(receiver.name()).submit(new Delivery(notification, false, forAlertmanager));
        }
    }
}
