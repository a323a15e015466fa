package io.envaudit.router.log;

/** A record's place in envaudit.alerts. */
public record Position(int partition, long offset) implements Comparable<Position> {

    @Override
    public int compareTo(Position other) {
        int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }
}
