package io.tidemark.engine.tier;

import static io.tidemark.engine.tier.TierTestData.nanos;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.magnetic.MagneticLayout;
import io.tidemark.storage.model.MeasureType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkSlicerTest {

    private static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("d", MeasureType.DOUBLE),
            new ColumnSpec("b", MeasureType.BIGINT),
            new ColumnSpec("ts", MeasureType.TIMESTAMP),
            new ColumnSpec("flag", MeasureType.BOOLEAN),
            new ColumnSpec("s", MeasureType.VARCHAR));
    private static final long HOUR = Duration.ofHours(1).toNanos();

    /** One point per hour for {@code hours} hours from {@code start}; every column absent on some rows. */
    private static SealedChunk mixedChunk(long start, int hours) {
        OpenChunk open = new OpenChunk(COLUMNS);
        for (int i = 0; i < hours; i++) {
            int row = open.append(start + i * HOUR, 1 + i % 3);
            if (i % 5 != 1) {
                open.setDouble(0, row, i * 1.5);
            }
            if (i % 5 != 2) {
                open.setLong(1, row, -i);
            }
            if (i % 5 != 3) {
                open.setLong(2, row, start + i);
            }
            if (i % 5 != 4) {
                open.setBoolean(3, row, i % 2 == 0);
            }
            if (i % 5 != 0) {
                open.setVarchar(4, row, "v" + i % 4);
            }
        }
        return open.seal();
    }

    /** Every row of the chunks, rendered column by column with absent values as "-". */
    private static List<String> rows(List<SealedChunk> chunks) {
        List<String> out = new ArrayList<>();
        for (SealedChunk chunk : chunks) {
            int n = chunk.count();
            long[] times = new long[n];
            long[] versions = new long[n];
            double[] d = new double[n];
            long[] b = new long[n];
            long[] ts = new long[n];
            boolean[] flag = new boolean[n];
            String[] s = new String[n];
            boolean[][] has = new boolean[5][n];
            chunk.decodeTimes(times);
            chunk.decodeVersions(versions);
            chunk.decodeDoubles(0, d);
            chunk.decodeLongs(1, b);
            chunk.decodeLongs(2, ts);
            chunk.decodeBooleans(3, flag);
            chunk.decodeVarchars(4, s);
            for (int c = 0; c < 5; c++) {
                chunk.decodePresence(c, has[c]);
            }
            for (int i = 0; i < n; i++) {
                out.add(times[i] + "/" + versions[i] + " " + (has[0][i] ? d[i] : "-") + " " + (has[1][i] ? b[i] : "-")
                        + " " + (has[2][i] ? ts[i] : "-") + " " + (has[3][i] ? flag[i] : "-") + " "
                        + (has[4][i] ? s[i] : "-"));
            }
        }
        return out;
    }

    @Test
    void chunkWithinOneDayIsReturnedAsIs() {
        SealedChunk chunk = mixedChunk(nanos("2026-11-20T01:00:00Z"), 20);

        assertThat(ChunkSlicer.splitByPartition(chunk)).containsExactly(chunk);
    }

    @Test
    void chunkSpanningMidnightsIsSplitPerDayKeepingEveryValueAndAbsence() {
        SealedChunk chunk = mixedChunk(nanos("2026-11-20T22:00:00Z"), 30);

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
        SealedChunk chunk = mixedChunk(nanos("1969-12-31T23:00:00Z"), 2);

        List<SealedChunk> pieces = ChunkSlicer.splitByPartition(chunk);

        assertThat(pieces).extracting(SealedChunk::count).containsExactly(1, 1);
        assertThat(pieces.get(1).minTime()).isZero();
    }

    @Test
    void dropBeforeKeepsExactlyThePointsAtOrAfterTheExpiry() {
        long start = nanos("2026-11-20T00:00:00Z");
        SealedChunk chunk = mixedChunk(start, 10);

        SealedChunk kept = ChunkSlicer.dropBefore(chunk, start + 4 * HOUR);

        assertThat(kept.minTime()).isEqualTo(start + 4 * HOUR);
        assertThat(rows(List.of(kept))).isEqualTo(rows(List.of(chunk)).subList(4, 10));
        assertThat(ChunkSlicer.dropBefore(chunk, start + 4 * HOUR - 1).count()).isEqualTo(6);
        assertThat(ChunkSlicer.dropBefore(chunk, start)).isSameAs(chunk);
        assertThat(ChunkSlicer.dropBefore(chunk, start + 9 * HOUR + 1)).isNull();
    }
}
