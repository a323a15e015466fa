package io.envaudit.streams.dlq;

/**
 * Where a record is: topic, partition, offset. Written {@code topic/partition/offset}, which cannot be
 * ambiguous since topic names have no slash.
 */
public record RecordPosition(String topic, int partition, long offset) {

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
