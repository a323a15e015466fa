package io.envaudit.cli;

import io.envaudit.agent.MachineScan;
import io.envaudit.agent.config.AgentConfig;
import io.envaudit.agent.config.AgentConfigException;
import io.envaudit.agent.publish.PublishPlan;
import io.envaudit.agent.publish.PublishRounds;
import io.envaudit.agent.publish.PublishedEnvironments;
import io.envaudit.agent.publish.SnapshotPublisher;
import io.envaudit.engine.json.PlainJsonException;
import io.envaudit.listings.ListingException;
import io.envaudit.listings.ListingFormat;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.topics.EnvauditTopics;
import io.envaudit.topics.Topic;
import io.envaudit.wire.SchemaRegistryTopic;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code envaudit agent publish}: send this machine's environments to the snapshots topic, once or as a daemon. */
@Command(name = "publish", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Send this machine's environments to envaudit's snapshots topic, keyed by environment id.",
            "--once sends every environment found, and a tombstone for each one published before whose folder is gone.",
            "--interval runs until stopped (SIGTERM, Ctrl-C): each round sends the environments that changed, a heartbeat of "
                    + "the unchanged ones every --heartbeat-every rounds, and tombstones. What the broker did not take (an outage) "
                    + "is sent again in the next round: the state file remembers what it acknowledged, across restarts too.",
            "--from publishes listings (conda list, environment.yml, lock files, pip freeze... as audit reads them) or "
                    + "snapshot JSON files instead: images built elsewhere, CI runners. Identify them with --host-id, --env-id, "
                    + "--collected-at...",
            "Exit 0 when everything was delivered (--once, --from) or after a signal; 1 when something was not delivered; "
                    + "2 on bad usage."})
final class AgentPublishCommand implements Callable<Integer> {

    static final class Schedule {
        @Option(names = "--once", required = true, description = "Publish once and exit.")
        boolean once;

        @Option(names = "--interval", required = true, paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Publish every DURATION (5m, 1h) until stopped.")
        Duration interval;

        @Option(names = "--from", required = true, paramLabel = "FILE", arity = "1..*",
                description = "Publish these listings or snapshot JSON files, not this machine's environments; - reads stdin.")
        List<String> files;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Schedule schedule;

    @Option(names = "--heartbeat-every", paramLabel = "N", defaultValue = "12",
            description = "With --interval: send an unchanged environment again every N rounds, so the auditor knows it "
                    + "is alive (default: ${DEFAULT-VALUE}).")
    int heartbeatEvery;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Where to remember what the topic acknowledged (default: the file agent-published.properties "
                    + "in $XDG_STATE_HOME/envaudit, where $XDG_STATE_HOME is ~/.local/state unless set).")
    Path stateFile;

    @Option(names = "--path", paramLabel = "PREFIX", arity = "1..*",
            description = "Publish these environment folders instead of discovering them.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    AgentConfigOption config;

    /** With --from: whose environment a listing is, and when it was taken. */
    @Mixin
    ListingOptions listing;

    @Mixin
    KafkaOptions kafka;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> client;
        AgentConfig agentConfig;
        try {
            usedOnlyWith(schedule.files != null, "--from", spec.mixins().get("listing").options().stream()
                    .map(OptionSpec::longestName).toList(), "whose files they are, and when they were taken");
            usedOnlyWith(schedule.files == null, "--once or --interval", List.of("--state", "--path", "--config"),
                    "the scan of this machine, which --from does not make");
            usedOnlyWith(schedule.interval != null, "--interval", List.of("--heartbeat-every"), "the heartbeats of its rounds");
            if (heartbeatEvery < 1) {
                throw new KafkaOptions.UsageError("--heartbeat-every must be at least 1, not " + heartbeatEvery);
            }
            client = kafka.clientConfig(System.getenv());
            agentConfig = config.load();
        } catch (KafkaOptions.UsageError | AgentConfigException e) {
            return Exit.usage(err, e.getMessage());
        }
        List<EnvironmentSnapshot> fromFiles = null;
        if (schedule.files != null) {
            try {
                fromFiles = snapshotsOf(schedule.files, err);
            } catch (IOException | ListingException | PlainJsonException e) {
                return Exit.usage(err, e.getMessage());
            }
        }
        try (SchemaRegistryTopic registry = SchemaRegistryTopic.connect(client, SchemaRegistryTopic.topicName(kafka.topicPrefix),
                SchemaRegistryTopic.DEFAULT_LOOKUP_TIMEOUT)) {
            Topic<String, EnvironmentSnapshot> snapshots = new EnvauditTopics(kafka.topicPrefix, registry).snapshots();
            try (SnapshotPublisher publisher = new SnapshotPublisher(client, snapshots)) {
                if (fromFiles != null) {
                    return publishFiles(fromFiles, publisher, snapshots.name(), out, err);
                }
                Path state = stateFile != null ? stateFile : defaultStateFile(System.getenv());
                MachineScan scan = new MachineScan(agentConfig, System.getenv(), Clock.systemUTC());
                PublishRounds rounds = new PublishRounds(() -> scan.run(paths), publisher, state, Clock.systemUTC());
                if (schedule.once) {
                    return rounds.run(Duration.ZERO).complete() ? 0 : Exit.failure(err, "some environments were not delivered (see above); "
                            + "the next run sends them again");
                }
                return daemon(rounds, client, state, out, err);
            }
        } catch (KafkaException | UncheckedIOException e) {
            return Exit.failure(err, e.getMessage());
        }
    }

    /** An option that means nothing in this schedule is a usage error rather than silently ignored. */
    private void usedOnlyWith(boolean inSchedule, String schedule, List<String> options, String why) throws KafkaOptions.UsageError {
        if (inSchedule) {
            return;
        }
        List<String> given = options.stream().filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
        if (!given.isEmpty()) {
            throw new KafkaOptions.UsageError(String.join(", ", given) + (given.size() == 1 ? " applies" : " apply") + " only with "
                    + schedule + " (" + why + ")");
        }
    }

    private static int publishFiles(List<EnvironmentSnapshot> snapshots, SnapshotPublisher publisher, String topic, PrintWriter out,
                                    PrintWriter err) {
        SnapshotPublisher.Delivery delivery = publisher.send(PublishPlan.sendAll(snapshots), PublishedEnvironments.none());
        delivery.undelivered().forEach((id, reason) -> err.println("error: " + id + " not delivered: " + reason));
        out.println("Published " + delivery.snapshots() + " of " + snapshots.size() + " environment(s) to " + topic);
        out.flush();
        return delivery.complete() ? 0 : Exit.failure(err, "some environments were not delivered");
    }

    private int daemon(PublishRounds rounds, Map<String, Object> client, Path state, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        try (StopRequest stop = StopRequest.onSignals()) {
            // the bootstrap servers only: the client properties may hold credentials
            out.println("Publishing every " + DurationConverter.format(schedule.interval) + " to "
                    + client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + " (heartbeat every " + heartbeatEvery
                    + " rounds; state in " + state + ")");
            out.flush();
            Duration heartbeatAfter = schedule.interval.multipliedBy(heartbeatEvery);
            do {
                try {
                    rounds.run(heartbeatAfter);
                } catch (KafkaException | UncheckedIOException e) {
                    // a round that fails as a whole (the state file not writable) is logged by the next ones too; keep going
                    err.println("error: this round failed: " + e.getMessage());
                    err.flush();
                }
            } while (!stop.await(schedule.interval));
            out.println("Agent stopped");
            out.flush();
            return 0;
        }
    }

    /** Each file's snapshots: a listing is one, identified by the listing options; snapshot JSON holds its own. */
    private List<EnvironmentSnapshot> snapshotsOf(List<String> files, PrintWriter err) throws IOException {
        List<EnvironmentSnapshot> snapshots = new ArrayList<>();
        List<ListingFormat> listingsRead = new ArrayList<>();
        for (String name : files) {
            InputFile input;
            try {
                input = InputFile.read(name);
            } catch (NoSuchFileException e) {
                throw new IOException("no such file: " + name, e);
            } catch (IOException e) {
                throw new IOException("cannot read " + name + ": " + e.getMessage(), e);
            }
            if (input.isSnapshotJson()) {
                snapshots.addAll(input.snapshotsJson());
            } else {
                InputFile.Listing read = input.listing(listing.input.format, listing.lock.selection(), listing.identity(input), err);
                listingsRead.add(read.format());
                snapshots.add(read.snapshot());
            }
        }
        listing.lock.warnIfUnused(listingsRead, err);
        return snapshots;
    }

    /** {@code $XDG_STATE_HOME/envaudit/agent-published.properties}, as the XDG base directory specification places state. */
    static Path defaultStateFile(Map<String, String> environment) {
        String stateHome = environment.get("XDG_STATE_HOME");
        Path base = stateHome != null && Path.of(stateHome).isAbsolute() ? Path.of(stateHome)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("envaudit").resolve("agent-published.properties");
    }
}
