package io.tidemark.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real appending process with SIGKILL mid-stream, several times over the same journal,
 * and checks that every acknowledged batch survives intact and that appends continue.
 */
class ShardJournalKillTest {

    private static final int ROUNDS = 4;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBatchSurvivesKillNine() throws Exception {
        Random random = new Random(42);
        Map<Long, Integer> acknowledged = new LinkedHashMap<>();
        int nextSeq = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String mode = round % 2 == 0 ? FsyncPolicy.Mode.OS.name() : FsyncPolicy.Mode.PER_BATCH.name();
            int killAfter = 20 + random.nextInt(300);
            acknowledged.putAll(runAndKill(nextSeq, mode, killAfter));

            // Reopen as the restarted shard would: every acknowledged batch is there and intact,
            // and whatever was written beyond the last acknowledgement is a whole batch too.
            List<Integer> replayedSeqs = new ArrayList<>();
            try (ShardJournal journal = ShardJournal.open(dir, JournalOptions.defaults(), TestBatches.kryo())) {
                Map<Long, WriteBatch> replayed = ShardJournalTest.replay(journal, ShardJournal.NO_INDEX);
                for (Map.Entry<Long, Integer> ack : acknowledged.entrySet()) {
                    assertThat(replayed.get(ack.getKey())).as("acknowledged seq %d at index %d", ack.getValue(), ack.getKey())
                            .isEqualTo(TestBatches.batch(ack.getValue()));
                }
                for (WriteBatch batch : replayed.values()) {
                    replayedSeqs.add(seqOf(batch));
                }
                assertThat(replayedSeqs).as("batches replay in append order").isSorted().doesNotHaveDuplicates();
                for (WriteBatch batch : replayed.values()) {
                    assertThat(batch).isEqualTo(TestBatches.batch(seqOf(batch)));
                }
            }
            nextSeq = replayedSeqs.get(replayedSeqs.size() - 1) + 1;
        }

        try (ShardJournal journal = ShardJournal.open(dir, JournalOptions.defaults(), TestBatches.kryo())) {
            long index = journal.append(TestBatches.batch(nextSeq));
            Map<Long, WriteBatch> replayed = ShardJournalTest.replay(journal, ShardJournal.NO_INDEX);
            assertThat(replayed).containsEntry(index, TestBatches.batch(nextSeq));
            assertThat(replayed.keySet()).containsAll(acknowledged.keySet());
        }
    }

    @Test
    void anExcerptWhoseWriteNeverCompletedIsInvisibleAndAppendsContinue() throws Exception {
        Map<Long, Integer> acknowledged = runAndKill(0, "TORN", Integer.MAX_VALUE);
        assertThat(acknowledged).hasSize(3);
        try (ShardJournal journal = ShardJournal.open(dir, JournalOptions.defaults(), TestBatches.kryo())) {
            long lastAcknowledged = acknowledged.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(journal.lastIndex()).isEqualTo(lastAcknowledged);
            long next = journal.append(TestBatches.batch(3));
            Map<Long, WriteBatch> replayed = ShardJournalTest.replay(journal, ShardJournal.NO_INDEX);
            assertThat(replayed.keySet()).containsExactlyElementsOf(
                    Stream.concat(acknowledged.keySet().stream(), Stream.of(next)).toList());
            assertThat(replayed.values()).containsExactly(
                    TestBatches.batch(0), TestBatches.batch(1), TestBatches.batch(2), TestBatches.batch(3));
        }
    }

    /** The sequence number a test batch was built from: its first row's time encodes it. */
    private static int seqOf(WriteBatch batch) {
        return (int) ((batch.timeNanos(0) - 1_700_000_000_000_000_000L) / 1_000_000_000L);
    }

    /**
     * Starts the appending process in {@code mode}, waits for {@code killAfter} acknowledgements
     * (or for the TORN line in that mode), then kills it.
     */
    private Map<Long, Integer> runAndKill(int firstSeq, String mode, int killAfter) throws IOException,
            InterruptedException {
        List<String> command = ChildJvm.command(JournalAppendProcess.class, dir.toString(), Integer.toString(firstSeq),
                mode);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<Long, Integer> acks = new LinkedHashMap<>();
        List<String> otherOutput = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acks.size() < killAfter && (line = out.readLine()) != null) {
                if (line.equals("TORN")) {
                    break;
                } else if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acks.put(Long.parseLong(parts[2]), Integer.parseInt(parts[1]));
                } else {
                    otherOutput.add(line);
                }
            }
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        if (!mode.equals("TORN")) {
            assertThat(acks).as("child output: %s", otherOutput).hasSize(killAfter);
        }
        return acks;
    }
}
