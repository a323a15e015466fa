package io.envaudit.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (broker and controller in one) running in this JVM from the Kafka
 * server jars, on 127.0.0.1. {@link #start} returns once clients can use the broker;
 * {@link #close} shuts it down cleanly and waits. The data dir survives restarts.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.under(root))) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Kafka's log dir (its {@code log.dirs} and metadata log) inside the data dir. */
    static final String LOG_DIR_NAME = "logs";
    private static final String META_PROPERTIES = "meta.properties";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final EmbeddedKafkaConfig config;
    private final ListenerPorts ports;
    private final String clusterId;
    private final KafkaRaftServer server;
    private final DataDirLock lock;
    private boolean closed;

    private EmbeddedKafka(EmbeddedKafkaConfig config, ListenerPorts ports, String clusterId,
                          KafkaRaftServer server, DataDirLock lock) {
        this.config = config;
        this.ports = ports;
        this.clusterId = clusterId;
        this.server = server;
        this.lock = lock;
    }

    /**
     * Locks the data dir, formats it on first use, starts the broker and waits until an admin
     * client sees it.
     *
     * @throws EmbeddedKafkaException if the data dir is in use, the broker fails to start, or it
     *                                does not serve within {@link EmbeddedKafkaConfig#startTimeout()}
     */
    public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
        long startNanos = System.nanoTime();
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        EmbeddedKafka kafka;
        try {
            Path logDir = config.dataDir().resolve(LOG_DIR_NAME);
            ListenerPorts ports = ListenerPorts.resolve(config, ListenerPorts.read(config.dataDir()));
            String clusterId = formatOnce(logDir);
            kafka = new EmbeddedKafka(config, ports, clusterId, createServer(config, logDir, ports), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        // From here on the broker owns the lock: it is released once the broker has stopped.
        kafka.startAndAwaitReady(startNanos);
        try {
            // Recorded only once it has worked, so a failed first start does not pin bad ports.
            kafka.ports.write(config.dataDir());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        LOG.info("Kafka up at {} (cluster {}, data {}) in {} ms", kafka.bootstrapServers(),
                kafka.clusterId, config.dataDir(), elapsedMillis(startNanos));
        return kafka;
    }

    /** {@code 127.0.0.1:port}: the same on every start with the same data dir and port 0. */
    public String bootstrapServers() {
        return BrokerProperties.HOST + ":" + ports.broker();
    }

    /** The cluster id written by the first format of the data dir. */
    public String clusterId() {
        return clusterId;
    }

    public EmbeddedKafkaConfig config() {
        return config;
    }

    /** Shuts the broker down cleanly, waits for it, then releases the data dir. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long stopNanos = System.nanoTime();
        try {
            stop(server);
        } finally {
            lock.close();
        }
        LOG.info("Kafka at {} stopped in {} ms", bootstrapServers(), elapsedMillis(stopNanos));
    }

    /** Formats the log dir unless it already carries meta.properties; returns the cluster id. */
    private static String formatOnce(Path logDir) {
        Path metaProperties = logDir.resolve(META_PROPERTIES);
        if (!Files.exists(metaProperties)) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                new Formatter()
                        .setPrintStream(print)
                        .setNodeId(BrokerProperties.NODE_ID)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setDirectories(List.of(logDir.toString()))
                        .setMetadataLogDirectory(logDir.toString())
                        .setReleaseVersion(MetadataVersion.latestProduction())
                        .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                        .run();
            } catch (Exception e) {
                throw new EmbeddedKafkaException("cannot format Kafka log dir " + logDir + ": " + e.getMessage(), e);
            }
            LOG.debug("Formatted {}: {}", logDir, output.toString(StandardCharsets.UTF_8).strip());
        }
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(metaProperties, StandardCharsets.UTF_8)) {
            meta.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metaProperties, e);
        }
        String clusterId = meta.getProperty("cluster.id");
        if (clusterId == null) {
            throw new EmbeddedKafkaException(metaProperties + ": no cluster.id");
        }
        return clusterId;
    }

    private static KafkaRaftServer createServer(EmbeddedKafkaConfig config, Path logDir, ListenerPorts ports) {
        Map<String, String> props = BrokerProperties.of(logDir, ports, config.brokerProperties());
        try {
            return new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new EmbeddedKafkaException("Kafka broker in " + config.dataDir() + " cannot be set up: "
                    + causes(e), e);
        }
    }

    /** Starts the server; on any failure it is stopped and the lock released (see below for when). */
    private void startAndAwaitReady(long startNanos) {
        long deadline = startNanos + config.startTimeout().toNanos();
        // startup() blocks until the broker is unfenced and cannot be interrupted; Kafka bounds it
        // only with its own timeouts, so it runs on a thread of its own to honour startTimeout.
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                server.startup();
                started.complete(null);
            } catch (Throwable t) {
                started.completeExceptionally(t);
            }
        }, "envaudit-kafka-startup");
        starter.setDaemon(true);
        starter.start();
        try {
            started.get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            stopAfterFailure();
            Throwable cause = e.getCause();
            throw new EmbeddedKafkaException(describe() + " failed to start: " + causes(cause) + hint(cause), cause);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // A shutdown() while startup() still runs leaves awaitShutdown() waiting forever (seen
            // with 4.4.0), so the stop waits for startup() to end, after this method has thrown.
            started.whenComplete((ignored, failure) -> stopAfterFailure());
            throw new EmbeddedKafkaException(describe() + " did not start within " + config.startTimeout().toMillis()
                    + " ms; it is stopped, and the data dir released, once Kafka's start-up returns. "
                    + "Set a longer startTimeout, or see the Kafka log (loggers kafka, org.apache.kafka)", e);
        }
        try {
            awaitServing(deadline);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stopAfterFailure();
            throw new EmbeddedKafkaException(describe() + " started but did not answer an admin client within "
                    + config.startTimeout().toMillis() + " ms: " + causes(e), e);
        } catch (RuntimeException e) {
            stopAfterFailure();
            throw e;
        }
    }

    /** Ready means an admin client on the bootstrap address is answered with this node. */
    private void awaitServing(long deadline) throws InterruptedException, TimeoutException {
        Map<String, Object> adminProps = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "envaudit-kafka-readiness");
        ExecutionException lastFailure = null;
        try (Admin admin = Admin.create(adminProps)) {
            while (remainingNanos(deadline) > 0) {
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes().get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
                    if (nodes.stream().anyMatch(node -> node.id() == BrokerProperties.NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException e) {
                    lastFailure = e;
                }
                Thread.sleep(100);
            }
        }
        TimeoutException timeout = new TimeoutException("broker not serving at " + bootstrapServers());
        if (lastFailure != null) {
            timeout.initCause(lastFailure.getCause());
        }
        throw timeout;
    }

    private void stopAfterFailure() {
        try {
            stop(server);
        } catch (RuntimeException e) {
            LOG.warn("{}: shutdown after a failed start also failed", describe(), e);
        } finally {
            lock.close();
        }
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private String describe() {
        return "Kafka broker in " + config.dataDir() + " (broker 127.0.0.1:" + ports.broker()
                + ", controller 127.0.0.1:" + ports.controller() + ")";
    }

    /** Kafka wraps the useful message (e.g. the bind error) a level or two down. */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && text.indexOf(message) < 0) {
                text.append(": ").append(message);
            }
        }
        while (text.length() > 0 && text.charAt(text.length() - 1) == '.') {
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }

    private String hint(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return ". A port is taken: free it, or pass other ports (the ports in "
                        + config.dataDir().resolve(ListenerPorts.FILE_NAME) + " are reused when the configured port is 0)";
            }
        }
        return "";
    }

    private static long remainingNanos(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static long elapsedMillis(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos).toMillis();
    }
}
