package io.envaudit.router.loop;

import io.envaudit.router.config.ReceiverType;
import io.envaudit.router.delivery.Delivery;
import io.envaudit.router.delivery.ReceiverLane;
import io.envaudit.router.log.DeliveryIndex;
import io.envaudit.router.log.FiringKey;
import io.envaudit.router.log.TopicReader;
import io.envaudit.topics.EnvauditTopics;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the router's state back from the log for the partitions it was just given, at a start and at every
 * rebalance alike: the delivery index (this router's notifications), what its Alertmanager receivers keep
 * firing for those partitions; then rewinds the partitions to their committed offsets, forgets the
 * notifications below them, and resumes the intents in doubt — before any record is read again.
 */
final class StateRecovery {
    private final Map<String, Object> clientConfig;
    private final EnvauditTopics topics;
    private final Duration logReadTimeout;
    private final String router;
    private final Map<String, ReceiverLane> lanes;
    private final DeliveryIndex index;
    private final FiringKeys firingKeys;
    private final OffsetCommitter offsets;
    private final InDoubtIntents inDoubt;

    StateRecovery(Map<String, Object> clientConfig, EnvauditTopics topics, Duration logReadTimeout, String router,
                  Map<String, ReceiverLane> lanes, DeliveryIndex index, FiringKeys firingKeys, OffsetCommitter offsets,
                  InDoubtIntents inDoubt) {
        this.clientConfig = clientConfig;
        this.topics = topics;
        this.logReadTimeout = logReadTimeout;
        this.router = router;
        this.lanes = lanes;
        this.index = index;
        this.firingKeys = firingKeys;
        this.offsets = offsets;
        this.inDoubt = inDoubt;
    }

    void recover(Set<TopicPartition> assigned) {
        Set<Integer> partitions = assigned.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        index.clear();
        TopicReader.readAll(clientConfig, topics.routerDeliveries(), logReadTimeout, (id, notification) -> {
            if (notification == null || notification.getRouter().equals(router)) {
                index.apply(id, notification);
            }
        });
        restoreFiring(partitions);
        Map<Integer, Long> committed = offsets.rewind(assigned);
        offsets.forget(committed);
        inDoubt.resume(partitions);
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
                firingKeys.restore(lane.receiver().name(), alerts.keySet());
            }
        }
    }
}
