package io.tidemark.engine.query.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.operator.Filter;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Filter first: a decoder given the fragment's filter delivers exactly the rows (same values, same
 * order) that decoding everything and filtering afterwards delivers, over chunks with gaps in any
 * column, a column the chunk lacks, VARCHAR values and ranges cutting the chunk, and reports the
 * same bytes scanned, with or without a stats bound for the filter; a chunk where no row passes
 * leaves the columns the filter does not read undecoded, and one the bound rules out every column.
 */
class FilterFirstDecodePropertyTest {

    private static final List<ScanColumn> COLUMNS = List.of(
            new ScanColumn("host", PrimitiveType.VARCHAR, ColumnRole.DIMENSION),
            new ScanColumn("time", PrimitiveType.TIMESTAMP, ColumnRole.TIMESTAMP),
            new ScanColumn("a", PrimitiveType.DOUBLE, ColumnRole.MULTI),
            new ScanColumn("b", PrimitiveType.DOUBLE, ColumnRole.MULTI),
            new ScanColumn("c", PrimitiveType.BIGINT, ColumnRole.MULTI),
            new ScanColumn("d", PrimitiveType.BOOLEAN, ColumnRole.MULTI),
            new ScanColumn("e", PrimitiveType.VARCHAR, ColumnRole.MULTI),
            new ScanColumn("absent", PrimitiveType.DOUBLE, ColumnRole.MULTI));

    private static final int A = 2;
    private static final SeriesKey SERIES = SeriesKey.of(List.of(new Dimension("host", "h7")), "cpu");

    /** {@code a > threshold} (null where {@code a} is null), reading channel {@link #A} only. */
    private record Above(double threshold) implements VectorExpression {

        @Override
        public SqlType type() {
            return PrimitiveType.BOOLEAN;
        }

        @Override
        public Vector evaluate(Batch batch, EvalContext context) {
            Vector a = batch.column(A);
            int n = batch.rowCount();
            boolean[] values = new boolean[n];
            boolean[] nulls = a.mayHaveNulls() ? new boolean[n] : null;
            for (int i = 0; i < n; i++) {
                if (a.isNull(i)) {
                    nulls[i] = true;
                } else {
                    values[i] = a.getDouble(i) > threshold;
                }
            }
            return Vector.ofBooleans(PrimitiveType.BOOLEAN, values, nulls, n);
        }
    }

    /** Rows at times 0, 10, 20, … with each column present in a row with its own probability (1 for some). */
    private static SealedChunk chunk(int rows, long seed) {
        Random random = new Random(seed);
        OpenChunk open = new OpenChunk(List.of(new ColumnSpec("a", MeasureType.DOUBLE), new ColumnSpec("b", MeasureType.DOUBLE),
                new ColumnSpec("c", MeasureType.BIGINT), new ColumnSpec("d", MeasureType.BOOLEAN),
                new ColumnSpec("e", MeasureType.VARCHAR)));
        double[] presence = new double[5];
        for (int col = 0; col < 5; col++) {
            presence[col] = random.nextBoolean() ? 1.0 : random.nextDouble();
        }
        double walk = 50;
        for (int i = 0; i < rows; i++) {
            int row = open.append(10L * i, 0);
            walk = Math.max(0, Math.min(100, walk + random.nextGaussian() * 5));
            if (random.nextDouble() < presence[0]) {
                open.setDouble(0, row, Math.round(walk * 100) / 100.0);
            }
            if (random.nextDouble() < presence[1]) {
                open.setDouble(1, row, random.nextInt(1000) / 10.0);
            }
            if (random.nextDouble() < presence[2]) {
                open.setLong(2, row, random.nextLong());
            }
            if (random.nextDouble() < presence[3]) {
                open.setBoolean(3, row, random.nextBoolean());
            }
            if (random.nextDouble() < presence[4]) {
                open.setVarchar(4, row, "v" + random.nextInt(20));
            }
        }
        return open.seal();
    }

    private static List<Object> rows(List<Batch> batches) {
        List<Object> rows = new ArrayList<>();
        for (Batch batch : batches) {
            for (int i = 0; i < batch.rowCount(); i++) {
                List<Object> row = new ArrayList<>();
                for (Vector column : batch.columns()) {
                    row.add(column.get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Property(tries = 200)
    void filteringFirstDeliversWhatFilteringAfterDecodingDelivers(@ForAll @IntRange(min = 1, max = 1500) int rows,
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 110) int threshold,
            @ForAll @LongRange(min = -20, max = 16000) long from, @ForAll @IntRange(min = 0, max = 16000) int length,
            @ForAll boolean bounded) {
        SealedChunk chunk = chunk(rows, seed);
        Above predicate = new Above(threshold);
        EvalContext eval = EvalContext.utc(0);

        List<Batch> plain = new ArrayList<>();
        long plainBytes = new ScanBatchDecoder(COLUMNS, from, from + length).decode(SERIES, chunk,
                batch -> plain.add(Filter.apply(batch, predicate.evaluate(batch, eval))));
        List<Batch> first = new ArrayList<>();
        List<ValueBound> bounds = bounded ? List.of(new ValueBound(A, ValueBound.Operator.GREATER, threshold)) : List.of();
        ScanBatchDecoder filtered = new ScanBatchDecoder(COLUMNS, from, from + length, new ScanFilter(predicate, eval, List.of(A), bounds));
        long firstBytes = filtered.decode(SERIES, chunk, first::add);

        assertThat(rows(first)).isEqualTo(rows(plain));
        assertThat(firstBytes).isEqualTo(plainBytes);
        assertThat(first).allSatisfy(batch -> assertThat(batch.rowCount()).isPositive());
    }

    @Test
    void aChunkWithoutSurvivorsDecodesOnlyTheFilterColumnAndVarchars() {
        SealedChunk chunk = chunk(720, 3);
        ScanBatchDecoder filtered = new ScanBatchDecoder(COLUMNS, Long.MIN_VALUE, Long.MAX_VALUE,
                new ScanFilter(new Above(1_000), EvalContext.utc(0), List.of(A), List.of()));
        List<Batch> out = new ArrayList<>();
        filtered.decode(SERIES, chunk, out::add);
        assertThat(out).isEmpty();
        // a and the VARCHAR e; not b, c, d nor the absent column
        assertThat(filtered.valueColumnsDecoded()).isEqualTo(2);

        filtered = new ScanBatchDecoder(COLUMNS, Long.MIN_VALUE, Long.MAX_VALUE,
                new ScanFilter(new Above(-1), EvalContext.utc(0), List.of(A), List.of()));
        filtered.decode(SERIES, chunk, out::add);
        assertThat(filtered.valueColumnsDecoded()).isEqualTo(6);
    }

    @Test
    void aChunkItsStatsRuleOutDecodesNoValueButCountsItsBytes() {
        SealedChunk chunk = chunk(720, 5);
        EvalContext eval = EvalContext.utc(0);
        long plainBytes = new ScanBatchDecoder(COLUMNS, 100, 6000).decode(SERIES, chunk, batch -> { });
        ScanBatchDecoder bounded = new ScanBatchDecoder(COLUMNS, 100, 6000, new ScanFilter(new Above(100), eval, List.of(A),
                List.of(new ValueBound(A, ValueBound.Operator.GREATER, 100))));
        List<Batch> out = new ArrayList<>();
        assertThat(bounded.decode(SERIES, chunk, out::add)).isEqualTo(plainBytes);
        assertThat(out).isEmpty();
        // only the VARCHAR e, for its bytes
        assertThat(bounded.valueColumnsDecoded()).isEqualTo(1);
    }

    @Test
    void rowsPastOneBatchArePiecedAndFilteredPieceByPiece() {
        SealedChunk chunk = chunk(ScanBatchDecoder.MAX_BATCH_ROWS + 900, 11);
        Above predicate = new Above(50);
        EvalContext eval = EvalContext.utc(0);
        List<Batch> plain = new ArrayList<>();
        long plainBytes = new ScanBatchDecoder(COLUMNS, 5, Long.MAX_VALUE).decode(SERIES, chunk,
                batch -> plain.add(Filter.apply(batch, predicate.evaluate(batch, eval))));
        List<Batch> first = new ArrayList<>();
        long firstBytes = new ScanBatchDecoder(COLUMNS, 5, Long.MAX_VALUE, new ScanFilter(predicate, eval, List.of(A), List.of()))
                .decode(SERIES, chunk, first::add);
        assertThat(first).hasSizeGreaterThan(1);
        assertThat(rows(first)).isEqualTo(rows(plain));
        assertThat(firstBytes).isEqualTo(plainBytes);
    }
}
