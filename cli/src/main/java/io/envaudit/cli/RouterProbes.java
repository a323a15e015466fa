package io.envaudit.cli;

import io.envaudit.router.RunningRouter;
import io.envaudit.router.loop.RouterState;
import io.envaudit.status.Probe;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code /health} and {@code /ready} of {@code envaudit route}, and the router's part of them under
 * {@code envaudit up --routes}. Alive while the router runs; ready while it
 * routes: its group has given it its partitions (none, when there are more routers than partitions) and it
 * has read the delivery log back for them — not while it joins the group or between two assignments.
 */
final class RouterProbes {
    private RouterProbes() {
    }

    static Probe health(RunningRouter router) {
        return () -> router.isRunning()
                ? Probe.Answer.yes("running, " + router.state().phase().name().toLowerCase(Locale.ROOT))
                : Probe.Answer.no("stopped" + router.failure().map(failure -> ": " + failure.getMessage()).orElse(""));
    }

    static Probe ready(RunningRouter router, String alertsTopic, String group) {
        return () -> {
            RouterState state = router.state();
            return switch (state.phase()) {
                case ROUTING -> Probe.Answer.yes(state.partitions().isEmpty()
                        ? "ready: group " + group + " gave this router no partition of " + alertsTopic + " (more routers than partitions)"
                        : "ready: routing partitions " + state.partitions().stream().map(String::valueOf).collect(Collectors.joining(", "))
                                + " of " + alertsTopic);
                case JOINING -> Probe.Answer.no("joining consumer group " + group);
                case REBALANCING -> Probe.Answer.no("rebalancing: partitions of " + alertsTopic + " moving, the delivery log being read back");
                case STOPPED -> Probe.Answer.no("stopped");
            };
        };
    }
}
