package io.envaudit.router.loop;

import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.config.ReceiverType;
import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.delivery.Delivery;
import io.envaudit.router.delivery.ReceiverLane;
import io.envaudit.router.log.DeliveryIndex;
import io.envaudit.router.log.FiringKey;
import io.envaudit.router.log.Journal;
import io.envaudit.router.log.OffsetRuns;
import io.envaudit.router.log.Position;
import io.envaudit.router.log.TopicReader;
import io.envaudit.router.message.MessageFormat;
import io.envaudit.router.message.Notice;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.AlertOffsets;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.schemas.NotificationPhase;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.wire.UndecodableRecordException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The router's consumer thread: reads envaudit.alerts, routes each record, groups, hands notifications to
 * the receiver lanes, and commits each partition's offset once every record before it is settled for
 * every receiver it went to. docs/router.md gives the order of writes and what a crash costs.
 *
 * <p>A start and every rebalance are handled alike: whatever is not settled is dropped (open groups,
 * queued notifications; a post in progress finishes first), the offsets are committed, and the state is
 * read back from the log — the delivery index, what Alertmanager receivers keep firing, the intents in
 * doubt to post again — before the partitions are read again from their committed offsets.
 */
public final class RouterLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterLoop.class);
    private static final Duration LONGEST_POLL = Duration.ofMillis(200);
    private static final Duration FORGET_EVERY = Duration.ofSeconds(30);

    private final KafkaConsumer<String, ConflictAlert> consumer;
    private final Map<String, Object> clientConfig;
    private final EnvauditTopics topics;
    private final RoutesConfig routes;
    private final Map<String, ReceiverLane> lanes;
    private final Map<String, MessageFormat> formats = new HashMap<>();
    private final Journal journal;
    private final String router;
    private final int maxWaiting;
    private final Duration logReadTimeout;

    private final DeliveryIndex index = new DeliveryIndex();
    private final Grouper grouper = new Grouper();
    private final PendingOffsets pending = new PendingOffsets();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    /** Per Alertmanager receiver, the alerts routed to it as open, by key, with their partition. */
    private final Map<String, Map<String, Integer>> firingKeys = new HashMap<>();
    private final Outcomes outcomes;
    private volatile boolean stopping;
    private volatile RouterState state = RouterState.of(RouterState.Phase.JOINING);
    private boolean paused;
    private Instant lastForget = Instant.EPOCH;

    public RouterLoop(KafkaConsumer<String, ConflictAlert> consumer, Map<String, Object> clientConfig, EnvauditTopics topics,
                      RoutesConfig routes, Map<String, ReceiverLane> lanes, Outcomes outcomes, Journal journal, String router,
                      int maxWaiting, Duration logReadTimeout) {
        this.consumer = consumer;
        this.clientConfig = Map.copyOf(clientConfig);
        this.topics = topics;
        this.routes = routes;
        this.lanes = Map.copyOf(lanes);
        this.outcomes = outcomes;
        this.journal = journal;
        this.router = router;
        this.maxWaiting = maxWaiting;
        this.logReadTimeout = logReadTimeout;
        routes.receivers().values().forEach(receiver -> formats.put(receiver.name(), MessageFormat.of(receiver)));
    }

    /** What it is doing now; read from any thread. */
    public RouterState state() {
        return state;
    }

    /** Asks the loop to finish (from any thread); {@link #run} then settles what it can and returns. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            consume();
        } finally {
            state = RouterState.of(RouterState.Phase.STOPPED);
        }
    }

    private void consume() {
        consumer.subscribe(List.of(topics.alerts().name()), new Rebalance());
        try {
            while (!stopping) {
                if (outcomes.failure() != null) {
                    throw outcomes.failure();
                }
                try {
                    for (ConsumerRecord<String, ConflictAlert> record : consumer.poll(pollTimeout())) {
                        route(record);
                    }
                } catch (RecordDeserializationException e) {
                    skip(e);
                }
                Instant now = Instant.now();
                grouper.closeDue(now).forEach(group -> dispatch(group, now));
                drainSettled();
                commit();
                forgetSettled(now);
                throttle();
            }
        } catch (WakeupException woken) {
            if (outcomes.failure() != null) {
                throw outcomes.failure();
            }
        }
        quiesce();
    }

    /**
     * A record that can never be read (not single-object Avro, an unknown or incompatible schema) is logged
     * and passed over, so that it does not stop every alert behind it; anything else, a schema registry
     * outage among them, stops the router, and the record is read again after a restart.
     */
    private void skip(RecordDeserializationException e) {
        if (!(e.getCause() instanceof UndecodableRecordException)) {
            throw e;
        }
        LOG.error("{} offset {} cannot be read and is skipped: {}", e.topicPartition(), e.offset(), e.getCause().getMessage());
        consumer.seek(e.topicPartition(), e.offset() + 1);
        pending.read(new Position(e.topicPartition().partition(), e.offset()), 0);
    }

    private Duration pollTimeout() {
        return grouper.nextClose().map(at -> Duration.between(Instant.now(), at))
                .filter(d -> d.compareTo(LONGEST_POLL) < 0).map(d -> d.isNegative() ? Duration.ZERO : d).orElse(LONGEST_POLL);
    }

    private void route(ConsumerRecord<String, ConflictAlert> record) {
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
        for (Map.Entry<String, Map<String, Integer>> entry : firingKeys.entrySet()) {
            if (!routed.contains(entry.getKey()) && entry.getValue().containsKey(record.key())) {
                receivers += take(routes.receivers().get(entry.getKey()), record.key(), endedHere(alert), position);
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
        var covering = index.covering(receiver.name(), position);
        if (covering.isPresent()) {
            InFlight waiting = inFlight.get(covering.get().getId());
            if (waiting == null) {
                return 0; // settled before: delivered or dead-lettered
            }
            waiting.add(position);
            return 1;
        }
        grouper.add(receiver, key, alert, position, Instant.now());
        if (receiver.type() == ReceiverType.ALERTMANAGER) {
            Map<String, Integer> firing = firingKeys.computeIfAbsent(receiver.name(), r -> new HashMap<>());
            if (alert.getState() == AlertState.OPEN) {
                firing.put(key, position.partition());
            } else {
                firing.remove(key);
            }
        }
        return 1;
    }

    private void dispatch(Grouper.Closed group, Instant now) {
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
            inFlight.put(id, new InFlight(positions));
            lanes.get(receiver.name()).submit(new Delivery(notification, false, forAlertmanager));
        }
    }

    private void drainSettled() {
        AlertNotification outcome;
        while ((outcome = outcomes.next()) != null) {
            index.apply(outcome.getId(), outcome);
            InFlight waiting = inFlight.remove(outcome.getId());
            if (waiting != null) {
                waiting.positions().forEach(pending::release);
            }
        }
    }

    private void commit() {
        Map<Integer, Long> advanced = pending.advanced();
        if (advanced.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        advanced.forEach((partition, offset) -> offsets.put(partition(partition), new OffsetAndMetadata(offset)));
        consumer.commitSync(offsets);
        pending.committed(advanced);
    }

    /** Now and then, tombstones the notifications no record still to be read refers to, so the log stays small. */
    private void forgetSettled(Instant now) {
        if (Duration.between(lastForget, now).compareTo(FORGET_EVERY) < 0) {
            return;
        }
        lastForget = now;
        forget(committedOffsets(consumer.assignment()));
    }

    private void forget(Map<Integer, Long> committed) {
        List<String> settledBelow = index.settledBelow(committed);
        if (!settledBelow.isEmpty()) {
            journal.forget(settledBelow);
        }
    }

    private Map<Integer, Long> committedOffsets(Set<TopicPartition> partitions) {
        Map<Integer, Long> committed = new HashMap<>();
        consumer.committed(partitions).forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition.partition(), offset.offset());
            }
        });
        return committed;
    }

    /** Stops reading while too many records wait, so that a receiver that is down does not fill the heap. */
    private void throttle() {
        int waiting = pending.waitingCount();
        if (!paused && waiting > maxWaiting) {
            consumer.pause(consumer.assignment());
            paused = true;
            LOG.warn("{} alert records wait for delivery: reading paused until half of them are delivered", waiting);
        } else if (paused && waiting <= maxWaiting / 2) {
            consumer.resume(consumer.assignment());
            paused = false;
        }
    }

    private TopicPartition partition(int partition) {
        return new TopicPartition(topics.alerts().name(), partition);
    }

    /** Drops what is not settled (see the class comment), and commits what is. */
    private void quiesce() {
        grouper.clear();
        lanes.values().forEach(ReceiverLane::abandon);
        drainSettled();
        try {
            try {
                commit();
            } catch (WakeupException stopRequested) {
                commit(); // a stop() that came while the loop was not polling left its wakeup pending: it took the first try
            }
        } catch (KafkaException e) {
            LOG.warn("could not commit the alerts' offsets before a rebalance or stop: {}; they will be read again", e.getMessage());
        }
        pending.clear();
        inFlight.clear();
        firingKeys.clear();
        if (paused) {
            consumer.resume(consumer.assignment());
            paused = false;
        }
    }

    /** Reads the state back from the log for the partitions now assigned, and rewinds them to their committed offsets. */
    private void rebuild(Set<TopicPartition> assigned) {
        Set<Integer> partitions = assigned.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        index.clear();
        TopicReader.readAll(clientConfig, topics.routerDeliveries(), logReadTimeout, (id, notification) -> {
            if (notification == null || notification.getRouter().equals(router)) {
                index.apply(id, notification);
            }
        });
        restoreFiring(partitions);
        Map<Integer, Long> committed = committedOffsets(assigned);
        pending.committed(committed);
        for (TopicPartition partition : assigned) {
            Long offset = committed.get(partition.partition());
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
        forget(committed);
        resumeInDoubt(partitions);
    }

    private void restoreFiring(Set<Integer> partitions) {
        Map<String, Map<String, Delivery.PartitionedAlert>> firing = new HashMap<>();
        TopicReader.readAll(clientConfig, topics.routerFiring(), logReadTimeout, (text, alert) -> {
            FiringKey key = FiringKey.parse(text);
            if (key == null || !key.router().equals(router) || !partitions.contains(key.partition())) {
                return;
            }
            Map<String, Delivery.PartitionedAlert> receiver = firing.computeIfAbsent(key.receiver(), r -> new HashMap<>());
            if (alert == null) {
                receiver.remove(key.alertKey());
            } else {
                receiver.put(key.alertKey(), new Delivery.PartitionedAlert(key.partition(), alert));
            }
        });
        for (ReceiverLane lane : lanes.values()) {
            if (lane.receiver().type() == ReceiverType.ALERTMANAGER) {
                Map<String, Delivery.PartitionedAlert> alerts = firing.getOrDefault(lane.receiver().name(), Map.of());
                lane.keepFiring(alerts);
                Map<String, Integer> keys = new HashMap<>();
                alerts.forEach((key, alert) -> keys.put(key, alert.partition()));
                firingKeys.put(lane.receiver().name(), keys);
            }
        }
    }

    /**
     * The intents with no outcome: each may have been posted or not. A chat or webhook one is posted again,
     * the very same payload and id (at most one repeat), by the router that owns its lowest partition; one
     * whose receiver left the routes file goes to the dead-letter topic, by that router too. An Alertmanager
     * one is forgotten by every router of the group, and each groups anew the alerts of it that it reads
     * again (a repeat changes nothing there): no router re-posts it, so none may take its records as covered.
     */
    private void resumeInDoubt(Set<Integer> partitions) {
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
                String reason = "receiver '" + notification.getReceiver() + "' is no longer in " + routes.file()
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
                inFlight.put(notification.getId(), new InFlight(List.of()));
                lane.submit(new Delivery(notification, true, Map.of()));
            }
        }
        regroup.forEach(id -> index.apply(id, null));
        if (!regroup.isEmpty()) {
            journal.forget(regroup);
        }
    }

    /** Closing the consumer, after the loop ended, revokes its partitions: a stopped router stays stopped. */
    private void enter(RouterState next) {
        if (state.phase() != RouterState.Phase.STOPPED) {
            state = next;
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            enter(RouterState.of(RouterState.Phase.REBALANCING));
            quiesce();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            enter(RouterState.of(RouterState.Phase.REBALANCING));
            quiesce();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            enter(RouterState.of(RouterState.Phase.REBALANCING));
            quiesce();
            Set<TopicPartition> assigned = consumer.assignment();
            rebuild(assigned);
            RouterState routing = RouterState.routing(assigned.stream().map(TopicPartition::partition).collect(Collectors.toSet()));
            enter(routing);
            LOG.info("routing the alerts of partitions {} of {}", routing.partitions(), topics.alerts().name());
        }
    }
}
