package io.tidemark.storage.pekko;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety with a real process: a child JVM appends event batches and reports each one once
 * {@link EventLog#append} returned (the point where the journal acknowledges it to Pekko); the test
 * kills it with SIGKILL mid-stream and reopens the directory. Every acknowledged event must be
 * there, in order, and the reopened log must accept the next write.
 */
class EventLogCrashTest {

    /** Acknowledged batches to wait for before the kill. */
    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEventSurvivesKillDashNine() throws Exception {
        Process child = new ProcessBuilder(childCommand()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long lastAcked = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            while (lastAcked < ACKS_BEFORE_KILL) {
                String line = out.readLine();
                assertThat(line).as("child output before it acknowledged %d batches", ACKS_BEFORE_KILL).isNotNull();
                lastAcked = Long.parseLong(line);
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no queue close
            child.waitFor();
        }

        try (EventLog log = new EventLog(dir, false, FileIo.DEFAULT)) {
            List<Long> replayed = new ArrayList<>();
            log.replay("crash", 1, Long.MAX_VALUE, Long.MAX_VALUE, e -> replayed.add(e.sequenceNr()));
            assertThat(replayed.size()).isGreaterThanOrEqualTo((int) lastAcked);
            for (int i = 0; i < replayed.size(); i++) {
                assertThat(replayed.get(i)).isEqualTo(i + 1L);
            }
            long next = log.highestSequenceNr("crash") + 1;
            log.append(new StoredEventBatch(List.of(CrashWriter.event(next))));
            assertThat(log.highestSequenceNr("crash")).isEqualTo(next);
        }
    }

    private List<String> childCommand() {
        return ChildJvm.command(CrashWriter.class, dir.toString());
    }

    /** The child process: appends one-event batches forever, printing each sequence number once stored. */
    static final class CrashWriter {
        static StoredEvent event(long sequenceNr) {
            return new StoredEvent("crash", sequenceNr, "w", "", sequenceNr,
                    new SerializedPayload(20, "", ("event-" + sequenceNr).getBytes(StandardCharsets.UTF_8)));
        }

        public static void main(String[] args) {
            EventLog log = new EventLog(Path.of(args[0]), false, FileIo.DEFAULT);
            for (long seq = 1; ; seq++) {
                log.append(new StoredEventBatch(List.of(event(seq))));
                System.out.println(seq);
                System.out.flush();
            }
        }
    }
}
