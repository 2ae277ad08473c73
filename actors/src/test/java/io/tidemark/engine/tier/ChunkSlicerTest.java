package io.tidemark.engine.tier;

import static io.tidemark.engine.tier.TierTestData.mixedChunk;
import static io.tidemark.engine.tier.TierTestData.nanos;
import static io.tidemark.engine.tier.TierTestData.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.magnetic.MagneticLayout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkSlicerTest {

    private static final long HOUR = Duration.ofHours(1).toNanos();

    @Test
    void chunkWithinOneDayIsReturnedAsIs() {
        SealedChunk chunk = mixedChunk(nanos("2026-11-20T01:00:00Z"), HOUR, 20);

        assertThat(ChunkSlicer.splitByPartition(chunk)).containsExactly(chunk);
    }

    @Test
    void chunkSpanningMidnightsIsSplitPerDayKeepingEveryValueAndAbsence() {
        SealedChunk chunk = mixedChunk(nanos("2026-11-20T22:00:00Z"), HOUR, 30);

        List<SealedChunk> pieces = ChunkSlicer.splitByPartition(chunk);

        assertThat(pieces).hasSize(3);
        assertThat(pieces).extracting(SealedChunk::count).containsExactly(2, 24, 4);
        for (SealedChunk piece : pieces) {
            assertThat(MagneticLayout.partitionOf(piece.minTime())).isEqualTo(MagneticLayout.partitionOf(piece.maxTime()));
        }
        assertThat(rows(pieces)).isEqualTo(rows(List.of(chunk)));
    }

    @Test
    void splitsBeforeTheEpochOnUtcDays() {
        SealedChunk chunk = mixedChunk(nanos("1969-12-31T23:00:00Z"), HOUR, 2);

        List<SealedChunk> pieces = ChunkSlicer.splitByPartition(chunk);

        assertThat(pieces).extracting(SealedChunk::count).containsExactly(1, 1);
        assertThat(pieces.get(1).minTime()).isZero();
    }

    @Test
    void dropBeforeKeepsExactlyThePointsAtOrAfterTheExpiry() {
        long start = nanos("2026-11-20T00:00:00Z");
        SealedChunk chunk = mixedChunk(start, HOUR, 10);

        SealedChunk kept = ChunkSlicer.dropBefore(chunk, start + 4 * HOUR);

        assertThat(kept.minTime()).isEqualTo(start + 4 * HOUR);
        assertThat(rows(List.of(kept))).isEqualTo(rows(List.of(chunk)).subList(4, 10));
        assertThat(ChunkSlicer.dropBefore(chunk, start + 4 * HOUR - 1).count()).isEqualTo(6);
        assertThat(ChunkSlicer.dropBefore(chunk, start)).isSameAs(chunk);
        assertThat(ChunkSlicer.dropBefore(chunk, start + 9 * HOUR + 1)).isNull();
    }
}
