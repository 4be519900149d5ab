package dev.vigil.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One Vigil per data directory. The embedded broker and H2 each lock their own files, but only after start-up has
 * gone far enough to fail with a long stack trace; this lock is taken first, by {@link VigilMain}, on
 * {@code <data-dir>/vigil.lock}, and held until the process ends (the operating system releases it then, even after
 * a crash). The file holds the owner's process id, for the message.
 */
public final class DataDirLock {

    static final String FILE = "vigil.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process holds it. */
    public static Optional<DataDirLock> tryAcquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return Optional.of(new DataDirLock(channel, lock));
    }

    /** The process id the holder wrote, if it can be read. */
    public static Optional<String> holder(Path dataDir) {
        try {
            String pid = Files.readString(dataDir.resolve(FILE), StandardCharsets.UTF_8).strip();
            return pid.matches("\\d{1,10}") ? Optional.of(pid) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The one sentence a second Vigil on the same data directory prints before it exits. */
    public static String refusal(Path dataDir) {
        return "Another Vigil" + holder(dataDir).map(pid -> " (process " + pid + ")").orElse("")
                + " is already running on the data directory " + dataDir.toAbsolutePath().normalize()
                + "; stop it, or give this one its own directory with -Dvigil.data-dir=... (VIGIL_DATA_DIR).";
    }

    /** Lets go of the directory (tests; the application holds it until it exits). */
    public void release() throws IOException {
        lock.release();
        channel.close();
    }
}
