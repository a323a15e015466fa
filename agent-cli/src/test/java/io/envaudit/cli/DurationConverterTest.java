package io.envaudit.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void aWholeNumberAndAUnit() {
        assertEquals(Duration.ofDays(3), converter.convert("3d"));
        assertEquals(Duration.ofHours(12), converter.convert("12h"));
        assertEquals(Duration.ofMinutes(90), converter.convert("90m"));
        assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
    }

    @Test
    void anythingElseIsRefusedSayingWhatToWrite() {
        for (String bad : List.of("0d", "3", "d", "3 d", "3days", "-1d", "1.5h", "PT3H", "3D", "", "1234567890d")) {
            CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert(bad), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "' is not a duration: write a positive whole number and d, h, m or s"),
                    e.getMessage());
        }
    }

    @Test
    void formattedInTheLargestUnitThatFitsAndReadBack() {
        assertEquals("3d", DurationConverter.format(Duration.ofDays(3)));
        assertEquals("36h", DurationConverter.format(Duration.ofHours(36)));
        assertEquals("90m", DurationConverter.format(Duration.ofMinutes(90)));
        assertEquals("61s", DurationConverter.format(Duration.ofSeconds(61)));
        for (String form : List.of("30d", "25h", "7m", "59s")) {
            assertEquals(form, DurationConverter.format(converter.convert(form)));
        }
    }
}
