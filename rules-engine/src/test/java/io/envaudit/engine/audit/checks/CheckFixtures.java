package io.envaudit.engine.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envaudit.engine.audit.AuditSink;
import io.envaudit.engine.audit.Check;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.Undecided;
import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.names.Channel;
import io.envaudit.engine.rules.Severity;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Snapshots for the check tests: hand-written JSON fixtures ({@code snapshots/}) and real data
 * ({@code real-envs/}, see its PROVENANCE.md) read by three test-only readers: conda-meta JSON records,
 * wheel METADATA (Name, Version, Requires-Dist) and {@code conda list} text.
 */
final class CheckFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckFixtures() {
    }

    static EnvironmentSnapshot snapshot(String fixture) {
        String resource = "/snapshots/" + fixture;
        try (InputStream in = open(resource)) {
            return AvroPlainJson.read(new InputStreamReader(in, StandardCharsets.UTF_8), resource,
                    EnvironmentSnapshot.getClassSchema());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The snapshot with more packages after its own. */
    static EnvironmentSnapshot with(EnvironmentSnapshot snapshot, InstalledPackage... more) {
        List<InstalledPackage> packages = new ArrayList<>(snapshot.getPackages());
        packages.addAll(List.of(more));
        return EnvironmentSnapshot.newBuilder(snapshot).setPackages(packages).build();
    }

    /** The snapshot without the packages of these names (as recorded). */
    static EnvironmentSnapshot without(EnvironmentSnapshot snapshot, String... names) {
        List<String> drop = List.of(names);
        List<InstalledPackage> packages = snapshot.getPackages().stream().filter(p -> !drop.contains(p.getName())).toList();
        return EnvironmentSnapshot.newBuilder(snapshot).setPackages(new ArrayList<>(packages)).build();
    }

    /** The snapshot with the packages of this name (as recorded) changed. */
    static EnvironmentSnapshot change(EnvironmentSnapshot snapshot, String name, Consumer<InstalledPackage.Builder> change) {
        List<InstalledPackage> packages = new ArrayList<>();
        for (InstalledPackage p : snapshot.getPackages()) {
            if (p.getName().equals(name)) {
                InstalledPackage.Builder changed = InstalledPackage.newBuilder(p);
                change.accept(changed);
                packages.add(changed.build());
            } else {
                packages.add(p);
            }
        }
        return EnvironmentSnapshot.newBuilder(snapshot).setPackages(packages).build();
    }

    static EnvironmentSnapshot partial(EnvironmentSnapshot snapshot) {
        return EnvironmentSnapshot.newBuilder(snapshot).setPartial(true).build();
    }

    static EnvironmentSnapshot platform(EnvironmentSnapshot snapshot, Consumer<Platform.Builder> change) {
        Platform.Builder platform = Platform.newBuilder(snapshot.getPlatform());
        change.accept(platform);
        return EnvironmentSnapshot.newBuilder(snapshot).setPlatform(platform.build()).build();
    }

    /** A conda-meta JSON record as the agent reads it: the fields the snapshot carries. */
    static InstalledPackage condaMeta(String file) {
        try (InputStream in = open("/real-envs/conda-meta/" + file)) {
            JsonNode record = JSON.readTree(in);
            return InstalledPackage.newBuilder()
                    .setName(record.get("name").asText())
                    .setVersion(record.get("version").asText())
                    .setInstaller(Installer.CONDA)
                    .setChannel(record.get("channel").asText())
                    .setSubdir(record.path("subdir").asText(null))
                    .setBuild(record.get("build").asText())
                    .setBuildNumber(record.get("build_number").asLong())
                    .setDepends(strings(record.get("depends")))
                    .setConstrains(strings(record.get("constrains")))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** A wheel's METADATA headers (up to the first blank line): Name, Version and every Requires-Dist. */
    static InstalledPackage wheelMetadata(String directory, Installer installer) {
        try (InputStream in = open("/real-envs/dist-info/" + directory + "/METADATA")) {
            String name = null;
            String version = null;
            List<String> requires = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(": ");
                if (colon < 0) {
                    continue;
                }
                String value = line.substring(colon + 2);
                switch (line.substring(0, colon)) {
                    case "Name" -> name = value;
                    case "Version" -> version = value;
                    case "Requires-Dist" -> requires.add(value);
                    default -> { }
                }
            }
            return InstalledPackage.newBuilder().setName(name).setVersion(version).setInstaller(installer)
                    .setChannel(installer == Installer.PIP ? "pypi" : null).setRequires(requires).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A {@code conda list} as a snapshot on {@code base}'s host and platform: {@code name version build
     * channel} rows, a blank channel being defaults; a build of {@code <pip>} / {@code <develop>} or the channel {@code pypi} is a pip install.
     * The listing records no depends, and nothing says which pip install shadows which conda package.
     */
    static EnvironmentSnapshot condaList(String file, EnvironmentSnapshot base) {
        List<InstalledPackage> packages = new ArrayList<>();
        try (InputStream in = open("/real-envs/envs/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
                String row = line.strip();
                if (row.isEmpty() || row.startsWith("#")) {
                    continue;
                }
                String[] columns = row.split("\\s+");
                String build = columns[2];
                // conda list leaves the channel column blank for defaults
                String channel = columns.length > 3 ? columns[3] : Channel.DEFAULTS;
                boolean pip = build.equals("<pip>") || build.equals("<develop>") || "pypi".equals(channel);
                packages.add(InstalledPackage.newBuilder()
                        .setName(columns[0])
                        .setVersion(columns[1])
                        .setInstaller(pip ? Installer.PIP : Installer.CONDA)
                        .setChannel(pip ? "pypi" : channel)
                        .setBuild(pip ? null : build)
                        .build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return EnvironmentSnapshot.newBuilder(base).setPackages(packages).setSource("conda list").build();
    }

    private static InputStream open(String resource) {
        InputStream in = CheckFixtures.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        return in;
    }

    /** Runs a check at its default severity and keeps what it reports. */
    static Findings run(Check check, EnvironmentSnapshot snapshot) {
        return run(check, snapshot, check.defaultSeverity());
    }

    static Findings run(Check check, EnvironmentSnapshot snapshot, Severity severity) {
        Findings findings = new Findings();
        check.run(EnvironmentView.of(snapshot), severity, findings);
        return findings;
    }

    static final class Findings implements AuditSink {
        final List<Conflict> conflicts = new ArrayList<>();
        final List<Undecided> undecided = new ArrayList<>();

        @Override
        public void conflict(Conflict conflict) {
            conflicts.add(conflict);
        }

        @Override
        public void undecided(Undecided undecided) {
            this.undecided.add(undecided);
        }

        Optional<Conflict> conflict(String subject) {
            return conflicts.stream().filter(c -> c.subject().equals(subject)).findFirst();
        }

        Optional<Undecided> undecided(String subject) {
            return undecided.stream().filter(u -> u.subject().equals(subject)).findFirst();
        }

        List<String> subjects() {
            return conflicts.stream().map(Conflict::subject).toList();
        }
    }
}
