package io.envaudit.router.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node of the routing tree, read as Alertmanager reads its own: an alert that matches a route goes down
 * to the first child that matches it, and on to the following children while the matching ones say
 * {@code continue}; where no child matches, the route itself takes the alert for its receiver.
 *
 * @param receiver   its own, or the one it inherits from its parent
 * @param matchers   all must hold; none on the root, which takes every alert
 * @param continues  whether the siblings after this route are tried once it matched
 * @param at         where it is written ({@code file:line:column}), for messages
 */
public record Route(String receiver, List<LabelMatcher> matchers, boolean continues, List<Route> routes, String at) {

    public Route {
        matchers = List.copyOf(matchers);
        routes = List.copyOf(routes);
    }

    public boolean matches(Map<String, String> labels) {
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** The receivers of an alert that this route matched, in the order the tree names them, each once. */
    public Set<String> receiversFor(Map<String, String> labels) {
        Set<String> receivers = new LinkedHashSet<>();
        for (Route child : routesTaking(labels)) {
            receivers.add(child.receiver);
        }
        return receivers;
    }

    private List<Route> routesTaking(Map<String, String> labels) {
        List<Route> taking = new ArrayList<>();
        for (Route child : routes) {
            if (child.matches(labels)) {
                taking.addAll(child.routesTaking(labels));
                if (!child.continues) {
                    break;
                }
            }
        }
        if (taking.isEmpty()) {
            taking.add(this);
        }
        return taking;
    }
}
