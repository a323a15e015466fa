package io.envaudit.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real HTTP (or HTTPS) server on loopback standing in for Slack, Teams, Mattermost or any webhook: it
 * keeps every request it gets and answers from a script (200 when the script is spent), so that a test can
 * make it refuse, rate-limit, fail or hang.
 */
public final class WebhookServer implements AutoCloseable {
    private static final Duration WAIT = Duration.ofMinutes(1);

    /** One request as it arrived. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body, Instant receivedAt) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    /** One scripted answer: a status with headers and body, given at once or once {@code release} opens. */
    public record Reply(int status, Map<String, String> headers, String body, CountDownLatch release) {
        public static Reply status(int status, String body) {
            return new Reply(status, Map.of(), body, null);
        }

        public static Reply rateLimited(int retryAfterSeconds) {
            return new Reply(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), "rate_limited", null);
        }

        /** No answer until the latch opens (or the server closes): a receiver that hangs. */
        public static Reply hang(CountDownLatch release) {
            return new Reply(200, Map.of(), "ok", release);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Deque<Reply> script = new ArrayDeque<>();
    private Reply otherwise = Reply.status(200, "ok");
    private final List<Request> requests = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private WebhookServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static WebhookServer start() throws IOException {
        return new WebhookServer(HttpServer.create(loopback(), 0));
    }

    /** The same on HTTPS, with the certificate of {@code tls}: a receiver with a certificate from a private CA. */
    public static WebhookServer startHttps(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(loopback(), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new WebhookServer(server);
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    public URI url(String path) {
        return url("127.0.0.1", path);
    }

    /** The URL by another name of the loopback address ({@code localhost}). */
    public URI url(String host, String path) {
        return URI.create((server instanceof HttpsServer ? "https" : "http") + "://" + host + ":" + port() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next answers, in order, before the default 200. */
    public synchronized void script(Reply... replies) {
        script.addAll(List.of(replies));
    }

    /** The answer once the script is spent, instead of 200: {@code Reply.status(400, ...)} makes a receiver that refuses everything. */
    public synchronized void otherwise(Reply reply) {
        otherwise = reply;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Reply reply;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
            reply = script.isEmpty() ? otherwise : script.poll();
            notifyAll();
        }
        if (reply.release() != null) {
            awaitEither(reply.release());
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client stopped waiting (its timeout): nothing to answer
        }
    }

    private void awaitEither(CountDownLatch release) {
        try {
            while (!release.await(50, TimeUnit.MILLISECONDS) && closing.getCount() > 0) {
                // until released or closed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests once {@code done} holds for them, or what came within a minute (the test then fails on it). */
    public synchronized List<Request> awaitRequests(Predicate<List<Request>> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.test(requests) && System.nanoTime() < deadline) {
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return List.copyOf(requests);
    }

    public List<Request> awaitRequests(int count) throws InterruptedException {
        return awaitRequests(received -> received.size() >= count);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
