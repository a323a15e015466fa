package io.envaudit.cli;

import io.envaudit.router.WebhookServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router's side of {@link DashboardPrometheusIT}: two real webhook receivers for {@code up --routes} — one whose
 * first answer is 503, so that one post is retried, and one that refuses every post (400: the notification is
 * dead-lettered as refused) — and what the dashboard's router panels must show, computed from what they received.
 *
 * <p>The panels are rates, and a rate over a window is exact in one case, which the test arranges: evaluated at the
 * time of a scrape, over a window that starts before the series' first sample and that sample is 0 (the router
 * registers every series at 0 when it starts, before up serves its metrics). Prometheus then extrapolates neither to
 * the window's end (the last sample is there) nor to its start (a counter is not extrapolated below zero), so
 * {@code rate(c[W])} is {@code c / W}, and with W a power of two seconds that division is exact in binary, as is the
 * scaling {@code histogram_quantile} undoes.
 */
final class RouterPanels implements AutoCloseable {
    private static final String RETRIED = "audit-log";
    private static final String REFUSING = "refuser";
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final Pattern QUANTILE = Pattern.compile("^histogram_quantile\\(([0-9.]+), ");

    /** Counter panel → the counter it shows a rate of, summed as the panel sums it. */
    private static final Map<String, String> COUNTER_PANELS = Map.of(
            "Notifications sent", "sum by (receiver) (envaudit_router_notifications_sent_total)",
            "Notification retries", "sum by (receiver) (envaudit_router_notifications_retried_total)",
            "Notifications failed", "sum by (receiver, outcome) (envaudit_router_notifications_failed_total)");

    private final WebhookServer retried;
    private final WebhookServer refusing;

    /**
     * What each router panel, by title, must show for a query of it (given its text), evaluated at {@code at} with
     * {@code $__rate_interval} set to {@code window}.
     */
    record Expectation(Instant at, String window, Map<String, Function<String, Map<Map<String, String>, Double>>> panels) {
    }

    private RouterPanels(WebhookServer retried, WebhookServer refusing) {
        this.retried = retried;
        this.refusing = refusing;
    }

    static RouterPanels start() throws IOException {
        WebhookServer retried = WebhookServer.start();
        retried.script(WebhookServer.Reply.status(503, "busy"));
        WebhookServer refusing = WebhookServer.start();
        refusing.otherwise(WebhookServer.Reply.status(400, "no_such_hook"));
        return new RouterPanels(retried, refusing);
    }

    /** Every alert to both receivers; notifications grouped over a short window, a retry soon after the 503. */
    Path routesFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("routes.yaml"), String.join("\n",
                "group_window: 2s",
                "receivers:",
                "  - {name: " + RETRIED + ", type: webhook, url: '" + retried.url("/envaudit") + "', initial_backoff: 100ms}",
                "  - {name: " + REFUSING + ", type: webhook, url: '" + refusing.url("/envaudit") + "'}",
                "route:",
                "  receiver: " + RETRIED,
                "  routes:",
                "    - {match_glob: {rule: '*'}, receiver: " + REFUSING + ", continue: true}",
                "    - {match_glob: {rule: '*'}, receiver: " + RETRIED + "}", ""));
    }

    /** Counter panel → its counter's values, by the receivers' own account of what they got and how they answered. */
    private static Map<String, Map<Map<String, String>, Double>> counters(int retriedPosts, int refusedPosts) {
        int unavailable = Math.min(1, retriedPosts); // the first post got the scripted 503
        return Map.of(
                "Notifications sent", DashboardPrometheusIT.vector(Map.of(
                        Map.of("receiver", RETRIED), retriedPosts - unavailable, Map.of("receiver", REFUSING), 0)),
                "Notification retries", DashboardPrometheusIT.vector(Map.of(
                        Map.of("receiver", RETRIED), unavailable, Map.of("receiver", REFUSING), 0)),
                "Notifications failed", DashboardPrometheusIT.vector(Map.of(
                        Map.of("receiver", RETRIED, "outcome", "refused"), 0, Map.of("receiver", RETRIED, "outcome", "exhausted"), 0,
                        Map.of("receiver", REFUSING, "outcome", "refused"), refusedPosts,
                        Map.of("receiver", REFUSING, "outcome", "exhausted"), 0)));
    }

    /**
     * Waits until a scrape shows every post the receivers got answered and counted (and none came meanwhile), then
     * says what each router panel must show at that scrape, over a window back to {@code started} (before up).
     */
    Expectation settle(PrometheusServer prometheus, Instant started) throws Exception {
        retried.awaitRequests(2);   // the 503, then the same notification taken
        refusing.awaitRequests(1);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            int retriedPosts = retried.requests().size();
            int refusedPosts = refusing.requests().size();
            Instant at = lastScrape(prometheus);
            Map<String, Map<Map<String, String>, Double>> expected = counters(retriedPosts, refusedPosts);
            Map<String, Map<Map<String, String>, Double>> scraped = new HashMap<>();
            for (Map.Entry<String, String> panel : COUNTER_PANELS.entrySet()) {
                scraped.put(panel.getKey(), prometheus.query(panel.getValue(), at));
            }
            boolean unchanged = retried.requests().size() == retriedPosts && refusing.requests().size() == refusedPosts;
            if ((unchanged && scraped.equals(expected)) || System.nanoTime() > deadline) {
                assertEquals(expected, scraped, "the router's counters at the scrape of " + at + ", as the receivers tell them");
                return expectation(prometheus, at, started, retriedPosts - Math.min(1, retriedPosts), expected);
            }
            Thread.sleep(500);
        }
    }

    private static Instant lastScrape(PrometheusServer prometheus) throws Exception {
        Map<Map<String, String>, Double> scraped = prometheus.query("max(timestamp(envaudit_router_notifications_sent_total))");
        assertEquals(1, scraped.size(), "the router's series are scraped: " + scraped);
        return Instant.ofEpochMilli(Math.round(scraped.values().iterator().next() * 1000));
    }

    private Expectation expectation(PrometheusServer prometheus, Instant at, Instant started, int delivered,
                                    Map<String, Map<Map<String, String>, Double>> counters) throws Exception {
        long seconds = Long.highestOneBit(Duration.between(started, at).toSeconds() + 1) * 2; // a power of two past started
        String window = seconds + "s";
        for (String rated : List.of("envaudit_router_notifications_sent_total", "envaudit_router_notifications_retried_total",
                "envaudit_router_notifications_failed_total", "envaudit_router_delivery_latency_seconds_bucket")) {
            assertEquals(Map.of(Map.of(), 0.0), prometheus.query("max(min_over_time(" + rated + "[" + window + "]))", at),
                    "every series of " + rated + " was scraped at 0 before it grew: the rates over " + window + " are exact");
        }
        Map<Map<String, String>, Double> buckets = prometheus.query("sum by (receiver, le) (envaudit_router_delivery_latency_seconds_bucket)", at);
        assertEquals((double) delivered, buckets.entrySet().stream().filter(b -> b.getKey().get("le").equals("+Inf"))
                .mapToDouble(Map.Entry::getValue).sum(), "the latency histogram holds every delivery: " + buckets);
        Map<String, Map<Map<String, String>, Double>> bucketsByReceiver = new TreeMap<>();
        buckets.forEach((labels, count) -> bucketsByReceiver.computeIfAbsent(labels.get("receiver"), r -> new HashMap<>()).put(labels, count));

        Map<String, Function<String, Map<Map<String, String>, Double>>> panels = new HashMap<>();
        counters.forEach((title, counted) -> panels.put(title, expr -> perSecond(counted, seconds)));
        panels.put("Delivery latency", expr -> {
            Matcher quantile = QUANTILE.matcher(expr);
            assertTrue(quantile.find(), expr);
            // a receiver that took nothing has no quantile: NaN, as Prometheus answers for an empty histogram
            Map<Map<String, String>, Double> byReceiver = new HashMap<>();
            bucketsByReceiver.forEach((receiver, byLe) -> byReceiver.put(Map.of("receiver", receiver),
                    histogramQuantile(Double.parseDouble(quantile.group(1)), byLe)));
            return DashboardPrometheusIT.vector(byReceiver);
        });
        return new Expectation(at, window, panels);
    }

    private static Map<Map<String, String>, Double> perSecond(Map<Map<String, String>, Double> counted, long seconds) {
        Map<Map<String, String>, Double> rates = new TreeMap<>(PrometheusServer::compareLabels);
        counted.forEach((labels, n) -> rates.put(labels, n / seconds));
        return rates;
    }

    /**
     * {@code histogram_quantile} as Prometheus computes it ({@code bucketQuantile} in promql/quantile.go) on cumulative
     * bucket counts by their {@code le}: the bucket the rank falls in, and a linear interpolation inside it; past the
     * last finite bucket, that bucket's upper bound.
     */
    static double histogramQuantile(double q, Map<Map<String, String>, Double> byLe) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        byLe.forEach((labels, count) -> buckets.put(upperBound(labels.get("le")), count));
        List<Map.Entry<Double, Double>> sorted = new ArrayList<>(buckets.entrySet());
        double rank = q * sorted.get(sorted.size() - 1).getValue();
        int b = 0;
        while (b < sorted.size() - 1 && sorted.get(b).getValue() < rank) {
            b++;
        }
        if (b == sorted.size() - 1) {
            return sorted.get(b - 1).getKey();
        }
        double start = 0;
        double count = sorted.get(b).getValue();
        if (b > 0) {
            start = sorted.get(b - 1).getKey();
            count -= sorted.get(b - 1).getValue();
            rank -= sorted.get(b - 1).getValue();
        }
        return start + (sorted.get(b).getKey() - start) * (rank / count);
    }

    private static double upperBound(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    @Override
    public void close() {
        retried.close();
        refusing.close();
    }
}
