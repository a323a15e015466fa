package io.envaudit.kafka.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The switch between the embedded broker and Testcontainers. */
class BrokerKindTest {
    private static final String PROPERTY = "envaudit.test.setting";
    private static final String UNSET_VARIABLE = "ENVAUDIT_TEST_SETTING_NEVER_SET";

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void unsetIsTheEmbeddedBroker() {
        assertEquals(BrokerKind.EMBEDDED, BrokerKind.parse(null));
    }

    @Test
    void eachKindIsNamedByItsKey() {
        assertEquals(BrokerKind.EMBEDDED, BrokerKind.parse("embedded"));
        assertEquals(BrokerKind.TESTCONTAINERS, BrokerKind.parse("testcontainers"));
    }

    @Test
    void anUnknownKindIsRefusedNamingTheSwitchAndTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BrokerKind.parse("docker"));
        assertEquals("envaudit.it.kafka (or ENVAUDIT_IT_KAFKA) is 'docker': expected one of embedded, testcontainers", e.getMessage());
    }

    @Test
    void aSettingIsThePropertyStrippedAndABlankOneIsUnset() {
        assertNull(BrokerKind.setting(PROPERTY, UNSET_VARIABLE));
        System.setProperty(PROPERTY, "  ");
        assertNull(BrokerKind.setting(PROPERTY, UNSET_VARIABLE));
        System.setProperty(PROPERTY, " testcontainers ");
        assertEquals("testcontainers", BrokerKind.setting(PROPERTY, UNSET_VARIABLE));
    }

    @Test
    void thePropertyWinsOverTheVariable() {
        // PATH is set in every environment a build runs in.
        String path = System.getenv("PATH");
        assertEquals(path.strip(), BrokerKind.setting(PROPERTY, "PATH"));
        System.setProperty(PROPERTY, "embedded");
        assertEquals("embedded", BrokerKind.setting(PROPERTY, "PATH"));
    }
}
