package io.envaudit.router.loop;

import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.delivery.ReceiverLane;
import io.envaudit.router.log.DeliveryIndex;
import io.envaudit.router.log.Journal;
import io.envaudit.router.log.Position;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.schemas.ConflictAlert;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.wire.UndecodableRecordException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The router's consumer thread: reads envaudit.alerts, routes each record ({@link RecordRouter}), groups,
 * hands notifications to the receiver lanes ({@link GroupDispatcher}), and commits each partition's offset
 * once every record before it is settled for every receiver it went to ({@link OffsetCommitter}).
 * docs/router.md gives the order of writes and what a crash costs.
 *
 * <p>A start and every rebalance are handled alike: whatever is not settled is dropped (open groups,
 * queued notifications; a post in progress finishes first), the offsets are committed, and the state is
 * read back from the log — the delivery index, what Alertmanager receivers keep firing, the intents in
 * doubt to post again ({@link StateRecovery}) — before the partitions are read again from their committed offsets.
 */
public final class RouterLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterLoop.class);
    private static final Duration LONGEST_POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, ConflictAlert> consumer;
    private final EnvauditTopics topics;
    private final Map<String, ReceiverLane> lanes;
    private final Outcomes outcomes;

    // what the consumer thread keeps between polls, shared by the parts below
    private final DeliveryIndex index = new DeliveryIndex();
    private final Grouper grouper = new Grouper();
    private final PendingOffsets pending = new PendingOffsets();
    private final InFlight inFlight = new InFlight();
    private final FiringKeys firingKeys = new FiringKeys();

    private final RecordRouter records;
    private final GroupDispatcher dispatcher;
    private final OffsetCommitter offsets;
    private final ReadThrottle throttle;
    private final StateRecovery recovery;

    private volatile boolean stopping;
    private volatile RouterState state = RouterState.of(RouterState.Phase.JOINING);

    public RouterLoop(KafkaConsumer<String, ConflictAlert> consumer, Map<String, Object> clientConfig, EnvauditTopics topics,
                      RoutesConfig routes, Map<String, ReceiverLane> lanes, Outcomes outcomes, Journal journal, String router,
                      int maxWaiting, Duration logReadTimeout) {
        this.consumer = consumer;
        this.topics = topics;
        this.lanes = Map.copyOf(lanes);
        this.outcomes = outcomes;
        this.records = new RecordRouter(routes, index, inFlight, grouper, firingKeys, pending);
        this.dispatcher = new GroupDispatcher(routes, this.lanes, index, inFlight, router);
        this.offsets = new OffsetCommitter(consumer, topics.alerts().name(), pending, index, journal);
        this.throttle = new ReadThrottle(consumer, maxWaiting);
        this.recovery = new StateRecovery(Map.copyOf(clientConfig), topics, logReadTimeout, router, this.lanes, index, firingKeys,
                offsets, new InDoubtIntents(index, this.lanes, inFlight, journal, routes.file()));
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
                        records.route(record);
                    }
                } catch (RecordDeserializationException e) {
                    skip(e);
                }
                Instant now = Instant.now();
                grouper.closeDue(now).forEach(group -> dispatcher.dispatch(group, now));
                drainSettled();
                offsets.commit();
                offsets.forgetSettled(now);
                throttle.adjust(pending.waitingCount());
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

    /** Until the next group closes, and at most {@link #LONGEST_POLL}: what the lanes settle is taken in and committed between polls. */
    private Duration pollTimeout() {
        return grouper.nextClose().map(at -> Duration.between(Instant.now(), at))
                .filter(d -> d.compareTo(LONGEST_POLL) < 0).map(d -> d.isNegative() ? Duration.ZERO : d).orElse(LONGEST_POLL);
    }

    /** Takes in what the lanes settled: the index learns the outcome, and the records that waited on it are released. */
    private void drainSettled() {
        AlertNotification outcome;
        while ((outcome = outcomes.next()) != null) {
            index.apply(outcome.getId(), outcome);
            inFlight.settle(outcome.getId()).forEach(pending::release);
        }
    }

    /** Drops what is not settled (see the class comment), and commits what is. */
    private void quiesce() {
        grouper.clear();
        lanes.values().forEach(ReceiverLane::abandon);
        drainSettled();
        try {
            try {
                offsets.commit();
            } catch (WakeupException stopRequested) {
                offsets.commit(); // a stop() that came while the loop was not polling left its wakeup pending: it took the first try
            }
        } catch (KafkaException e) {
            LOG.warn("could not commit the alerts' offsets before a rebalance or stop: {}; they will be read again", e.getMessage());
        }
        pending.clear();
        inFlight.clear();
        firingKeys.clear();
        throttle.release();
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
            recovery.recover(assigned);
            RouterState routing = RouterState.routing(assigned.stream().map(TopicPartition::partition).collect(Collectors.toSet()));
            enter(routing);
            LOG.info("routing the alerts of partitions {} of {}", routing.partitions(), topics.alerts().name());
        }
    }
}
