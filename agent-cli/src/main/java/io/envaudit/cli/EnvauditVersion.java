package io.envaudit.cli;

import picocli.CommandLine;

/** envaudit's own version, from the jar manifest (the Maven project version). */
final class EnvauditVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = EnvauditVersion.class.getPackage().getImplementationVersion();
        return new String[] {"envaudit " + (version == null ? "(development build)" : version)};
    }
}
