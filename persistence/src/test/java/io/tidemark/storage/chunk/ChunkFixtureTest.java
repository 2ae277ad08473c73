package io.tidemark.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.model.MeasureType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads the checked-in version 1 chunk (fixtures/chunk-v1, see its README) and checks that today's
 * writer still produces exactly those bytes from the same rows.
 */
class ChunkFixtureTest {

    static final String FIXTURE = "/fixtures/chunk-v1/multi-measure.chunk";
    static final long T0 = 1_451_606_400_000_000_000L;
    static final long STEP = 10_000_000_000L;

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

    @Test
    void writerStillProducesTheFixtureBytes() throws IOException {
        assertThat(build().bytes()).containsExactly(fixture());
    }

    @Test
    void fixtureDecodes() throws IOException {
        SealedChunk chunk = SealedChunk.wrap(fixture());

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

    private static byte[] fixture() throws IOException {
        try (InputStream in = ChunkFixtureTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as("fixture %s", FIXTURE).isNotNull();
            return in.readAllBytes();
        }
    }
}
