package io.envaudit.cli;

import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.RuleFile;
import io.envaudit.engine.rules.RuleFileLoader;
import io.envaudit.engine.rules.RuleFileProblem;
import io.envaudit.streams.rules.RuleRecords;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code envaudit rules}: rule files, and the rules topic the streaming auditor audits with. */
@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Check rule files, and publish, delete and list the rules of a running auditor.",
            "Rule files are described in docs/rules.md: 'rules lint' checks them; 'rules publish', 'rules delete' and "
                    + "'rules list' work on the rules topic of a running auditor."},
        subcommands = {RulesCommand.Lint.class, RulesPublishCommand.class, RulesDeleteCommand.class, RulesListCommand.class})
final class RulesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "lint", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
            description = {
                "Check rule files as the audit would load them, together.",
                "One line per problem, 'file:line:column: error|warning: message', then a summary.",
                "Exit 0 when there is no error, 1 when there is, 2 when a file cannot be read."})
    static final class Lint implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "PATH",
                description = "Rule files, or directories whose *.yaml and *.yml files are linted.")
        List<Path> paths = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<RuleFile> files;
            try {
                files = RuleFileArguments.read(paths);
            } catch (RuleFileArguments.Unreadable e) {
                return Exit.usage(err, e.getMessage());
            }
            LoadedRules loaded = lint(files);
            loaded.problems().forEach(out::println);
            out.println(summary(files.size(), loaded));
            out.flush();
            return loaded.hasErrors() ? 1 : 0;
        }

        /** The files loaded together, with their problems, as an audit would load them now. */
        static LoadedRules lint(List<RuleFile> files) {
            return RuleFileLoader.load(files, RuleRecords.USER, Set.copyOf(BuiltInChecks.ids()), Instant.now());
        }

        /** {@code 3 errors, 1 warning in 2 files}, or {@code 2 files, 14 rules, 1 waiver: no problems}. */
        static String summary(int fileCount, LoadedRules loaded) {
            if (loaded.problems().isEmpty()) {
                return count(fileCount, "file") + ", " + count(loaded.ruleSet().rules().size(), "rule") + ", "
                        + count(loaded.ruleSet().waivers().size(), "waiver") + ": no problems";
            }
            Set<String> filesWithProblems = new LinkedHashSet<>();
            loaded.problems().stream().map(RuleFileProblem::file).forEach(filesWithProblems::add);
            List<String> counts = new ArrayList<>();
            if (loaded.errorCount() > 0) {
                counts.add(count(loaded.errorCount(), "error"));
            }
            if (loaded.warningCount() > 0) {
                counts.add(count(loaded.warningCount(), "warning"));
            }
            return String.join(", ", counts) + " in " + count(filesWithProblems.size(), "file");
        }

        private static String count(long n, String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }
    }
}
