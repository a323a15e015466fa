package io.envaudit.cli;

import io.envaudit.streams.dlq.DeadLetter;
import io.envaudit.streams.dlq.DeadLetterReader;
import io.envaudit.streams.dlq.DeadLetterReason;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** {@code envaudit dlq list}: the dead letters, oldest first, up to the end of the topic as it is now. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Show the dead letters, oldest first.",
            "From the start of the dead-letter topic (or --since) to its end: where each is, when its record was written, "
                    + "why (its reason code), the topic, partition and offset it came from, its key, and the exception. With "
                    + "--alerts, the notifications the router could not deliver: when, the receiver, the rule, how many alerts, why.",
            "Exit 0; 1 when Kafka fails; 2 on bad options or a missing topic."})
final class DlqListCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--alerts", description = "Show the alert router's dead letters instead of the auditor's.")
    boolean alerts;

    @Option(names = "--source-topic", paramLabel = "TOPIC", description = "Only the dead letters that came from this topic.")
    String sourceTopic;

    @Option(names = "--reason", paramLabel = "CODE", completionCandidates = ReasonCodes.class,
            description = "Only the dead letters the auditor gave this reason code: ${COMPLETION-CANDIDATES}.")
    String reason;

    @Option(names = "--receiver", paramLabel = "NAME", description = "With --alerts: only the notifications for this receiver.")
    String receiver;

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
        String problem = optionsProblem();
        if (problem != null) {
            return DlqCommand.error(err, problem, 2);
        }
        return DlqCommand.withKafka(kafka, err, (client, topics) -> alerts
                ? list(out, client, topics.alertDeadLetters().name(),
                        record -> AlertDeadLetter.of(record, topics.alertDeadLetters()),
                        letter -> receiver == null || letter.forReceiver(receiver),
                        AlertDeadLetterFormat::text, AlertDeadLetterFormat::json)
                : list(out, client, topics.deadLetters().name(), DeadLetter::of,
                        letter -> (sourceTopic == null || letter.cameFrom(sourceTopic))
                                && (reason == null || letter.reason().equals(Optional.of(reason))),
                        DeadLetterFormat::text, DeadLetterFormat::json));
    }

    /** The auditor's reason codes, for --help. */
    static final class ReasonCodes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return DeadLetterReason.all().iterator();
        }
    }

    private String optionsProblem() {
        if (limit != null && limit < 1) {
            return "--limit must be at least 1, not " + limit;
        }
        if (alerts && sourceTopic != null) {
            return "--source-topic does not apply to --alerts: the router's dead letters all come from the alerts; choose them with --receiver";
        }
        if (!alerts && receiver != null) {
            return "--receiver is for the router's dead letters: add --alerts";
        }
        if (alerts && reason != null) {
            return "--reason is for the auditor's dead letters: the router's say why in words; choose them with --receiver";
        }
        if (reason != null && !DeadLetterReason.all().contains(reason)) {
            return "--reason " + reason + ": not a reason code; give one of " + String.join(", ", DeadLetterReason.all());
        }
        return null;
    }

    /** Prints the wanted dead letters of {@code topic}, then, as text, a count; returns the exit code. */
    private <T> int list(PrintWriter out, Map<String, Object> client, String topic,
                         Function<ConsumerRecord<byte[], byte[]>, T> decode,
                         Predicate<T> wanted, Function<T, String> text, BiConsumer<T, PrintWriter> json) {
        AtomicInteger shown = new AtomicInteger();
        try (DeadLetterReader<T> reader = new DeadLetterReader<>(client, topic, decode, DlqCommand.KAFKA_TIMEOUT)) {
            reader.forEach(Optional.ofNullable(since), letter -> {
                if (!wanted.test(letter)) {
                    return true;
                }
                if (format == Format.json) {
                    json.accept(letter, out);
                } else {
                    out.println(text.apply(letter));
                }
                int count = shown.incrementAndGet();
                return limit == null || count < limit;
            });
        }
        if (format == Format.text) {
            out.println(summary(shown.get(), topic));
        }
        out.flush();
        return 0;
    }

    /** {@code 2 dead letters in envaudit.dlq from envaudit.snapshots since ...}, or {@code no dead letters in ...}. */
    private String summary(int shown, String topic) {
        String where = " in " + topic + (sourceTopic == null ? "" : " from " + sourceTopic)
                + (reason == null ? "" : " with reason " + reason) + (receiver == null ? "" : " for receiver " + receiver) + (since == null ? "" : " since " + since);
        if (shown == 0) {
            return "no dead letters" + where;
        }
        return shown + (shown == 1 ? " dead letter" : " dead letters") + where
                + (limit != null && shown == limit ? " (stopped at --limit " + limit + ")" : "");
    }
}
