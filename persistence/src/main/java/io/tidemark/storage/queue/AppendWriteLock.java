package io.tidemark.storage.queue;

import java.nio.file.Path;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.threads.Pauser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chronicle's queue write lock (in {@code metadata.cq4t}) as {@link FramedQueue} recovers it.
 * Chronicle's appender releases the lock only when a RuntimeException leaves
 * {@code writingDocument()}; a checked exception it sneaky-throws (a cycle file it cannot create)
 * leaves the lock held by this process, and every later append waits for it and fails.
 */
final class AppendWriteLock {

    private static final Logger LOG = LoggerFactory.getLogger(AppendWriteLock.class);

    private AppendWriteLock() {
    }

    /**
     * Releases the write lock of {@code queue} if this process holds it. Call only while no
     * append of the queue is in progress and its {@link DirectoryLock} is held: then no appender
     * can be at work, so such a lock was left behind by a failed append. A lock of another
     * process is Chronicle's to recover (it force-unlocks a dead process's lock).
     */
    static void releaseIfHeldByThisProcess(SingleChronicleQueue queue, Path dir) {
        // Without a lock key the constructor names the queue's own write lock, chronicle.write.lock.
        try (TableStoreWriteLock writeLock = new TableStoreWriteLock(queue.metaStore(), Pauser::sleepy, 0L)) {
            if (writeLock.isLockedByCurrentProcess(otherProcess -> { })) {
                LOG.warn("releasing queue write lock left held by a failed append: dir={}", dir);
                writeLock.unlock();
            }
        }
    }
}
