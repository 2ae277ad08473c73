package io.tidemark.engine.shard;

import static io.tidemark.engine.shard.TestRows.SECOND;
import static io.tidemark.engine.shard.TestRows.T0;
import static io.tidemark.engine.shard.TestRows.TABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchBuilder;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch is applied series by series in runs that fit the open chunk; these tests pin that it
 * builds exactly the chunks that applying its rows one at a time builds: the same seals at the
 * seal-point count, before a too-long span and before a new column, with the same bytes.
 */
class MemoryStoreRunsTest {

    private static final int SEAL_POINTS = 7;
    private static final long SEAL_SPAN = 20 * SECOND;
    // cpu and count have a value in every row (copied a run at a time), the others in some rows
    private static final String[] NAMES = {"cpu", "mem", "up", "label", "count"};
    private static final MeasureType[] TYPES = {MeasureType.DOUBLE, MeasureType.BIGINT, MeasureType.BOOLEAN,
        MeasureType.VARCHAR, MeasureType.BIGINT};

    private record Row(int series, long time, long version, Object[] values) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aWholeBatchBuildsTheChunksItsRowsBuildOneAtATime(long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        long[] clock = new long[3];
        for (int r = 0; r < 300; r++) {
            int series = random.nextInt(3);
            // mostly forward in steps of 1-4 s, sometimes a jump past the span, sometimes back in time
            int move = random.nextInt(20);
            clock[series] += move == 0 ? 25 : move == 1 ? -6 : 1 + random.nextInt(4);
            Object[] values = new Object[NAMES.length];
            values[0] = random.nextInt(50) / 4.0;
            values[4] = (long) r - random.nextInt(600);
            for (int c = 1; c < 4; c++) {
                // later columns appear over time, and then not in every row
                if (r > 40 * c && random.nextInt(3) > 0) {
                    values[c] = c == 1 ? (Object) (long) random.nextInt(1000) : c == 2 ? (Object) random.nextBoolean()
                            : "v" + random.nextInt(4);
                }
            }
            rows.add(new Row(series, T0 + clock[series] * SECOND, 1 + random.nextInt(2), values));
        }

        MemoryStore whole = store();
        whole.apply(batch(rows), 1);
        MemoryStore oneByOne = store();
        for (int r = 0; r < rows.size(); r++) {
            oneByOne.apply(batch(rows.subList(r, r + 1)), 1);
        }

        Map<SeriesKey, List<String>> expected = chunks(oneByOne);
        assertThat(chunks(whole)).isEqualTo(expected);
        assertThat(expected.values().stream().mapToInt(List::size).sum()).isGreaterThan(300 / SEAL_POINTS);
        assertThat(whole.stats(0)).isEqualTo(oneByOne.stats(0));
    }

    private static MemoryStore store() {
        return new MemoryStore(TABLE, SEAL_POINTS, SEAL_SPAN, new EngineMeters().table(TABLE));
    }

    private static WriteBatch batch(List<Row> rows) {
        WriteBatchBuilder b = WriteBatch.builder(TABLE, 0);
        int[] series = new int[3];
        for (int s = 0; s < 3; s++) {
            series[s] = b.series(SeriesKey.of(List.of(new Dimension("host", "h" + s)), "metrics"));
        }
        int[] columns = new int[NAMES.length];
        for (int c = 0; c < NAMES.length; c++) {
            columns[c] = b.column(NAMES[c], TYPES[c]);
        }
        for (Row row : rows) {
            b.addRow(series[row.series()], row.time(), row.version());
            Object[] v = row.values();
            b.setDouble(columns[0], (Double) v[0]);
            if (v[1] != null) {
                b.setLong(columns[1], (Long) v[1]);
            }
            if (v[2] != null) {
                b.setBoolean(columns[2], (Boolean) v[2]);
            }
            if (v[3] != null) {
                b.setString(columns[3], (String) v[3]);
            }
            b.setLong(columns[4], (Long) v[4]);
        }
        return b.build();
    }

    /** Per series, every chunk (sealed, and the open one as a snapshot) as hex of its bytes. */
    private static Map<SeriesKey, List<String>> chunks(MemoryStore store) {
        Map<SeriesKey, List<String>> out = new HashMap<>();
        for (SeriesChunks series : store.scan(Long.MIN_VALUE, Long.MAX_VALUE)) {
            List<String> hex = new ArrayList<>();
            for (SealedChunk chunk : series.chunks()) {
                hex.add(java.util.HexFormat.of().formatHex(chunk.bytes()));
            }
            out.put(series.series(), hex);
        }
        return out;
    }
}
