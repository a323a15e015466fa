package io.envaudit.agent.discover;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The end of a scan's time budget, on a monotonic clock (tests pass their own). */
public final class Deadline {
    private final LongSupplier nanoClock;
    private final long end;
    private final Duration budget;

    public Deadline(Duration budget, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.budget = budget;
        this.end = nanoClock.getAsLong() + budget.toNanos();
    }

    public static Deadline after(Duration budget) {
        return new Deadline(budget, System::nanoTime);
    }

    public boolean passed() {
        return nanoClock.getAsLong() - end >= 0;
    }

    /** What is left of the budget; zero once it has passed. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, end - nanoClock.getAsLong()));
    }

    public Duration budget() {
        return budget;
    }
}
