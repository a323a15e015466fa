package io.envaudit.cli;

import java.util.List;
import java.util.NavigableSet;

/**
 * Where Prometheus's {@code histogram_quantile} can land for observations a test knows only within bounds (a
 * latency is at least the time from collection to sending, at most the time from collection to the query).
 * It finds the bucket holding the observation of rank q·n and interpolates inside it; beyond the largest finite
 * bucket it answers that bucket's bound. So the answer lies between the lower edge of the bucket of that
 * observation's least possible value and the upper edge of the bucket of its greatest.
 */
final class HistogramQuantileBounds {
    /** One observation, somewhere in [atLeast, atMost] (seconds). */
    record Observation(double atLeast, double atMost) {
        Observation {
            if (atLeast < 0 || atMost < atLeast) {
                throw new IllegalArgumentException("not an interval of durations: [" + atLeast + ", " + atMost + "]");
            }
        }
    }

    /** The closed range the quantile lies in. */
    record Range(double low, double high) {
        boolean contains(double value) {
            return low <= value && value <= high;
        }
    }

    private HistogramQuantileBounds() {
    }

    /**
     * @param finiteBounds the histogram's bucket bounds, {@code +Inf} left out
     */
    static Range of(double quantile, List<Observation> observations, NavigableSet<Double> finiteBounds) {
        int n = observations.size();
        if (n == 0 || !(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("a quantile in (0, 1) of some observations, not " + quantile + " of " + n);
        }
        // rank q·n falls on observation ceil(q·n); when q·n is a whole number, floating point may tip it to the next one
        double rank = quantile * n;
        int first = Math.max(1, (int) Math.ceil(rank - 1e-9));
        int last = Math.min(n, (int) Math.floor(rank + 1e-9) + 1);
        double least = observations.stream().mapToDouble(Observation::atLeast).sorted().skip(first - 1).findFirst().orElseThrow();
        double most = observations.stream().mapToDouble(Observation::atMost).sorted().skip(last - 1).findFirst().orElseThrow();
        return new Range(lowerEdge(least, finiteBounds), upperEdge(most, finiteBounds));
    }

    /** The lower edge of the bucket holding {@code value}: the bound below it, 0 below the first; past the last, the last. */
    private static double lowerEdge(double value, NavigableSet<Double> bounds) {
        if (value > bounds.last()) {
            return bounds.last();
        }
        Double below = bounds.lower(value);
        return below == null ? 0 : below;
    }

    /** The upper edge of the bucket holding {@code value} (buckets hold values up to their bound); past the last, the last. */
    private static double upperEdge(double value, NavigableSet<Double> bounds) {
        Double bound = bounds.ceiling(value);
        return bound == null ? bounds.last() : bound;
    }
}
