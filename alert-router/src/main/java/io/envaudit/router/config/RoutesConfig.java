package io.envaudit.router.config;

import io.envaudit.router.routing.AlertLabels;
import io.envaudit.router.routing.Route;
import io.envaudit.schemas.ConflictAlert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A routes file, read and checked: the routing tree and the receivers it names.
 *
 * @param file      the file's name as given, for messages
 * @param receivers by name, in the file's order
 */
public record RoutesConfig(String file, Route root, Map<String, ReceiverConfig> receivers) {

    public RoutesConfig {
        receivers = Collections.unmodifiableMap(new LinkedHashMap<>(receivers));
    }

    /** The receivers the tree sends this alert to, in the tree's order. */
    public List<ReceiverConfig> receiversFor(ConflictAlert alert) {
        Set<String> names = root.receiversFor(AlertLabels.of(alert));
        return names.stream().map(receivers::get).toList();
    }
}
