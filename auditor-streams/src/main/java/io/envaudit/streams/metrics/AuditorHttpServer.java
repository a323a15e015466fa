package io.envaudit.streams.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The auditor's HTTP side for Prometheus and orchestrators: {@code /metrics} (Prometheus text format),
 * {@code /health} (liveness: the Streams application has not failed or stopped) and {@code /ready}
 * (running, and every partition it owns readable, so none is restoring).
 */
public final class AuditorHttpServer implements AutoCloseable {
    private static final Set<KafkaStreams.State> DEAD = Set.of(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);

    private final HttpServer server;
    private final ExecutorService executor;

    private AuditorHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves on {@code address} (port 0: any free port) from one thread. */
    public static AuditorHttpServer start(InetSocketAddress address, KafkaStreams streams, AuditorMetrics metrics) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.createContext("/health", exchange -> {
            KafkaStreams.State state = streams.state();
            respond(exchange, DEAD.contains(state) ? 503 : 200, "text/plain; charset=utf-8", state + "\n");
        });
        server.createContext("/ready", exchange -> {
            KafkaStreams.State state = streams.state();
            boolean ready = state == KafkaStreams.State.RUNNING && metrics.countsComplete();
            respond(exchange, ready ? 200 : 503, "text/plain; charset=utf-8", ready ? "ready\n" : state + ", not ready\n");
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "envaudit-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new AuditorHttpServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
