package io.envaudit.streams.metrics;

import io.envaudit.streams.audit.Series;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The auditor's Prometheus metrics: the fleet counts this instance owns ({@link FleetCounts}) and the
 * rules in force ({@link RulesLoaded}), read afresh at each scrape, the counters the audit keeps as it
 * goes ({@link AuditorMeters}, in the same registry), Kafka Streams' own metrics and the JVM's. Not
 * thread-safe across scrapes: the HTTP server calls {@link #scrape()} from one thread.
 *
 * <p>The registry exists before the Streams application, whose topology counts in it:
 * {@code registry()} → {@code new AuditorMeters(registry)} → the application → {@code new AuditorMetrics(registry, ...)}.
 * Its maker owns it and closes it, after this: other parts of the process may count in it too, and go on
 * after the auditor has stopped.
 */
public final class AuditorMetrics implements AutoCloseable {
    private final KafkaStreams streams;
    private final String snapshotsTopic;
    private final PrometheusMeterRegistry registry;
    private final Map<String, MultiGauge> gauges = new HashMap<>();
    private final AtomicInteger owned = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicLong rulesLoaded = new AtomicLong();
    private final KafkaStreamsMetrics streamsMetrics;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    /** A registry for {@link AuditorMeters} and then this. */
    public static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** Binds the auditor's gauges, Kafka Streams' metrics and the JVM's to {@code registry}. */
    public AuditorMetrics(PrometheusMeterRegistry registry, KafkaStreams streams, String snapshotsTopic) {
        this.registry = registry;
        this.streams = streams;
        this.snapshotsTopic = snapshotsTopic;
        registry.gauge("envaudit_count_partitions", Tags.of("state", "owned"), owned);
        registry.gauge("envaudit_count_partitions", Tags.of("state", "unavailable"), unavailable);
        Gauge.builder("envaudit_rules_loaded", rulesLoaded, AtomicLong::get)
                .description("Rules in force in this instance's stores (not waivers, nor the built-in checks, which run beside them); "
                        + "the same on every instance: max() over them, not sum()")
                .register(registry);
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** The Prometheus text exposition, with the counts read now. */
    public String scrape() {
        refreshCounts();
        rulesLoaded.set(RulesLoaded.read(streams, snapshotsTopic));
        return registry.scrape();
    }

    /** Whether every partition this instance owns can be read now (none restoring or moving). */
    public boolean countsComplete() {
        return FleetCounts.read(streams, snapshotsTopic).complete();
    }

    private void refreshCounts() {
        FleetCounts counts = FleetCounts.read(streams, snapshotsTopic);
        owned.set(counts.owned());
        unavailable.set(counts.unavailable());
        Map<String, List<MultiGauge.Row<?>>> rows = new HashMap<>();
        gauges.keySet().forEach(name -> rows.put(name, new ArrayList<>()));
        counts.series().forEach((series, n) -> rows.computeIfAbsent(series.name(), name -> new ArrayList<>())
                .add(MultiGauge.Row.of(tags(series), n)));
        rows.forEach((name, of) -> gauges.computeIfAbsent(name, n -> MultiGauge.builder(n).register(registry)).register(of, true));
    }

    private static Tags tags(Series series) {
        Tags tags = Tags.empty();
        for (Map.Entry<String, String> label : series.labels().entrySet()) {
            tags = tags.and(label.getKey(), label.getValue());
        }
        return tags;
    }

    /**
     * Takes Kafka Streams' metrics out of the registry and stops listening to the GC; the registry stays open. A
     * scrape after this still answers: a stopped application owns no partition, so its counts are empty.
     */
    @Override
    public void close() {
        streamsMetrics.close();
        gcMetrics.close();
    }
}
