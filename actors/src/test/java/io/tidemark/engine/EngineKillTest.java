package io.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.scan.ScannedSeries;
import io.tidemark.storage.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every acknowledged write survives SIGKILL: a child JVM runs a node and writes until it is killed
 * in the middle of ingest; a node restarted on the same directory must return every record the
 * child acknowledged.
 */
class EngineKillTest {

    private static final int ACKS_BEFORE_KILL = 40;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedRecordIsBackAfterSigkill() throws Exception {
        long base = System.currentTimeMillis() - 600_000;
        Process child = startWriter(base);
        long lastAck = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    lastAck = Long.parseLong(line.substring(4));
                    if (lastAck + 1 >= ACKS_BEFORE_KILL) {
                        break;
                    }
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(lastAck + 1).as("batches acknowledged before the kill").isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (Engine engine = Engine.start(Engine.singleNodeConfig(dataDir, Map.of()), Clock.systemUTC())) {
            List<ScannedSeries> series = EngineFixture.await(engine.scan(EngineWriterProcess.DB,
                    EngineWriterProcess.TABLE, Long.MIN_VALUE, Long.MAX_VALUE));
            Set<Long> times = new HashSet<>();
            for (ScannedSeries s : series) {
                for (long t : s.times()) {
                    times.add(t / 1_000_000L - base);
                }
            }
            long acknowledged = (lastAck + 1) * EngineWriterProcess.BATCH;
            for (long i = 0; i < acknowledged; i++) {
                assertThat(times).as("acknowledged record %d", i).contains(i);
            }
        }
    }

    private Process startWriter(long base) throws Exception {
        List<String> command = ChildJvm.command(EngineWriterProcess.class, dataDir.toString(), Long.toString(base));
        command.add(1, "-Xmx256m");
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
