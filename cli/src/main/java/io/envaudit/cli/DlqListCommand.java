package io.envaudit.cli;

import io.envaudit.streams.dlq.DeadLetter;
import io.envaudit.streams.dlq.DeadLetterReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code envaudit dlq list}: the dead letters, oldest first, up to the end of the topic as it is now. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Show the dead letters, oldest first.",
            "From the start of the dead-letter topic (or --since) to its end: where",
            "each is, when its record was written, the topic, partition and offset it",
            "came from, its key, and the exception.",
            "Exit 0; 1 when Kafka fails; 2 on bad options or a missing topic."})
final class DlqListCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--source-topic", paramLabel = "TOPIC", description = "Only the dead letters that came from this topic.")
    String sourceTopic;

    @Option(names = "--since", paramLabel = "INSTANT", converter = AuditCommand.InstantConverter.class,
            description = "Only the records written at or after this moment: an ISO-8601 instant, or a date (its start, UTC).")
    Instant since;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N dead letters.")
    Integer limit;

    @Option(names = "--format", defaultValue = "text", description = "text (default), or json: one object per line.")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit != null && limit < 1) {
            return DlqCommand.error(err, "--limit must be at least 1, not " + limit, 2);
        }
        return DlqCommand.withKafka(kafka, err, (client, deadLetters) -> {
            AtomicInteger shown = new AtomicInteger();
            try (DeadLetterReader reader = new DeadLetterReader(client, deadLetters, DlqCommand.KAFKA_TIMEOUT)) {
                reader.forEach(Optional.ofNullable(since), letter -> {
                    if (!fromSourceTopic(letter)) {
                        return true;
                    }
                    if (format == Format.json) {
                        DeadLetterFormat.json(letter, out);
                    } else {
                        out.println(DeadLetterFormat.text(letter));
                    }
                    int count = shown.incrementAndGet();
                    return limit == null || count < limit;
                });
            }
            if (format == Format.text) {
                out.println(summary(shown.get(), deadLetters.name()));
            }
            out.flush();
            return 0;
        });
    }

    private boolean fromSourceTopic(DeadLetter letter) {
        return sourceTopic == null || letter.cameFrom(sourceTopic);
    }

    /** {@code 2 dead letters in envaudit.dlq from envaudit.snapshots since ...}, or {@code no dead letters in ...}. */
    private String summary(int shown, String topic) {
        String where = " in " + topic + (sourceTopic == null ? "" : " from " + sourceTopic) + (since == null ? "" : " since " + since);
        if (shown == 0) {
            return "no dead letters" + where;
        }
        return shown + (shown == 1 ? " dead letter" : " dead letters") + where
                + (limit != null && shown == limit ? " (stopped at --limit " + limit + ")" : "");
    }
}
