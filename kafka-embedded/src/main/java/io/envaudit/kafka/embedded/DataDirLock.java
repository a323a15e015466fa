package io.envaudit.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS file lock on the data dir, taken before the ports file or the log dir are
 * touched. Kafka locks its log dir too, but only once the broker is half up, after it has read
 * the ports and tried to bind them; this lock fails first and names the holder.
 *
 * <p>Within one JVM a set of held dirs answers first: on Linux, closing any descriptor of the
 * lock file drops the process's lock on it, so a second attempt here must not open the file.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE_NAME = "envaudit.lock";

    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dir, Path file, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) {
        Path dir;
        try {
            Files.createDirectories(dataDir);
            dir = dataDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + dataDir, e);
        }
        if (!HELD_IN_THIS_JVM.add(dir)) {
            throw inUse(dataDir, "pid " + ProcessHandle.current().pid() + ", this process");
        }
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw inUse(dataDir, readHolder(file));
            }
            writeHolder(channel);
            return new DataDirLock(dir, file, channel, lock);
        } catch (IOException e) {
            giveUp(channel, dir);
            throw new UncheckedIOException("cannot lock " + file, e);
        } catch (RuntimeException e) {
            giveUp(channel, dir);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release lock " + file, e);
        } finally {
            HELD_IN_THIS_JVM.remove(dir);
        }
    }

    private static EmbeddedKafkaException inUse(Path dataDir, String holder) {
        return new EmbeddedKafkaException("Kafka data dir " + dataDir + " is in use by another embedded broker ("
                + holder + "); stop it first, or use another data dir");
    }

    // The holder line is for people reading the error; the OS lock is what excludes.
    private static void writeHolder(FileChannel channel) throws IOException {
        String holder = "pid " + ProcessHandle.current().pid() + " (" + ManagementFactory.getRuntimeMXBean().getName()
                + "), since " + Instant.now() + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    private static String readHolder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    private static void giveUp(FileChannel channel, Path dir) {
        HELD_IN_THIS_JVM.remove(dir);
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing with the lock error
        }
    }
}
