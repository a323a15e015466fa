package io.envaudit.wire;

import java.util.concurrent.TimeUnit;

/** The milliseconds the integration tests print beside what they timed. */
final class Elapsed {
    private Elapsed() {
    }

    static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}
