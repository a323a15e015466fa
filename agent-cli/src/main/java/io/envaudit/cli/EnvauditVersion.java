package io.envaudit.cli;

import picocli.CommandLine;

import java.util.Optional;

/** envaudit's own version, from the jar manifest (the Maven project version). */
final class EnvauditVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"envaudit " + number().orElse("(development build)")};
    }

    /** The version the jar's manifest states; none when run from classes rather than a jar. */
    static Optional<String> number() {
        return Optional.ofNullable(EnvauditVersion.class.getPackage().getImplementationVersion());
    }
}
