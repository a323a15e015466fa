package io.envaudit.engine.names;

import io.envaudit.engine.vectors.VectorFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every channel spelling found in the real listings (and each rule's cited case) canonicalizes as expected. */
class ChannelsTest {

    @TestFactory
    Stream<DynamicTest> channelsFromRealListingsCanonicalize() {
        return VectorFile.rows("/vectors/channels/channels.tsv", 5).map(row -> DynamicTest.dynamicTest(
                row.location() + " " + row.column(0), () -> assertEquals(
                        new Channel(row.column(1), row.column(2), row.column(3)), Channels.canonical(row.column(0)))));
    }

    @Test
    void blankAndNullAreDefaults() {
        assertEquals(Channel.DEFAULTS, Channels.canonical(null).name());
        assertEquals(Channel.DEFAULTS, Channels.canonical("   ").name());
    }

    @Test
    void anacondaIsItsOwnChannelNotDefaults() {
        assertEquals("anaconda", Channels.canonical("https://conda.anaconda.org/anaconda/linux-64").name());
    }

    @Test
    void labelIsKeptBesideTheChannel() {
        assertEquals("nvidia/label/cuda-11.8.0", Channels.canonical("nvidia/label/cuda-11.8.0").toString());
    }
}
