package io.envaudit.streams.metrics;

import io.envaudit.streams.audit.Series;
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

/**
 * The auditor's Prometheus metrics: the fleet counts this instance owns ({@link FleetCounts}), read
 * afresh at each scrape, beside Kafka Streams' own metrics and the JVM's. Not thread-safe across
 * scrapes: the HTTP server calls {@link #scrape()} from one thread.
 */
public final class AuditorMetrics implements AutoCloseable {
    private final KafkaStreams streams;
    private final String snapshotsTopic;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, MultiGauge> gauges = new HashMap<>();
    private final AtomicInteger owned = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final KafkaStreamsMetrics streamsMetrics;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    public AuditorMetrics(KafkaStreams streams, String snapshotsTopic) {
        this.streams = streams;
        this.snapshotsTopic = snapshotsTopic;
        registry.gauge("envaudit_count_partitions", Tags.of("state", "owned"), owned);
        registry.gauge("envaudit_count_partitions", Tags.of("state", "unavailable"), unavailable);
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

    @Override
    public void close() {
        streamsMetrics.close();
        gcMetrics.close();
        registry.close();
    }
}
