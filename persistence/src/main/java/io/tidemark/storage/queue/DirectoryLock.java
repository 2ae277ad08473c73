package io.tidemark.storage.queue;

import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a queue directory, held while a {@link FramedQueue} is open. The in-memory
 * index of a queue is only right if nothing else appends to it, so a second journal on the same
 * directory — another node given the same data directory, in this process or another — must fail
 * to start instead of silently interleaving entries. The lock file is empty and left in place; the
 * operating system releases the lock when the process dies.
 */
public final class DirectoryLock implements AutoCloseable {

    public static final String FILE_NAME = "tidemark.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DirectoryLock acquire(Path dir, FileIo fileIo) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = fileIo.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open queue: dir=" + dir + ", lockFile=" + file, e);
        }
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held by this JVM: another open queue on the same directory.
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open queue: dir=" + dir + ", lockFile=" + file, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new IllegalStateException("cannot open queue: dir=" + dir
                    + ", in use by another journal or process (lockFile=" + file + ")");
        }
        return new DirectoryLock(channel, lock);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already failing with a clearer error.
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release queue lock: lockFile=" + channel, e);
        }
    }
}
