package io.envaudit.router.loop;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a router is doing, for {@code /ready} and for tests: joining its consumer group, routing the alerts
 * of its partitions (once it has read back the delivery log for them), between two assignments, or stopped.
 *
 * @param partitions the partitions of envaudit.alerts it routes; empty unless routing
 */
public record RouterState(Phase phase, SortedSet<Integer> partitions) {

    public enum Phase {
        /** Started, waiting for the group to give it partitions. */
        JOINING,
        /** Reading its partitions, the delivery log read back for them. A router given no partition routes nothing, and is ready. */
        ROUTING,
        /** Partitions taken away or given, the delivery log not read back yet. */
        REBALANCING,
        STOPPED
    }

    public RouterState {
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
    }

    static RouterState of(Phase phase) {
        return new RouterState(phase, new TreeSet<>());
    }

    static RouterState routing(Set<Integer> partitions) {
        return new RouterState(Phase.ROUTING, new TreeSet<>(partitions));
    }

    /** Whether it is routing: what readiness means for a router. */
    public boolean routing() {
        return phase == Phase.ROUTING;
    }
}
