package io.envaudit.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, or the binary
 * {@code ENVAUDIT_ALERTMANAGER} names) on a free loopback port, with its storage in a temporary directory,
 * no cluster, and one receiver: a webhook to a {@link WebhookServer}, with resolved notifications. CI
 * installs the package, so there a missing binary fails the test; elsewhere it is skipped.
 */
public final class AlertmanagerProcess implements AutoCloseable {
    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final Pattern LISTENING = Pattern.compile("msg=\"Listening on\" address=([0-9.]+:[0-9]+)");
    private static final Duration START = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI url;
    private final Deque<String> lastLines;
    private final HttpClient http = HttpClient.newHttpClient();

    private AlertmanagerProcess(Process process, URI url, Deque<String> lastLines) {
        this.process = process;
        this.url = url;
        this.lastLines = lastLines;
    }

    /** Skips the calling test (fails it under CI=true) when there is no Alertmanager to run. */
    public static Path binary() {
        String named = System.getenv("ENVAUDIT_ALERTMANAGER");
        Path binary = named != null ? Path.of(named) : DEBIAN_BINARY;
        boolean present = Files.isExecutable(binary);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(binary + " is missing: .ci/run installs prometheus-alertmanager");
        }
        Assumptions.assumeTrue(present, "this test needs Prometheus Alertmanager at " + binary
                + " (apt-get install prometheus-alertmanager, or set ENVAUDIT_ALERTMANAGER)");
        return binary;
    }

    /**
     * @param resolveTimeout how long Alertmanager keeps an alert posted without {@code endsAt}
     */
    public static AlertmanagerProcess start(Path dir, URI webhook, Duration resolveTimeout) throws IOException, InterruptedException {
        Path binary = binary();
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), String.join("\n",
                "global:",
                "  resolve_timeout: " + resolveTimeout.toMillis() + "ms",
                "route:",
                "  receiver: hook",
                "  group_by: [alertname]",
                "  group_wait: 0s",
                "  group_interval: 1s",
                "  repeat_interval: 1h",
                "receivers:",
                "  - name: hook",
                "    webhook_configs:",
                "      - url: " + webhook,
                "        send_resolved: true", ""));
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:0", "--cluster.listen-address=", "--log.level=info")
                .redirectErrorStream(true).start();
        Deque<String> lastLines = new ArrayDeque<>();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> readLog(process, lastLines, address), "alertmanager-log");
        reader.setDaemon(true);
        reader.start();
        try {
            String listening = address.get(START.toSeconds(), TimeUnit.SECONDS);
            return new AlertmanagerProcess(process, URI.create("http://" + listening + "/"), lastLines);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("Alertmanager did not start: " + String.join("\n", snapshot(lastLines)), e);
        }
    }

    /** Keeps the last lines of Alertmanager's log, for messages, and notes the address it listens on. */
    private static void readLog(Process process, Deque<String> lastLines, CompletableFuture<String> address) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lastLines) {
                    lastLines.add(line);
                    if (lastLines.size() > 50) {
                        lastLines.poll();
                    }
                }
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    address.complete(listening.group(1));
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
        address.completeExceptionally(new IllegalStateException("Alertmanager exited"));
    }

    private static List<String> snapshot(Deque<String> lines) {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    /** Its base URL, which the router's alertmanager receiver is given. */
    public URI url() {
        return url;
    }

    /** {@code GET /api/v2/alerts}: the alerts it holds that have not ended. */
    public List<JsonNode> alerts() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("api/v2/alerts")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v2/alerts: HTTP " + response.statusCode() + " " + response.body());
        }
        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(response.body()).forEach(alerts::add);
        return alerts;
    }

    /** The alerts it holds once {@code done} holds for them, or what it holds after a minute. */
    public List<JsonNode> alertsUntil(java.util.function.Predicate<List<JsonNode>> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<JsonNode> alerts = alerts();
        while (!done.test(alerts) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            alerts = alerts();
        }
        return alerts;
    }

    public String log() {
        return String.join("\n", snapshot(lastLines));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
