package io.envaudit.agent.publish;

import io.envaudit.engine.text.IoFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the snapshots topic last acknowledged for each environment of this machine: its prefix, the fingerprint
 * of its content and when that snapshot was collected (a heartbeat is due that long after it). The agent sends only what differs from it, and tombstones what it lists
 * that is gone from the disk, across restarts too: so it lives in a file (Java properties, which escape any
 * character a path may hold), rewritten whole and moved into place, so a crash leaves the old file or the new.
 */
public final class PublishedEnvironments {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedEnvironments.class);

    /** One acknowledged environment: its folder, the fingerprint of its content and when that snapshot was collected. */
    public record Published(Path prefix, long fingerprint, Instant collectedAt) {
    }

    private final Map<String, Published> byId = new TreeMap<>();

    /** Nothing acknowledged yet: a first run sends everything. */
    public static PublishedEnvironments none() {
        return new PublishedEnvironments();
    }

    /**
     * The file as the last run left it; none when it does not exist. An entry that does not parse is left out
     * with a warning naming the file and the entry: the cost is one environment re-sent, or a deletion missed.
     */
    public static PublishedEnvironments read(Path file) {
        Properties entries = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            entries.load(in);
        } catch (NoSuchFileException e) {
            return none();
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed \\u escape
            LOG.warn("cannot read {} ({}): every environment is sent again, and no deletion before now is known", file,
                    e instanceof IOException io ? IoFailures.describe(io) : e.getMessage());
            return none();
        }
        PublishedEnvironments published = new PublishedEnvironments();
        for (String id : entries.stringPropertyNames()) {
            String entry = entries.getProperty(id);
            try {
                published.byId.put(id, parse(entry));
            } catch (IllegalArgumentException | DateTimeException e) {
                LOG.warn("{}: entry for {} is not '<fingerprint> <collected at> <prefix>' ({}): left out", file, id, e.getMessage());
            }
        }
        return published;
    }

    private static Published parse(String entry) {
        String[] parts = entry.split(" ", 3);
        if (parts.length < 3 || parts[2].isEmpty()) {
            throw new IllegalArgumentException("'" + entry + "' has " + parts.length + " parts");
        }
        return new Published(Path.of(parts[2]), Long.parseUnsignedLong(parts[0], 16), Instant.parse(parts[1]));
    }

    /** Writes the file anew, then moves it over the old one. */
    public void write(Path file) {
        Properties entries = new Properties();
        byId.forEach((id, p) -> entries.setProperty(id, Long.toHexString(p.fingerprint()) + " " + p.collectedAt() + " " + p.prefix()));
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path written = Files.createTempFile(folder, file.getFileName().toString(), ".new");
            try (Writer out = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
                entries.store(out, "envaudit agent: the environments the snapshots topic acknowledged (fingerprint, collected at, prefix)");
            }
            try {
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public Map<String, Published> byId() {
        return Collections.unmodifiableMap(byId);
    }

    void acknowledged(String id, Published published) {
        byId.put(id, published);
    }

    void forget(String id) {
        byId.remove(id);
    }
}
