package io.envaudit.cli;

import io.envaudit.engine.version.Flavor;
import picocli.CommandLine;

/** Reads {@code --flavor pep440|conda}. */
final class FlavorConverter implements CommandLine.ITypeConverter<Flavor> {
    @Override
    public Flavor convert(String value) {
        try {
            return Flavor.fromLabel(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
