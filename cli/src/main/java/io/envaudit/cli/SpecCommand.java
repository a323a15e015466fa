package io.envaudit.cli;

import io.envaudit.engine.spec.InstalledVersion;
import io.envaudit.engine.spec.VersionSpec;
import io.envaudit.engine.version.Flavor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code envaudit spec}: try a version spec before writing it into a rule. */
@Command(name = "spec", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = "Version specs: 'spec match' tells whether versions satisfy a spec.",
        subcommands = SpecCommand.Match.class)
final class SpecCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "match", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
            description = {
                "Does VERSION satisfy SPEC? With two arguments, print true or false.",
                "Without arguments, read lines 'SPEC<TAB>VERSION' on stdin and print one line per line:",
                "true, false, or 'error: <message>'.",
                "The spec is read in the grammar of --flavor and the version is ordered by the same flavor."})
    static final class Match implements Callable<Integer> {
        private static final int CACHED_SPECS = 4096;

        @Option(names = "--flavor", required = true, converter = FlavorConverter.class,
                description = "pep440 (PEP 440 specifier set, pip version) or conda (conda version spec, conda version).")
        Flavor flavor;

        @Parameters(arity = "0..2", paramLabel = "SPEC_OR_VERSION", description = "A spec, then a version.")
        List<String> arguments = List.of();

        /** Batches repeat the same few specs: parse each once. */
        private final Map<String, VersionSpec> parsedSpecs = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, VersionSpec> eldest) {
                return size() > CACHED_SPECS;
            }
        };

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return TabSeparatedBatch.answer(arguments,
                    "give a spec and a version, or none to read 'SPEC<TAB>VERSION' lines from stdin",
                    System.in, spec.commandLine().getOut(), spec.commandLine().getErr(), this::match);
        }

        private String match(String specText, String versionText) {
            VersionSpec versionSpec = parsedSpecs.get(specText);
            if (versionSpec == null) {
                versionSpec = VersionSpec.parse(flavor, specText);
                parsedSpecs.put(specText, versionSpec);
            }
            return Boolean.toString(versionSpec.matches(InstalledVersion.parse(flavor, versionText)));
        }
    }
}
