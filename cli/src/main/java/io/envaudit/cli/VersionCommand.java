package io.envaudit.cli;

import io.envaudit.engine.spec.InstalledVersion;
import io.envaudit.engine.version.Flavor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

/** {@code envaudit version}: envaudit's own version, and {@code version compare} for package versions. */
@Command(name = "version",
        description = "Print envaudit's version; 'version compare' orders package versions.",
        subcommands = VersionCommand.Compare.class)
final class VersionCommand implements Runnable {

    @Override
    public void run() {
        System.out.println(new EnvauditVersion().getVersion()[0]);
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {
                "Compare versions. With two arguments, print -1, 0 or 1 for A against B.",
                "Without arguments, read lines 'A<TAB>B' on stdin and print one line per line:",
                "-1, 0, 1, or 'error: <message>'."})
    static final class Compare implements java.util.concurrent.Callable<Integer> {

        @Option(names = "--flavor", required = true, converter = FlavorConverter.class,
                description = "pep440 (pip packages) or conda (conda packages).")
        Flavor flavor;

        @Parameters(arity = "0..2", paramLabel = "VERSION", description = "Two versions to compare.")
        List<String> versions = List.of();

        @Override
        public Integer call() throws IOException {
            if (versions.size() == 1) {
                System.err.println("error: give two versions, or none to read 'A<TAB>B' lines from stdin");
                return 2;
            }
            if (versions.size() == 2) {
                try {
                    System.out.println(compare(versions.get(0), versions.get(1)));
                    return 0;
                } catch (IllegalArgumentException e) {
                    System.err.println("error: " + e.getMessage());
                    return 2;
                }
            }
            TabSeparatedBatch.run(System.in, System.out, this::compare);
            return 0;
        }

        private String compare(String a, String b) {
            int c = InstalledVersion.parse(flavor, a).compareTo(InstalledVersion.parse(flavor, b));
            return Integer.toString(Integer.signum(c));
        }
    }
}
