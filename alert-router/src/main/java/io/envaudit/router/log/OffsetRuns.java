package io.envaudit.router.log;

import io.envaudit.schemas.AlertOffsets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Positions written compactly as runs of consecutive offsets per partition, as a notification records them. */
public final class OffsetRuns {

    private OffsetRuns() {
    }

    public static List<AlertOffsets> of(Collection<Position> positions) {
        List<AlertOffsets> runs = new ArrayList<>();
        Position first = null;
        Position last = null;
        for (Position position : new TreeSet<>(positions)) {
            if (last != null && (last.partition() != position.partition() || last.offset() + 1 != position.offset())) {
                runs.add(new AlertOffsets(first.partition(), first.offset(), last.offset()));
                first = null;
            }
            if (first == null) {
                first = position;
            }
            last = position;
        }
        if (first != null) {
            runs.add(new AlertOffsets(first.partition(), first.offset(), last.offset()));
        }
        return runs;
    }

    /** Whether every offset of the runs lies below the partition's committed offset (absent: nothing committed). */
    public static boolean allBelow(List<AlertOffsets> runs, Map<Integer, Long> committed) {
        for (AlertOffsets run : runs) {
            Long next = committed.get(run.getPartition());
            if (next == null || run.getLastOffset() >= next) {
                return false;
            }
        }
        return true;
    }
}
