package io.tidemark.engine.tier;

import static io.tidemark.engine.tier.TierTestData.mixedChunk;
import static io.tidemark.engine.tier.TierTestData.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.magnetic.MagneticLayout;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ChunkSlicerPropertyTest {

    private static final long DAY = MagneticLayout.PARTITION_NANOS;

    @Property(tries = 200)
    void splittingByPartitionKeepsEveryRowInOrderAndEachPieceInOneDay(
            @ForAll @LongRange(min = -3 * DAY, max = 3 * DAY) long start,
            @ForAll @LongRange(min = 1, max = DAY / 4) long step,
            @ForAll @IntRange(min = 1, max = 40) int count) {
        SealedChunk chunk = mixedChunk(start, step, count);

        List<SealedChunk> pieces = ChunkSlicer.splitByPartition(chunk);

        assertThat(rows(pieces)).isEqualTo(rows(List.of(chunk)));
        long previousDay = Long.MIN_VALUE;
        for (SealedChunk piece : pieces) {
            long day = Math.floorDiv(piece.minTime(), DAY);
            assertThat(Math.floorDiv(piece.maxTime(), DAY)).isEqualTo(day);
            assertThat(day).isGreaterThan(previousDay);
            previousDay = day;
        }
    }

    @Property(tries = 200)
    void droppingBeforeAnExpiryKeepsExactlyTheLaterRows(
            @ForAll @LongRange(min = -DAY, max = DAY) long start,
            @ForAll @LongRange(min = 1, max = DAY / 8) long step,
            @ForAll @IntRange(min = 1, max = 40) int count,
            @ForAll @LongRange(min = -2 * DAY, max = 7 * DAY) long expiry) {
        SealedChunk chunk = mixedChunk(start, step, count);
        List<String> all = rows(List.of(chunk));
        int firstKept = 0;
        while (firstKept < count && start + firstKept * step < expiry) {
            firstKept++;
        }

        SealedChunk kept = ChunkSlicer.dropBefore(chunk, expiry);

        if (firstKept == count) {
            assertThat(kept).isNull();
        } else {
            assertThat(rows(List.of(kept))).isEqualTo(all.subList(firstKept, count));
        }
    }
}
