package io.envaudit.cli;

import io.envaudit.schemas.CompatibilityRule;
import io.envaudit.streams.rules.PublishedRules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code envaudit rules list}: what the rules topic holds, as a table by id, or one entry's YAML. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "List the rules and waivers on the rules topic, sorted by id.",
            "For each: kind, severity, origin, when published and from which file. A record that cannot be read is reported on stderr.",
            "Exit 0, 1 when --yaml names no entry or on a Kafka failure, 2 on bad arguments."})
final class RulesListCommand implements Callable<Integer> {
    private static final List<String> HEADER = List.of("ID", "KIND", "SEVERITY", "ORIGIN", "PUBLISHED", "SOURCE");

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--yaml", paramLabel = "ID", description = "Print the YAML of this entry instead, as published.")
    String yamlOf;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return RulesTopicCommand.run(kafka, out, err, cluster -> {
            String topic = cluster.topics().rules().name();
            PublishedRules published = cluster.publishedRules();
            published.unreadable().forEach((id, why) -> err.println("warning: " + id + " cannot be read: " + why));
            err.flush();
            if (yamlOf == null) {
                table(published.entries().values()).forEach(out::println);
                return 0;
            }
            Optional<CompatibilityRule> entry = published.get(yamlOf);
            if (entry.isEmpty()) {
                return Exit.failure(err, topic + " holds no readable entry '" + yamlOf + "'");
            }
            String yaml = entry.get().getYaml();
            out.print(yaml.endsWith("\n") ? yaml : yaml + "\n");
            return 0;
        });
    }

    /** The entries under a header, each column as wide as its widest cell. */
    static List<String> table(Collection<CompatibilityRule> entries) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (CompatibilityRule entry : entries) {
            rows.add(List.of(entry.getId(), entry.getKind().name().toLowerCase(Locale.ROOT),
                    entry.getSeverity() == null ? "-" : entry.getSeverity().name().toLowerCase(Locale.ROOT),
                    entry.getOrigin(), entry.getPublishedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                    entry.getSourceFile() == null ? "-" : entry.getSourceFile()));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                line.append(column == widths.length - 1 ? row.get(column) : String.format("%-" + (widths[column] + 2) + "s", row.get(column)));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
