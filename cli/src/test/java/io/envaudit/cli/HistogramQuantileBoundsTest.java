package io.envaudit.cli;

import io.envaudit.cli.HistogramQuantileBounds.Observation;
import io.envaudit.cli.HistogramQuantileBounds.Range;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HistogramQuantileBoundsTest {
    private static final NavigableSet<Double> BOUNDS = new TreeSet<>(List.of(1.0, 5.0, 60.0, 259_200.0));

    /** Eleven snapshots audited within 40 s of their collection, and one ten days late. */
    private static List<Observation> fleet() {
        List<Observation> observations = new ArrayList<>(Collections.nCopies(11, new Observation(0, 40)));
        observations.add(new Observation(864_000, 864_100));
        return observations;
    }

    @Test
    void aRankAmongTheFreshSpansTheBucketsTheirBoundsReach() {
        // rank 6 of 12, a whole number: the 6th observation, or the 7th when floating point tips it
        assertEquals(new Range(0, 60), HistogramQuantileBounds.of(0.5, fleet(), BOUNDS));
    }

    @Test
    void aRankPastTheLargestBucketIsThatBucketsBound() {
        // rank 11.4 of 12: the late one, beyond 3 days, which histogram_quantile answers with the largest finite bound
        assertEquals(new Range(259_200, 259_200), HistogramQuantileBounds.of(0.95, fleet(), BOUNDS));
        assertEquals(new Range(259_200, 259_200), HistogramQuantileBounds.of(0.99, fleet(), BOUNDS));
    }

    @Test
    void aValueOnABoundIsInThatBoundsBucket() {
        assertEquals(new Range(1, 5), HistogramQuantileBounds.of(0.5, List.of(new Observation(5, 5)), BOUNDS));
        assertEquals(new Range(5, 60), HistogramQuantileBounds.of(0.5, List.of(new Observation(5.001, 6)), BOUNDS));
    }

    @Test
    void notAnIntervalOrNoQuantileIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Observation(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Observation(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> HistogramQuantileBounds.of(1, fleet(), BOUNDS));
        assertThrows(IllegalArgumentException.class, () -> HistogramQuantileBounds.of(0.5, List.of(), BOUNDS));
    }
}
