package io.envaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real Prometheus server (Debian's) run for a test on a free port, its data in the test's folder, and the
 * part of its HTTP API the tests read: instant queries (now, or at a given time) and label values.
 */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts it and waits until it answers {@code /-/ready}; its output goes to {@code log}. */
    static PrometheusServer start(Path config, Path data, int port, Path log) throws Exception {
        Process process = new ProcessBuilder(DebianPrometheus.require(DebianPrometheus.PROMETHEUS).toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, "http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("Prometheus did not become ready; its log is " + log);
            }
            Thread.sleep(200);
        }
        return server;
    }

    private boolean ready() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("success", body.path("status").asText(), pathAndQuery + " answered " + response.body());
        return body.get("data");
    }

    /** An instant query's vector now: each series' labels (the metric name left out) and its value. */
    Map<Map<String, String>, Double> query(String promql) throws IOException, InterruptedException {
        return vector(promql, get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    }

    /** The same, evaluated at {@code time} (to the millisecond, Prometheus's resolution). */
    Map<Map<String, String>, Double> queryAt(String promql, Instant time) throws IOException, InterruptedException {
        long millis = time.toEpochMilli();
        String seconds = Math.floorDiv(millis, 1000) + "." + String.format("%03d", Math.floorMod(millis, 1000));
        return vector(promql, get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + seconds));
    }

    private static Map<Map<String, String>, Double> vector(String promql, JsonNode data) {
        assertEquals("vector", data.get("resultType").asText(), promql);
        Map<Map<String, String>, Double> series = new TreeMap<>(PrometheusServer::compareLabels);
        for (JsonNode sample : data.get("result")) {
            Map<String, String> labels = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = sample.get("metric").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                if (!label.getKey().equals("__name__")) {
                    labels.put(label.getKey(), label.getValue().asText());
                }
            }
            series.put(labels, Double.parseDouble(sample.get("value").get(1).asText()));
        }
        return series;
    }

    /** The values of a label on the series of one metric, as Grafana's label_values(metric, label) lists them. */
    TreeSet<String> labelValues(String label, String metric) throws IOException, InterruptedException {
        TreeSet<String> values = new TreeSet<>();
        get("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(metric, StandardCharsets.UTF_8)).forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Label sets in a stable order, whatever map holds them. */
    static int compareLabels(Map<String, String> a, Map<String, String> b) {
        return new TreeMap<>(a).toString().compareTo(new TreeMap<>(b).toString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
