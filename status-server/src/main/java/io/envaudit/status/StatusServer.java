package io.envaudit.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * What a long-running envaudit process serves for Prometheus and orchestrators, on the JDK's HTTP server:
 * {@code GET /metrics} (the Prometheus text format), {@code /health} (liveness: 200 unless the process has
 * failed or stopped) and {@code /ready} (readiness: 200 once it does its work), each answered from the
 * process's state at that moment. {@code HEAD} gives the same status without the body; other methods get
 * 405, other paths 404, and a failure to answer 500. One thread serves, so a scrape never runs beside
 * another.
 */
public final class StatusServer implements AutoCloseable {
    /** Prometheus' text exposition format. */
    public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param address where to listen (port 0: any free port, which {@link #port()} tells)
     * @param metrics the metrics in Prometheus' text format, read at each scrape
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static StatusServer start(InetSocketAddress address, Supplier<String> metrics, Probe health, Probe ready)
            throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                serve(exchange, metrics, health, ready);
            }
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "envaudit-status-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new StatusServer(server, executor);
    }

    private static void serve(HttpExchange exchange, Supplier<String> metrics, Probe health, Probe ready) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(exchange, 405, TEXT, method + " is not served here: GET or HEAD\n");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        try {
            switch (path) {
                case "/metrics" -> respond(exchange, 200, METRICS_CONTENT_TYPE, metrics.get());
                case "/health" -> answer(exchange, health);
                case "/ready" -> answer(exchange, ready);
                default -> respond(exchange, 404, TEXT, "not found: /metrics, /health and /ready are served here\n");
            }
        } catch (RuntimeException e) {
            // a process that cannot even say how it is is not well: an answer, rather than a dropped connection
            respond(exchange, 500, TEXT, path + " failed: " + e + "\n");
        }
    }

    private static void answer(HttpExchange exchange, Probe probe) throws IOException {
        Probe.Answer answer = probe.check();
        respond(exchange, answer.ok() ? 200 : 503, TEXT, answer.detail() + "\n");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
