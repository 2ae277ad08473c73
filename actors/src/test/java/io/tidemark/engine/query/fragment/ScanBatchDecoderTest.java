package io.tidemark.engine.query.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dimension and measure name columns: the same immutable vector serves the next chunk of the same
 * size and value, a new one any other chunk, every row reads the right value whatever was reused,
 * and bytes scanned count the value's length per delivered row.
 */
class ScanBatchDecoderTest {

    private static final List<ScanColumn> COLUMNS = List.of(
            new ScanColumn("host", PrimitiveType.VARCHAR, ColumnRole.DIMENSION),
            new ScanColumn("zone", PrimitiveType.VARCHAR, ColumnRole.DIMENSION),
            new ScanColumn("measure_name", PrimitiveType.VARCHAR, ColumnRole.MEASURE_NAME),
            new ScanColumn("time", PrimitiveType.TIMESTAMP, ColumnRole.TIMESTAMP),
            new ScanColumn("usage", PrimitiveType.DOUBLE, ColumnRole.MULTI));

    private static SeriesKey series(String host) {
        return SeriesKey.of(List.of(new Dimension("host", host)), "cpu");
    }

    /** {@code rows} rows at times first, first + 1, … with usage equal to the time. */
    private static SealedChunk chunk(long first, int rows) {
        OpenChunk open = new OpenChunk(List.of(new ColumnSpec("usage", MeasureType.DOUBLE)));
        for (int i = 0; i < rows; i++) {
            int row = open.append(first + i, 0);
            open.setDouble(0, row, first + i);
        }
        return open.seal();
    }

    private static List<Batch> decode(ScanBatchDecoder decoder, SeriesKey series, SealedChunk chunk, long[] bytes) {
        List<Batch> out = new ArrayList<>();
        bytes[0] += decoder.decode(series, chunk, out::add);
        return out;
    }

    @Test
    void aSeriesNextChunkOfTheSameSizeReusesItsConstantVectors() {
        ScanBatchDecoder decoder = new ScanBatchDecoder(COLUMNS, Long.MIN_VALUE, Long.MAX_VALUE);
        long[] bytes = new long[1];
        Batch first = decode(decoder, series("h1"), chunk(0, 5), bytes).get(0);
        Batch second = decode(decoder, series("h1"), chunk(5, 5), bytes).get(0);
        assertThat(second.column(0)).isSameAs(first.column(0));
        assertThat(second.column(2)).isSameAs(first.column(2));
        assertThat(second.column(4).getDouble(4)).isEqualTo(9.0);
        // host "h1" (2) and measure name "cpu" (3) per row, time and usage 8 bytes each; the missing zone is free
        assertThat(bytes[0]).isEqualTo(10L * (2 + 3 + 8 + 8));
    }

    @Test
    void anotherValueOrSizeGetsItsOwnVector() {
        ScanBatchDecoder decoder = new ScanBatchDecoder(COLUMNS, Long.MIN_VALUE, Long.MAX_VALUE);
        long[] bytes = new long[1];
        Batch h1 = decode(decoder, series("h1"), chunk(0, 5), bytes).get(0);
        Batch h2 = decode(decoder, series("h22"), chunk(0, 5), bytes).get(0);
        Batch shorter = decode(decoder, series("h22"), chunk(5, 3), bytes).get(0);
        assertThat(h2.column(0)).isNotSameAs(h1.column(0));
        assertThat(h2.column(2)).isSameAs(h1.column(2));
        for (int row = 0; row < 5; row++) {
            assertThat(h1.column(0).get(row)).isEqualTo("h1");
            assertThat(h2.column(0).get(row)).isEqualTo("h22");
            assertThat(h2.column(1).isNull(row)).isTrue();
        }
        assertThat(shorter.rowCount()).isEqualTo(3);
        assertThat(shorter.column(0).size()).isEqualTo(3);
        assertThat(shorter.column(0).get(2)).isEqualTo("h22");
    }

    @Test
    void aRangeCuttingTheChunkDeliversAndCountsOnlyItsRows() {
        ScanBatchDecoder decoder = new ScanBatchDecoder(COLUMNS, 2, 6);
        long[] bytes = new long[1];
        List<Batch> batches = decode(decoder, series("h1"), chunk(0, 10), bytes);
        assertThat(batches).hasSize(1);
        Batch batch = batches.get(0);
        assertThat(batch.rowCount()).isEqualTo(5);
        assertThat(batch.column(3).getLong(0)).isEqualTo(2);
        assertThat(batch.column(0).get(4)).isEqualTo("h1");
        assertThat(bytes[0]).isEqualTo(5L * (2 + 3 + 8 + 8));
    }
}
