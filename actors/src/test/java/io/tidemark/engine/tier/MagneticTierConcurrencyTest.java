package io.tidemark.engine.tier;

import static io.tidemark.engine.tier.TierTestData.nanos;
import static io.tidemark.engine.tier.TierTestData.series;
import static io.tidemark.engine.tier.TierTestData.valueAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.CompactionPolicy;
import io.tidemark.storage.model.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers on several threads while one thread migrates, another expires and compacts: every read
 * succeeds, returns only true points, and never misses a point that is neither expired nor
 * unwritten.
 */
class MagneticTierConcurrencyTest {

    private static final SeriesKey A = series("a");
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long START = nanos("2026-11-20T00:00:00Z");
    private static final int BATCHES = 40;
    /** The janitor's expiry stops at the start of this batch, so later batches all survive. */
    private static final int EXPIRED_BATCHES = 15;
    /** Each batch holds two hours of minute points, so batches cross midnight now and then. */
    private static final int BATCH_POINTS = 120;

    @TempDir
    Path dataDir;

    private static SealedChunk batch(int index) {
        OpenChunk open = new OpenChunk(TierTestData.DOUBLE_VALUE);
        long first = START + (long) index * BATCH_POINTS * MINUTE;
        for (int i = 0; i < BATCH_POINTS; i++) {
            long t = first + i * MINUTE;
            open.setDouble(0, open.append(t, 1), valueAt(t));
        }
        return open.seal();
    }

    @Test
    void readsStayCorrectWhileMigrationExpiryAndCompactionRun() throws Exception {
        EngineMeters meters = new EngineMeters();
        ManualClock clock = new ManualClock(Instant.parse("2026-11-25T00:00:00Z"));
        CompactionPolicy policy = new CompactionPolicy(4, 1L << 20, 240);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (MagneticTier tier = new MagneticTier(FileIo.DEFAULT, dataDir, clock, meters, policy)) {
            AtomicBoolean done = new AtomicBoolean();
            // batches [0, written) are durable; points before expiry may be gone
            int[] written = {0};
            long[] expiry = {Long.MIN_VALUE};
            Future<?> writer = threads.submit(() -> {
                for (int b = 0; b < BATCHES; b++) {
                    tier.write("t", List.of(new SeriesChunks(A, List.of(batch(b)))));
                    synchronized (written) {
                        written[0] = b + 1;
                    }
                }
                return null;
            });
            Future<?> janitor = threads.submit(() -> {
                for (int round = 1; !done.get(); round++) {
                    long next = START + round * 30 * MINUTE;
                    synchronized (expiry) {
                        expiry[0] = Math.min(next, START + (long) EXPIRED_BATCHES * BATCH_POINTS * MINUTE);
                    }
                    tier.expire("t", expiry[0]);
                    tier.compact("t");
                }
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    int reads = 0;
                    while (!done.get()) {
                        // written only grows and expiry only advances: what was durable before the
                        // read and is not expired after it must be in the read
                        int durable;
                        synchronized (written) {
                            durable = written[0];
                        }
                        Map<Long, Double> seen = TierTestData.points(tier.read("t", A, Long.MIN_VALUE, Long.MAX_VALUE));
                        long expiredBefore;
                        synchronized (expiry) {
                            expiredBefore = expiry[0];
                        }
                        seen.forEach((t, v) -> assertThat(v).isEqualTo(valueAt(t)));
                        long end = START + (long) durable * BATCH_POINTS * MINUTE;
                        long from = Math.max(expiredBefore, START);
                        long expected = Math.max(0, (end - from + MINUTE - 1) / MINUTE);
                        long present = seen.keySet().stream().filter(t -> t >= from && t < end).count();
                        assertThat(present).isEqualTo(expected);
                        reads++;
                    }
                    return reads;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            done.set(true);
            janitor.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
            long finalExpiry = START + (long) EXPIRED_BATCHES * BATCH_POINTS * MINUTE;
            tier.expire("t", finalExpiry);
            assertThat(TierTestData.points(tier.read("t", A, Long.MIN_VALUE, Long.MAX_VALUE)))
                    .hasSize((BATCHES - EXPIRED_BATCHES) * BATCH_POINTS)
                    .allSatisfy((t, v) -> assertThat(t).isGreaterThanOrEqualTo(finalExpiry));
            assertThat(meters.table("t").usage().magneticStorePoints()).isEqualTo((BATCHES - EXPIRED_BATCHES) * BATCH_POINTS);
        } finally {
            threads.shutdownNow();
        }
    }
}
