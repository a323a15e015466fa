package io.envaudit.streams.metrics;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

import java.util.Set;
import java.util.TreeSet;

/** The snapshot partitions whose audit tasks are active on this instance now: the ones whose stores it reports. */
final class OwnedPartitions {
    private OwnedPartitions() {
    }

    static Set<Integer> of(KafkaStreams streams, String snapshotsTopic) {
        Set<Integer> partitions = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition partition : task.topicPartitions()) {
                    if (partition.topic().equals(snapshotsTopic)) {
                        partitions.add(partition.partition());
                    }
                }
            }
        }
        return partitions;
    }
}
