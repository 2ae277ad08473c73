package io.tidemark.storage.journal;

import java.nio.file.Path;

/**
 * The child process of {@link ShardJournalKillTest}: appends {@link TestBatches#batch(int)} for
 * sequence numbers from {@code firstSeq} on, without end, and prints {@code ACK <seq> <index>}
 * after each append returns, until it is killed.
 *
 * <p>Arguments: journal directory, first sequence number, fsync mode (a {@link FsyncPolicy.Mode}
 * name other than INTERVAL).
 */
public final class JournalAppendProcess {

    private JournalAppendProcess() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int seq = Integer.parseInt(args[1]);
        FsyncPolicy fsync = FsyncPolicy.Mode.valueOf(args[2]) == FsyncPolicy.Mode.PER_BATCH
                ? FsyncPolicy.perBatch() : FsyncPolicy.os();
        try (ShardJournal journal = ShardJournal.open(dir, JournalOptions.defaults().withFsync(fsync), TestBatches.kryo())) {
            System.out.println("READY");
            System.out.flush();
            while (true) {
                long index = journal.append(TestBatches.batch(seq));
                System.out.println("ACK " + seq + " " + index);
                System.out.flush();
                seq++;
            }
        }
    }
}
