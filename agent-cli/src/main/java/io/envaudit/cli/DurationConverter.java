package io.envaudit.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: a whole number and a unit, {@code 3d}, {@code 12h}, {@code 90m}, {@code 30s}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,8})([dhms])");
    private static final List<Unit> UNITS = List.of(new Unit("d", Duration.ofDays(1)), new Unit("h", Duration.ofHours(1)),
            new Unit("m", Duration.ofMinutes(1)), new Unit("s", Duration.ofSeconds(1)));

    private record Unit(String symbol, Duration length) {
    }

    @Override
    public Duration convert(String value) {
        Matcher form = FORM.matcher(value);
        if (!form.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: write a positive whole number "
                    + "and d, h, m or s (3d, 12h, 90m, 30s)");
        }
        Unit unit = UNITS.stream().filter(u -> u.symbol().equals(form.group(2))).findFirst().orElseThrow();
        return unit.length().multipliedBy(Long.parseLong(form.group(1)));
    }

    /** The form in the largest unit that fits exactly: {@code 3d}, not {@code 72h}. */
    static String format(Duration duration) {
        for (Unit unit : UNITS) {
            if (duration.toNanos() % unit.length().toNanos() == 0) {
                return duration.dividedBy(unit.length()) + unit.symbol();
            }
        }
        throw new IllegalArgumentException(duration + " is not a whole number of seconds");
    }
}
