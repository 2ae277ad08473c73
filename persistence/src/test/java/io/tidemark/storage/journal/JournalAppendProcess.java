package io.tidemark.storage.journal;

import com.esotericsoftware.kryo.io.Output;
import java.nio.file.Path;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The child process of {@link ShardJournalKillTest}, killed with SIGKILL by the test. It appends
 * {@link TestBatches#batch(int)} for sequence numbers from {@code firstSeq} on and prints
 * {@code ACK <seq> <index>} after each append returns.
 *
 * <p>Arguments: journal directory, first sequence number, mode. Modes {@code PER_BATCH} and
 * {@code OS} (the {@link FsyncPolicy.Mode} used) append without end. Mode {@code TORN} appends
 * three batches, then starts a Chronicle excerpt, writes half an entry into it, prints
 * {@code TORN} and waits: killed there, it leaves an excerpt whose write never completed.
 */
public final class JournalAppendProcess {

    private static final int TORN_AFTER = 3;

    private JournalAppendProcess() {}

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        int seq = Integer.parseInt(args[1]);
        String mode = args[2];
        FsyncPolicy fsync = mode.equals("OS") ? FsyncPolicy.os() : FsyncPolicy.perBatch();
        long journalLastSequence;
        try (ShardJournal journal = ShardJournal.open(dir, JournalOptions.defaults().withFsync(fsync), TestBatches.kryo())) {
            for (int n = 0; !mode.equals("TORN") || n < TORN_AFTER; n++, seq++) {
                long index = journal.append(TestBatches.batch(seq));
                System.out.println("ACK " + seq + " " + index);
                System.out.flush();
            }
            journalLastSequence = journal.lastSequence();
        }
        BatchEntryCodec codec = new BatchEntryCodec(TestBatches.kryo());
        Output frame = codec.encode(TestBatches.batch(seq), journalLastSequence + 1);
        ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).build();
        ExcerptAppender appender = queue.createAppender();
        DocumentContext unfinished = appender.writingDocument();
        unfinished.wire().bytes().write(frame.getBuffer(), 0, frame.position() / 2);
        System.out.println("TORN");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
