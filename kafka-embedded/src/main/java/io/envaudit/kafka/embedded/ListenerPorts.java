package io.envaudit.kafka.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The two ports of the node. They are recorded in the data dir so that a restart with port 0
 * comes back on the same address: clients keep a saved bootstrap, and the static controller
 * quorum ({@code 1@127.0.0.1:port}) stays what the metadata log was written with.
 */
record ListenerPorts(int broker, int controller) {

    static final String FILE_NAME = "ports.properties";
    private static final String BROKER_KEY = "broker.port";
    private static final String CONTROLLER_KEY = "controller.port";

    ListenerPorts {
        if (broker == controller) {
            throw new EmbeddedKafkaException("broker and controller would share port " + broker);
        }
    }

    /** Asked-for ports win; a 0 takes the recorded port, or a free one if none is recorded. */
    static ListenerPorts resolve(EmbeddedKafkaConfig config, Optional<ListenerPorts> recorded) {
        int broker = config.brokerPort() != 0 ? config.brokerPort()
                : recorded.map(ListenerPorts::broker).orElse(0);
        int controller = config.controllerPort() != 0 ? config.controllerPort()
                : recorded.map(ListenerPorts::controller).orElse(0);
        if (broker != 0 && controller != 0) {
            return new ListenerPorts(broker, controller);
        }
        // Hold both sockets open while picking so the two free ports differ.
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket first = new ServerSocket(0, 1, loopback);
             ServerSocket second = new ServerSocket(0, 1, loopback)) {
            int pickedBroker = broker != 0 ? broker : first.getLocalPort();
            int pickedController = controller != 0 ? controller : second.getLocalPort();
            if (pickedBroker == pickedController) {
                pickedController = first.getLocalPort();
            }
            return new ListenerPorts(pickedBroker, pickedController);
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + loopback, e);
        }
    }

    static Optional<ListenerPorts> read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(new ListenerPorts(port(props, BROKER_KEY, file), port(props, CONTROLLER_KEY, file)));
    }

    void write(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        Properties props = new Properties();
        props.setProperty(BROKER_KEY, Integer.toString(broker));
        props.setProperty(CONTROLLER_KEY, Integer.toString(controller));
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            props.store(writer, "Ports of the embedded Kafka broker; reused on restart when the configured port is 0");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + file, e);
        }
    }

    private static int port(Properties props, String key, Path file) {
        String value = props.getProperty(key);
        if (value == null) {
            throw new EmbeddedKafkaException(file + ": missing " + key);
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new EmbeddedKafkaException(file + ": " + key + " out of range: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new EmbeddedKafkaException(file + ": " + key + " is not a number: " + value, e);
        }
    }
}
