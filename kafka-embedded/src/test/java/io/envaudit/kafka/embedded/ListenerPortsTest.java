package io.envaudit.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenerPortsTest {

    @TempDir
    Path dataDir;

    @Test
    void portZeroPicksTwoDifferentFreePorts() {
        ListenerPorts ports = ListenerPorts.resolve(EmbeddedKafkaConfig.at(dataDir), Optional.empty());

        assertTrue(ports.broker() > 0 && ports.controller() > 0, ports.toString());
        assertNotEquals(ports.broker(), ports.controller());
    }

    @Test
    void portZeroReusesTheRecordedPorts() {
        ListenerPorts recorded = new ListenerPorts(40001, 40002);

        assertEquals(recorded, ListenerPorts.resolve(EmbeddedKafkaConfig.at(dataDir), Optional.of(recorded)));
    }

    @Test
    void configuredPortsWinOverRecordedOnes() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.at(dataDir).withPorts(40011, 0);

        assertEquals(new ListenerPorts(40011, 40002),
                ListenerPorts.resolve(config, Optional.of(new ListenerPorts(40001, 40002))));
    }

    @Test
    void writeThenReadRoundTrips() {
        ListenerPorts ports = new ListenerPorts(40001, 40002);
        ports.write(dataDir);

        assertEquals(Optional.of(ports), ListenerPorts.read(dataDir));
        assertEquals(Optional.empty(), ListenerPorts.read(dataDir.resolve("nothing-here")));
    }

    @Test
    void aDamagedFileIsReportedWithItsPath() throws Exception {
        Files.writeString(dataDir.resolve(ListenerPorts.FILE_NAME), "broker.port=x\ncontroller.port=40002\n");

        EmbeddedKafkaException damaged = assertThrows(EmbeddedKafkaException.class, () -> ListenerPorts.read(dataDir));
        assertTrue(damaged.getMessage().contains(dataDir.resolve(ListenerPorts.FILE_NAME) + ": broker.port"),
                damaged.getMessage());
    }
}
