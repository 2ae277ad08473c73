package io.tidemark.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.model.MeasureType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads the checked-in version 1 and version 2 chunks (fixtures/chunk-v1 and chunk-v2, see their
 * READMEs) and checks that today's writer still produces exactly those bytes from the same rows.
 */
class ChunkFixtureTest {

    static final String FIXTURE = "/fixtures/chunk-v1/multi-measure.chunk";
    static final String SLICED_FIXTURE = "/fixtures/chunk-v2/sliced.chunk";
    static final long T0 = 1_451_606_400_000_000_000L;
    static final long STEP = 10_000_000_000L;
    static final long HALF_HOUR = 1_800_000_000_000L;

    /** The rows behind the fixture: out of order, one duplicate time, absent values. */
    static SealedChunk build() {
        OpenChunk open = new OpenChunk(List.of(new ColumnSpec("usage_user", MeasureType.DOUBLE),
                new ColumnSpec("requests", MeasureType.BIGINT), new ColumnSpec("healthy", MeasureType.BOOLEAN),
                new ColumnSpec("state", MeasureType.VARCHAR), new ColumnSpec("seen_at", MeasureType.TIMESTAMP)));
        int[] order = {3, 0, 1, 2, 5, 4, 7, 6, 9, 8};
        for (int i : order) {
            fill(open, open.append(T0 + STEP * i, 1), i, 50 + i * 0.25);
        }
        // a higher version of time 2 replaces the whole row
        fill(open, open.append(T0 + STEP * 2, 2), 2, -0.0);
        return open.seal();
    }

    private static void fill(OpenChunk open, int row, int i, double usage) {
        open.setDouble(0, row, usage);
        if (i % 3 != 0) {
            open.setLong(1, row, 1000L * i - 7);
        }
        open.setBoolean(2, row, i % 4 != 0);
        open.setVarchar(3, row, i < 5 ? "up" : "degraded");
        open.setLong(4, row, T0 + i);
    }

    /**
     * The rows behind the version 2 fixture: a point every 30 s from 00:30 to 03:29:30, none in the
     * hour from 01:00 (an empty slice); whole-number usage with -0.0 at row 3, requests absent in
     * every fifth row, a VARCHAR column (no slice stats).
     */
    static SealedChunk buildSliced() {
        OpenChunk open = new OpenChunk(List.of(new ColumnSpec("usage", MeasureType.DOUBLE),
                new ColumnSpec("requests", MeasureType.BIGINT), new ColumnSpec("state", MeasureType.VARCHAR)));
        for (int i = 0; i < 360; i++) {
            if (i >= 60 && i < 180) {
                continue;
            }
            int row = open.append(T0 + HALF_HOUR + i * STEP * 3, 1);
            open.setDouble(0, row, i == 3 ? -0.0 : i % 40);
            if (i % 5 != 0) {
                open.setLong(1, row, 100L * i - 5);
            }
            open.setVarchar(2, row, i < 200 ? "up" : "down");
        }
        return open.seal();
    }

    @Test
    void writerStillProducesTheFixtureBytes() throws IOException {
        assertThat(build().bytes()).containsExactly(fixture(FIXTURE));
        assertThat(build().sliceStats()).isEmpty();
    }

    @Test
    void writerStillProducesTheVersion2FixtureBytes() throws IOException {
        assertThat(buildSliced().bytes()).containsExactly(fixture(SLICED_FIXTURE));
    }

    @Test
    void version2FixtureDecodesWithItsSliceStats() throws IOException {
        SealedChunk chunk = SealedChunk.wrap(fixture(SLICED_FIXTURE));

        assertThat(chunk.bytes()[ChunkLayout.VERSION_OFFSET]).isEqualTo((byte) 2);
        assertThat(chunk.count()).isEqualTo(240);
        double[] usage = new double[240];
        chunk.decodeDoubles(0, usage);
        assertThat(Double.doubleToRawLongBits(usage[3])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(usage[239]).isEqualTo(359 % 40);
        SliceStats slices = chunk.sliceStats().orElseThrow();
        assertThat(slices.width()).isEqualTo(3_600_000_000_000L);
        assertThat(slices.count()).isEqualTo(4);
        assertThat(slices.start(0)).isEqualTo(T0);
        assertThat(new int[] {slices.rows(0), slices.rows(1), slices.rows(2), slices.rows(3)}).containsExactly(60, 0, 120, 60);
        // rows 0..59: usage i % 40 with -0.0 at row 3; requests 100 i - 5 where i % 5 != 0
        assertThat(slices.column(0, 0)).isEqualTo(new ColumnStats.DoubleStats(60, -0.0, 39, 780 + 190 - 3, Double.NaN,
                Double.NaN));
        assertThat(slices.column(1, 0)).isEqualTo(new ColumnStats.LongStats(48, 95, 5895, 100L * (1770 - 330) - 5 * 48,
                false, 0, 0));
        assertThat(slices.column(1, 1).nonNullCount()).isZero();
        assertThat(slices.hasColumn(2)).isFalse();
    }

    @Test
    void fixtureDecodes() throws IOException {
        SealedChunk chunk = SealedChunk.wrap(fixture(FIXTURE));

        assertThat(chunk.count()).isEqualTo(10);
        assertThat(chunk.minTime()).isEqualTo(T0);
        assertThat(chunk.maxTime()).isEqualTo(T0 + 9 * STEP);
        long[] times = new long[10];
        double[] usage = new double[10];
        long[] requests = new long[10];
        boolean[] hasRequests = new boolean[10];
        boolean[] healthy = new boolean[10];
        String[] state = new String[10];
        long[] seenAt = new long[10];
        chunk.decodeTimes(times);
        chunk.decodeDoubles(0, usage);
        chunk.decodeLongs(1, requests);
        chunk.decodePresence(1, hasRequests);
        chunk.decodeBooleans(2, healthy);
        chunk.decodeVarchars(3, state);
        chunk.decodeLongs(4, seenAt);
        for (int i = 0; i < 10; i++) {
            assertThat(times[i]).isEqualTo(T0 + STEP * i);
            assertThat(Double.doubleToRawLongBits(usage[i]))
                    .isEqualTo(Double.doubleToRawLongBits(i == 2 ? -0.0 : 50 + i * 0.25));
            assertThat(hasRequests[i]).isEqualTo(i % 3 != 0);
            assertThat(requests[i]).isEqualTo(i % 3 != 0 ? 1000L * i - 7 : 0);
            assertThat(healthy[i]).isEqualTo(i % 4 != 0);
            assertThat(state[i]).isEqualTo(i < 5 ? "up" : "degraded");
            assertThat(seenAt[i]).isEqualTo(T0 + i);
        }
        assertThat(chunk.stats().column(1)).isEqualTo(new ColumnStats.LongStats(6, 993, 7993,
                993 + 1993 + 3993 + 4993 + 6993 + 7993, false, 993, 7993));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ChunkFixtureTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
