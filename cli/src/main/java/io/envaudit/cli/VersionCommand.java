package io.envaudit.cli;

import io.envaudit.engine.spec.InstalledVersion;
import io.envaudit.engine.version.Flavor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

/** {@code envaudit version}: envaudit's own version, and {@code version compare} for package versions. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = "Print envaudit's version; 'version compare' orders package versions.",
        subcommands = VersionCommand.Compare.class)
final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(new EnvauditVersion().getVersion()[0]);
        spec.commandLine().getOut().flush();
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
            description = {
                "Compare package versions in the order of pip or conda.",
                "With two arguments, print -1, 0 or 1 for A against B. Without arguments, read lines 'A<TAB>B' on stdin and print "
                        + "one line per line: -1, 0, 1, or 'error: <message>'."})
    static final class Compare implements java.util.concurrent.Callable<Integer> {

        @Option(names = "--flavor", required = true, converter = FlavorConverter.class,
                description = "pep440 (pip packages) or conda (conda packages).")
        Flavor flavor;

        @Parameters(arity = "0..2", paramLabel = "VERSION", description = "Two versions to compare.")
        List<String> versions = List.of();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return TabSeparatedBatch.answer(versions, "give two versions, or none to read 'A<TAB>B' lines from stdin",
                    System.in, spec.commandLine().getOut(), spec.commandLine().getErr(), this::compare);
        }

        private String compare(String a, String b) {
            int c = InstalledVersion.parse(flavor, a).compareTo(InstalledVersion.parse(flavor, b));
            return Integer.toString(Integer.signum(c));
        }
    }
}
