package io.envaudit.cli;

import io.envaudit.engine.rules.DefaultRulePack;
import io.envaudit.streams.rules.RulePublication;
import io.envaudit.streams.rules.RulePublication.Change;
import io.envaudit.streams.rules.RulePublication.Outcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code envaudit rules delete}: rules and waivers off the rules topic, by id. */
@Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Delete rules or waivers from the rules topic by id.",
            "Each is a tombstone: the alerts of a deleted rule resolve (rule-deleted), those a deleted waiver covered open "
                    + "again. An id the topic does not hold is an error, and then nothing is deleted, unless --force.",
            "Exit 0 when deleted, 1 when an id is not on the topic or on a Kafka failure, 2 on bad arguments."})
final class RulesDeleteCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "Ids of the rules and waivers to delete.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--force", description = "Delete the ids the topic holds even when it does not hold some of the others.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return RulesTopicCommand.run(kafka, out, err, cluster -> {
            String topic = cluster.topics().rules().name();
            RulePublication deletion = RulePublication.ofDeletions(cluster.publishedRules(), ids);
            List<Change> absent = deletion.withOutcome(Outcome.ABSENT);
            if (!absent.isEmpty() && !force) {
                absent.forEach(change -> out.println(PublicationReport.line(change, topic)));
                out.flush();
                return Exit.failure(err, "nothing deleted: " + topic + " does not hold " + absent.size() + " of the ids (--force deletes the others)");
            }
            cluster.publish(deletion);
            deletion.changes().forEach(change -> out.println(PublicationReport.line(change, topic)));
            for (Change deleted : deletion.withOutcome(Outcome.DELETED)) {
                if (deleted.before() != null && DefaultRulePack.owns(deleted.before().getOrigin())) {
                    out.println("note: " + deleted.id() + " is a rule of the default pack, which the next 'envaudit up' or "
                            + "'rules publish --default-pack' adds back; to silence it for good, waive it");
                }
            }
            out.println(topic + ": " + PublicationReport.summary(deletion));
            return 0;
        });
    }
}
