package io.envaudit.router.loop;

import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.log.DeliveryIndex;
import io.envaudit.router.log.Position;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Routes each record read from envaudit.alerts: to the receivers the routing tree names for it, and as
 * ended to the Alertmanager receivers that keep it firing but no longer get it. For each, the record joins
 * the receiver's open group for its rule — unless a notification already covers it there (it was read
 * before a restart or rebalance), in which case it waits for that notification if it is still in flight.
 * {@link PendingOffsets} then learns how many notifications the record waits for.
 */
final class RecordRouter {
    private final RoutesConfig routes;
    private final DeliveryIndex index;
    private final InFlight inFlight;
    private final Grouper grouper;
    private final FiringKeys firing;
    private final PendingOffsets pending;

    RecordRouter(RoutesConfig routes, DeliveryIndex index, InFlight inFlight, Grouper grouper, FiringKeys firing,
                 PendingOffsets pending) {
        this.routes = routes;
        this.index = index;
        this.inFlight = inFlight;
        this.grouper = grouper;
        this.firing = firing;
        this.pending = pending;
    }

    void route(ConsumerRecord<String, ConflictAlert> record) {
        Position position = new Position(record.partition(), record.offset());
        ConflictAlert alert = record.value();
        if (alert == null || record.key() == null) {
            pending.read(position, 0);
            return;
        }
        int receivers = 0;
        Set<String> routed = new HashSet<>();
        for (ReceiverConfig receiver : routes.receiversFor(alert)) {
            routed.add(receiver.name());
            receivers += take(receiver, record.key(), alert, position);
        }
        // an Alertmanager receiver that keeps this alert firing hears that it ended there, wherever it goes now
        for (String receiver : firing.receiversFiring(record.key())) {
            if (!routed.contains(receiver)) {
                receivers += take(routes.receivers().get(receiver), record.key(), endedHere(alert), position);
            }
        }
        pending.read(position, receivers);
    }

    /** The alert as one that ended for a receiver it is no longer routed to. */
    private static ConflictAlert endedHere(ConflictAlert alert) {
        if (alert.getState() != AlertState.OPEN) {
            return alert;
        }
        return ConflictAlert.newBuilder(alert).setState(AlertState.RESOLVED).setReason("routed-elsewhere").build();
    }

    /** Groups the record for the receiver unless a notification already covers it there; 1 when it waits for one. */
    private int take(ReceiverConfig receiver, String key, ConflictAlert alert, Position position) {
        Optional<AlertNotification> covering = index.covering(receiver.name(), position);
        if (covering.isPresent()) {
            // not in flight: settled before, delivered or dead-lettered
            return inFlight.waitOn(covering.get().getId(), position) ? 1 : 0;
        }
        grouper.add(receiver, key, alert, position, Instant.now());
        firing.routed(receiver, key, alert);
        return 1;
    }
}
