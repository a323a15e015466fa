package io.envaudit.cli;

import io.envaudit.router.config.RoutesConfig;
import io.envaudit.router.delivery.ReceiverClients;
import io.envaudit.schemas.AlertNotification;
import io.envaudit.streams.dlq.DeadLetter;
import io.envaudit.streams.dlq.DeadLetterException;
import io.envaudit.streams.dlq.DeadLetterReader;
import io.envaudit.streams.dlq.DeadLetterReplayer;
import io.envaudit.streams.dlq.RecordPosition;
import io.envaudit.topics.Topic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code envaudit dlq replay}: sends chosen dead letters again, as they were: the auditor's to where they came
 * from or to another topic; the router's ({@code --alerts}) to their receivers ({@link AlertReplay}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Send dead letters again, to where they came from or to --to TOPIC.",
            "Each is sent with its original key, value and headers, and a header saying where it was replayed from, to the topic "
                    + "and partition it came from, or to --to TOPIC (partitioned by key). Choose them with --offset, --source-topic or --all. At-"
                    + "least-once: a replay that fails part-way sends some records again when it is run again.",
            "With --alerts, the notifications the router could not deliver are posted once more to their receivers, as the "
                    + "routes file of --config defines them, each payload as it was; choose them with --offset, --receiver or --all.",
            "Exit 0; 1 when Kafka fails or a receiver does not take a notification; 2 on bad options, a bad routes file, or"
                    + " when a chosen dead letter, topic or receiver does not exist."})
final class DlqReplayCommand implements Callable<Integer> {
    /** {@code 0/17}, or {@code envaudit.dlq/0/17} as {@code dlq list} prints it. */
    private static final Pattern POSITION = Pattern.compile("(?:(.+)/)?(\\d{1,9})/(\\d{1,18})");

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--offset", paramLabel = "P/O",
            description = "The dead letter at partition P, offset O of the dead-letter topic (as 'dlq list' shows it); repeatable.")
    List<String> offsets = new ArrayList<>();

    @Option(names = "--source-topic", paramLabel = "TOPIC", description = "Every dead letter that came from this topic.")
    String sourceTopic;

    @Option(names = "--alerts", description = "Post the alert router's dead letters again to their receivers.")
    boolean alerts;

    @Option(names = "--config", paramLabel = "FILE", description = "With --alerts: the routes file, for where each receiver is.")
    Path config;

    @Option(names = "--receiver", paramLabel = "NAME", description = "With --alerts: every notification for this receiver.")
    String receiver;

    @Option(names = "--all", description = "Every dead letter.")
    boolean all;

    @Option(names = "--since", paramLabel = "INSTANT", converter = AuditCommand.InstantConverter.class,
            description = "With --source-topic or --all: only records written at or after this moment (ISO-8601 instant or date).")
    Instant since;

    @Option(names = "--to", paramLabel = "TOPIC",
            description = "Send to this topic, partitioned by key, instead of back to the topic and partition of origin.")
    String to;

    @Option(names = "--dry-run", description = "Print what would be sent, and send nothing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** With --alerts, the routes file's secrets and the proxy come from these variables. Replaced in tests. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = selectionProblem();
        if (problem != null) {
            return DlqCommand.error(err, problem, 2);
        }
        return alerts ? replayAlerts(out, err) : replayRecords(out, err);
    }

    private int replayRecords(PrintWriter out, PrintWriter err) {
        return DlqCommand.withKafka(kafka, err, (client, topics) -> {
            Topic<byte[], byte[]> deadLetters = topics.deadLetters();
            List<DeadLetter> letters;
            try (DeadLetterReader<DeadLetter> reader = DeadLetterReader.of(client, deadLetters, DlqCommand.KAFKA_TIMEOUT)) {
                letters = offsets.isEmpty() ? matching(reader, letter -> sourceTopic == null || letter.cameFrom(sourceTopic))
                        : reader.at(positions(deadLetters.name()));
            }
            if (letters.isEmpty()) {
                out.println("no dead letters to replay in " + deadLetters.name() + (sourceTopic == null ? "" : " from " + sourceTopic)
                        + (since == null ? "" : " since " + since));
                out.flush();
                return 0;
            }
            List<ProducerRecord<byte[], byte[]>> replays = letters.stream()
                    .map(letter -> DeadLetterReplayer.replayOf(letter, Optional.ofNullable(to))).toList();
            try (DeadLetterReplayer replayer = new DeadLetterReplayer(client, DlqCommand.KAFKA_TIMEOUT)) {
                replayer.checkDestinations(replays);
                for (int i = 0; i < letters.size(); i++) {
                    DeadLetter letter = letters.get(i);
                    ProducerRecord<byte[], byte[]> replay = replays.get(i);
                    if (dryRun) {
                        out.println("would replay " + letter.position() + " to " + destination(replay) + "  "
                                + DeadLetterFormat.key(letter.key()));
                    } else {
                        out.println("replayed " + letter.position() + " to " + sent(replayer.send(replay)));
                        out.flush(); // each as it goes: if a send fails, what went through is on the screen
                    }
                }
            }
            String count = letters.size() + (letters.size() == 1 ? " dead letter" : " dead letters");
            out.println(dryRun ? count + " would be replayed; nothing sent (--dry-run)" : "replayed " + count);
            out.flush();
            return 0;
        });
    }

    private int replayAlerts(PrintWriter out, PrintWriter err) {
        Optional<RoutesConfig> routes = RoutesFileArgument.load(config, environment, err);
        if (routes.isEmpty()) {
            return 2;
        }
        // the proxy variables were checked with the routes file
        AlertReplay replay = new AlertReplay(ReceiverClients.of(routes.get(), environment), config.toString());
        return DlqCommand.withKafka(kafka, err, (client, topics) -> {
            Topic<String, AlertNotification> deadLetters = topics.alertDeadLetters();
            List<AlertDeadLetter> letters;
            try (DeadLetterReader<AlertDeadLetter> reader = new DeadLetterReader<>(client, deadLetters.name(),
                    record -> AlertDeadLetter.of(record, deadLetters), DlqCommand.KAFKA_TIMEOUT)) {
                letters = offsets.isEmpty() ? matching(reader, letter -> receiver == null || letter.forReceiver(receiver))
                        : reader.at(positions(deadLetters.name()));
            }
            if (letters.isEmpty()) {
                out.println("no dead letters to replay in " + deadLetters.name() + (receiver == null ? "" : " for receiver " + receiver)
                        + (since == null ? "" : " since " + since));
                out.flush();
                return 0;
            }
            return replay.post(letters, dryRun, out);
        });
    }

    /** Why the options do not say which dead letters to replay, or null when they do. */
    private String selectionProblem() {
        if (alerts && (sourceTopic != null || to != null)) {
            return "--source-topic and --to are for the auditor's dead letters: with --alerts, notifications go back to their"
                    + " receivers; choose them with --receiver";
        }
        if (!alerts && (config != null || receiver != null)) {
            return "--config and --receiver are for the router's dead letters: add --alerts";
        }
        if (alerts && config == null) {
            return "--alerts needs --config FILE: the routes file that says where each receiver is";
        }
        String byOrigin = alerts ? "--receiver" : "--source-topic";
        if (offsets.isEmpty() && sourceTopic == null && receiver == null && !all) {
            return "say which dead letters to replay: --offset P/O (repeatable), " + byOrigin + (alerts ? " NAME" : " TOPIC") + ", or --all";
        }
        if (!offsets.isEmpty() && (sourceTopic != null || receiver != null || all || since != null)) {
            return "--offset names dead letters exactly: it does not combine with " + byOrigin + ", --all or --since";
        }
        if (all && (sourceTopic != null || receiver != null)) {
            return "give --all or " + byOrigin + ", not both";
        }
        for (String offset : offsets) {
            if (!POSITION.matcher(offset).matches()) {
                return "--offset " + offset + ": expected PARTITION/OFFSET of the dead-letter topic, such as 0/17";
            }
        }
        return null;
    }

    private List<RecordPosition> positions(String deadLetterTopic) {
        List<RecordPosition> positions = new ArrayList<>();
        for (String offset : offsets) {
            Matcher parts = POSITION.matcher(offset);
            parts.matches(); // checked by selectionProblem
            if (parts.group(1) != null && !parts.group(1).equals(deadLetterTopic)) {
                throw new DeadLetterException("--offset " + offset + ": " + parts.group(1) + " is not the dead-letter topic "
                        + deadLetterTopic);
            }
            positions.add(new RecordPosition(deadLetterTopic, Integer.parseInt(parts.group(2)), Long.parseLong(parts.group(3))));
        }
        return positions;
    }

    private <T> List<T> matching(DeadLetterReader<T> reader, Predicate<T> wanted) {
        List<T> letters = new ArrayList<>();
        reader.forEach(Optional.ofNullable(since), letter -> {
            if (wanted.test(letter)) {
                letters.add(letter);
            }
            return true;
        });
        return letters;
    }

    private static String destination(ProducerRecord<byte[], byte[]> replay) {
        return replay.partition() == null ? replay.topic() + " (partitioned by key)" : replay.topic() + "/" + replay.partition();
    }

    private static RecordPosition sent(RecordMetadata metadata) {
        return new RecordPosition(metadata.topic(), metadata.partition(), metadata.offset());
    }
}
