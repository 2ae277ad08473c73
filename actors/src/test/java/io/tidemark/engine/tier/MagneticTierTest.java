package io.tidemark.engine.tier;

import static io.tidemark.engine.tier.TierTestData.chunk;
import static io.tidemark.engine.tier.TierTestData.expected;
import static io.tidemark.engine.tier.TierTestData.nanos;
import static io.tidemark.engine.tier.TierTestData.points;
import static io.tidemark.engine.tier.TierTestData.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.metering.TableUsage;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.CompactionPolicy;
import io.tidemark.storage.magnetic.MagneticLayout;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MagneticTierTest {

    private static final String TABLE = "tbl-1";
    private static final SeriesKey A = series("a");
    private static final SeriesKey B = series("b");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long ALL_FROM = Long.MIN_VALUE;
    private static final long ALL_TO = Long.MAX_VALUE;

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final List<MagneticTier> opened = new ArrayList<>();

    private MagneticTier open(FileIo io, EngineMeters meters) {
        MagneticTier tier = new MagneticTier(io, dataDir, clock, meters, CompactionPolicy.DEFAULT);
        opened.add(tier);
        return tier;
    }

    @AfterEach
    void closeTiers() {
        opened.forEach(MagneticTier::close);
    }

    private List<Path> segmentFiles() throws IOException {
        Path tableDir = new MagneticLayout(dataDir, TABLE).tableDir();
        if (!Files.exists(tableDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tableDir)) {
            return files.filter(f -> f.toString().endsWith(MagneticLayout.SEGMENT_SUFFIX)).sorted().toList();
        }
    }

    private long fileBytes() throws IOException {
        long total = 0;
        for (Path file : segmentFiles()) {
            total += Files.size(file);
        }
        return total;
    }

    @Test
    void writeSplitsAtMidnightIntoOneSegmentPerDayAndReadsBackEveryPoint() throws IOException {
        EngineMeters meters = new EngineMeters();
        MagneticTier tier = open(FileIo.DEFAULT, meters);
        SealedChunk acrossMidnight = chunk("2026-11-20T23:00:00Z", "2026-11-21T01:00:00Z", MINUTE);
        SealedChunk sameDay = chunk("2026-11-21T05:00:00Z", "2026-11-21T06:00:00Z", MINUTE);
        SealedChunk other = chunk("2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", MINUTE);

        int segments = tier.write(TABLE, List.of(new SeriesChunks(A, List.of(acrossMidnight, sameDay)),
                new SeriesChunks(B, List.of(other))));

        assertThat(segments).isEqualTo(2);
        assertThat(segmentFiles()).extracting(f -> f.getParent().getFileName().toString())
                .containsExactly("20261120", "20261121");
        assertThat(points(tier.read(TABLE, A, ALL_FROM, ALL_TO)))
                .isEqualTo(expected(List.of(acrossMidnight, sameDay), ALL_FROM, ALL_TO));
        assertThat(points(tier.read(TABLE, B, ALL_FROM, ALL_TO))).isEqualTo(expected(List.of(other), ALL_FROM, ALL_TO));
        long midnight = nanos("2026-11-21T00:00:00Z");
        List<SealedChunk> dayBefore = tier.read(TABLE, A, ALL_FROM, midnight - 1);
        assertThat(dayBefore).allSatisfy(c -> assertThat(c.maxTime()).isLessThan(midnight));
        assertThat(points(dayBefore)).hasSize(60);
        TableUsage usage = meters.table(TABLE).usage();
        assertThat(usage.magneticStoreBytes()).isEqualTo(fileBytes());
        assertThat(usage.magneticStorePoints()).isEqualTo(120 + 60 + 60);
        assertThat(tier.usage(TABLE)).isEqualTo(new MagneticUsage(fileBytes(), 240));
    }

    @Test
    void readOfATableWithNoMagneticDataIsEmptyAndCreatesNothing() throws IOException {
        MagneticTier tier = open(FileIo.DEFAULT, new EngineMeters());

        assertThat(tier.read(TABLE, A, ALL_FROM, ALL_TO)).isEmpty();
        assertThat(tier.write(TABLE, List.of())).isZero();
        assertThat(tier.usage(TABLE)).isEqualTo(MagneticUsage.NONE);
        assertThat(dataDir.resolve("magnetic")).doesNotExist();
    }

    @Test
    void reopenedTierServesTheDataAndCountsItOnceInTheMeters() throws IOException {
        EngineMeters meters = new EngineMeters();
        MagneticTier first = open(FileIo.DEFAULT, meters);
        SealedChunk chunk = chunk("2026-11-20T23:30:00Z", "2026-11-21T00:30:00Z", MINUTE);
        first.write(TABLE, List.of(new SeriesChunks(A, List.of(chunk))));
        long bytes = fileBytes();
        first.close();
        assertThat(meters.table(TABLE).usage().magneticStoreBytes()).isZero();

        MagneticTier sameMeters = open(FileIo.DEFAULT, meters);
        assertThat(points(sameMeters.read(TABLE, A, ALL_FROM, ALL_TO))).isEqualTo(expected(List.of(chunk), ALL_FROM, ALL_TO));
        assertThat(meters.table(TABLE).usage().magneticStoreBytes()).isEqualTo(bytes);
        assertThat(meters.table(TABLE).usage().magneticStorePoints()).isEqualTo(60);
        sameMeters.close();

        EngineMeters fresh = new EngineMeters();
        MagneticTier freshMeters = open(FileIo.DEFAULT, fresh);
        assertThat(freshMeters.usage(TABLE)).isEqualTo(new MagneticUsage(bytes, 60));
        assertThat(fresh.table(TABLE).usage().magneticStorePoints()).isEqualTo(60);
    }

    @Test
    void deleteTableRemovesItsDirectoryAndItsMeteredUsage() throws IOException {
        EngineMeters meters = new EngineMeters();
        MagneticTier tier = open(FileIo.DEFAULT, meters);
        tier.write(TABLE, List.of(new SeriesChunks(A, List.of(chunk("2026-11-20T10:00:00Z", "2026-11-22T10:00:00Z",
                Duration.ofHours(1))))));
        tier.write("other", List.of(new SeriesChunks(A, List.of(chunk("2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z",
                MINUTE)))));

        tier.deleteTable(TABLE);

        assertThat(new MagneticLayout(dataDir, TABLE).tableDir()).doesNotExist();
        assertThat(tier.read(TABLE, A, ALL_FROM, ALL_TO)).isEmpty();
        assertThat(meters.table(TABLE).usage().magneticStoreBytes()).isZero();
        assertThat(meters.table(TABLE).usage().magneticStorePoints()).isZero();
        assertThat(points(tier.read("other", A, ALL_FROM, ALL_TO))).hasSize(60);
    }

    @Test
    void deleteTableOfATableNotOpenedSinceRestartStillDeletesItsFiles() throws IOException {
        MagneticTier first = open(FileIo.DEFAULT, new EngineMeters());
        first.write(TABLE, List.of(new SeriesChunks(A, List.of(chunk("2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z",
                MINUTE)))));
        first.close();

        open(FileIo.DEFAULT, new EngineMeters()).deleteTable(TABLE);

        assertThat(new MagneticLayout(dataDir, TABLE).tableDir()).doesNotExist();
    }

    @Test
    void failedWriteLeavesNoSegmentOfThatCall() throws IOException {
        FileIo failSecondDay = new FileIo() {
            @Override
            public void moveAtomically(Path from, Path to) throws IOException {
                if (to.getParent().getFileName().toString().equals("20261121")) {
                    throw new IOException("disk full");
                }
                FileIo.super.moveAtomically(from, to);
            }
        };
        EngineMeters meters = new EngineMeters();
        MagneticTier tier = open(failSecondDay, meters);
        SealedChunk acrossMidnight = chunk("2026-11-20T23:00:00Z", "2026-11-21T01:00:00Z", MINUTE);

        assertThatThrownBy(() -> tier.write(TABLE, List.of(new SeriesChunks(A, List.of(acrossMidnight)))))
                .isInstanceOf(IOException.class).hasMessageContaining("disk full");

        assertThat(segmentFiles()).isEmpty();
        assertThat(tier.read(TABLE, A, ALL_FROM, ALL_TO)).isEmpty();
        assertThat(meters.table(TABLE).usage().magneticStorePoints()).isZero();
        assertThat(meters.table(TABLE).usage().magneticStoreBytes()).isZero();
    }

    @Test
    void expireDeletesWholeSegmentsAndRewritesTheStraddlingOnes() throws IOException {
        EngineMeters meters = new EngineMeters();
        MagneticTier tier = open(FileIo.DEFAULT, meters);
        SealedChunk day20 = chunk("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z", Duration.ofHours(1));
        SealedChunk day21 = chunk("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", Duration.ofHours(1));
        SealedChunk day21b = chunk("2026-11-21T18:00:00Z", "2026-11-21T20:00:00Z", Duration.ofMinutes(30));
        tier.write(TABLE, List.of(new SeriesChunks(A, List.of(day20, day21))));
        tier.write(TABLE, List.of(new SeriesChunks(B, List.of(day21b))));
        long expiry = nanos("2026-11-21T12:00:00Z");

        ExpiryResult result = tier.expire(TABLE, expiry);

        assertThat(result).isEqualTo(new ExpiryResult(1, 2));
        assertThat(segmentFiles()).hasSize(1);
        assertThat(points(tier.read(TABLE, A, ALL_FROM, ALL_TO))).isEqualTo(expected(List.of(day21), expiry, ALL_TO));
        assertThat(points(tier.read(TABLE, B, ALL_FROM, ALL_TO))).isEqualTo(expected(List.of(day21b), ALL_FROM, ALL_TO));
        assertThat(meters.table(TABLE).usage().magneticStorePoints()).isEqualTo(12 + 4);
        assertThat(meters.table(TABLE).usage().magneticStoreBytes()).isEqualTo(fileBytes());
    }

    @Test
    void compactMergesTheSmallSegmentsOfAPartition() throws IOException {
        EngineMeters meters = new EngineMeters();
        MagneticTier tier = open(FileIo.DEFAULT, meters);
        List<SealedChunk> written = new ArrayList<>();
        for (int hour = 10; hour < 13; hour++) {
            SealedChunk chunk = chunk("2026-11-20T" + hour + ":00:00Z", "2026-11-20T" + hour + ":30:00Z", MINUTE);
            written.add(chunk);
            tier.write(TABLE, List.of(new SeriesChunks(A, List.of(chunk))));
        }
        assertThat(segmentFiles()).hasSize(3);

        assertThat(tier.compact(TABLE)).isEqualTo(1);

        assertThat(segmentFiles()).hasSize(1);
        assertThat(points(tier.read(TABLE, A, ALL_FROM, ALL_TO))).isEqualTo(expected(written, ALL_FROM, ALL_TO));
        assertThat(meters.table(TABLE).usage().magneticStorePoints()).isEqualTo(90);
        assertThat(meters.table(TABLE).usage().magneticStoreBytes()).isEqualTo(fileBytes());
        assertThat(tier.compact(TABLE)).isZero();
    }
}
