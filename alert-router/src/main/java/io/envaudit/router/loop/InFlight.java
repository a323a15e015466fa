package io.envaudit.router.loop;

import io.envaudit.router.log.Position;

import java.util.ArrayList;
import java.util.List;

/**
 * The records waiting on one notification that is not settled yet: for a notification made in this run,
 * the records it was made of; for a re-post after a restart, the records read again that it covers.
 */
final class InFlight {
    private final List<Position> positions;

    InFlight(List<Position> positions) {
        this.positions = new ArrayList<>(positions);
    }

    void add(Position position) {
        positions.add(position);
    }

    List<Position> positions() {
        return positions;
    }
}
