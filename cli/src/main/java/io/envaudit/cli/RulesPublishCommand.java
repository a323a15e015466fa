package io.envaudit.cli;

import io.envaudit.engine.audit.checks.BuiltInChecks;
import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.engine.rules.LoadedRules;
import io.envaudit.engine.rules.RuleFile;
import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.streams.rules.RulePublication;
import io.envaudit.streams.rules.RuleRecords;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code envaudit rules publish}: rule files, or the default pack, onto the rules topic the auditor audits with. */
@Command(name = "publish", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Publish the rules and waivers of rule files to the rules topic.",
            "Keyed by id, with origin 'user'. The files are linted first, as 'rules lint' does: when they have an error, "
                    + "nothing is published. One line per entry: added, updated, or unchanged (not sent again). With --default-pack, "
                    + "publish the default rule pack instead: new rules added, changed ones updated, dropped ones deleted, user-"
                    + "edited ones kept.",
            "Exit 0 when published, 1 on a lint error, a refused entry or a Kafka failure, 2 on bad arguments."})
final class RulesPublishCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Rule files, or directories whose *.yaml and *.yml files are published.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--default-pack", description = "Publish the default rule pack (version " + DefaultRulePack.VERSION + ") instead of files.")
    boolean defaultPack;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (defaultPack != paths.isEmpty()) {
            return Exit.usage(err, defaultPack ? "give rule files or --default-pack, not both" : "give the rule files to publish, or --default-pack");
        }
        Instant now = Instant.now();
        List<CompatibilityRule> entries;
        if (defaultPack) {
            entries = RuleRecords.ofDefaultPack(Set.copyOf(BuiltInChecks.ids()), now);
        } else {
            List<RuleFile> files;
            try {
                files = RuleFileArguments.read(paths);
            } catch (RuleFileArguments.Unreadable e) {
                return Exit.usage(err, e.getMessage());
            }
            LoadedRules loaded = RulesCommand.Lint.lint(files);
            loaded.problems().forEach(out::println);
            if (loaded.hasErrors()) {
                out.println(RulesCommand.Lint.summary(files.size(), loaded));
            }
            out.flush();
            if (loaded.hasErrors()) {
                return Exit.failure(err, "nothing published: the files have errors");
            }
            if (!loaded.ruleSet().checks().isEmpty()) {
                return Exit.failure(err, "nothing published: the rules topic does not carry settings of built-in checks ("
                        + String.join(", ", new TreeSet<>(loaded.ruleSet().checks().keySet())) + "); remove the 'checks:' sections");
            }
            entries = RuleRecords.of(loaded, RuleRecords.USER, now);
        }
        return RulesTopicCommand.run(kafka, out, err, cluster -> {
            String topic = cluster.topics().rules().name();
            RulePublication publication = defaultPack ? RulePublication.ofDefaultPack(cluster.publishedRules(), entries)
                    : RulePublication.ofEntries(cluster.publishedRules(), entries);
            List<RulePublication.Change> refused = publication.withOutcome(RulePublication.Outcome.REFUSED);
            if (!refused.isEmpty()) {
                refused.forEach(change -> out.println(PublicationReport.line(change, topic)));
                out.flush();
                return Exit.failure(err, "nothing published (" + refused.size() + " refused)");
            }
            cluster.publish(publication);
            publication.changes().forEach(change -> out.println(PublicationReport.line(change, topic)));
            out.println(topic + ": " + PublicationReport.summary(publication));
            return 0;
        });
    }
}
