package io.envaudit.router.loop;

import io.envaudit.router.config.ReceiverConfig;
import io.envaudit.router.config.ReceiverType;
import io.envaudit.schemas.AlertState;
import io.envaudit.schemas.ConflictAlert;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per Alertmanager receiver, the keys of the alerts routed to it as open: the alerts its lane keeps firing.
 * An alert that stops being routed to such a receiver (its labels changed) must still be ended there,
 * or the lane would refresh it for ever; this says which receivers that is.
 */
final class FiringKeys {
    private final Map<String, Set<String>> byReceiver = new HashMap<>();

    /** The alert was grouped for the receiver: an open one fires there from now on, any other ends. */
    void routed(ReceiverConfig receiver, String alertKey, ConflictAlert alert) {
        if (receiver.type() != ReceiverType.ALERTMANAGER) {
            return;
        }
        Set<String> firing = byReceiver.computeIfAbsent(receiver.name(), r -> new HashSet<>());
        if (alert.getState() == AlertState.OPEN) {
            firing.add(alertKey);
        } else {
            firing.remove(alertKey);
        }
    }

    /** The Alertmanager receivers that keep this alert firing. */
    List<String> receiversFiring(String alertKey) {
        return byReceiver.entrySet().stream().filter(entry -> entry.getValue().contains(alertKey)).map(Map.Entry::getKey).toList();
    }

    /** What the receiver keeps firing, as read back from envaudit.router.firing at a start or rebalance. */
    void restore(String receiver, Set<String> alertKeys) {
        byReceiver.put(receiver, new HashSet<>(alertKeys));
    }

    void clear() {
        byReceiver.clear();
    }
}
