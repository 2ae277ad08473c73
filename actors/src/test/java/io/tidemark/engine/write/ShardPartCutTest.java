package io.tidemark.engine.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.tidemark.storage.journal.ValueColumn;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchBuilder;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import io.tidemark.storage.serialization.KryoPool;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shard's part of a write is cut into consecutive parts whose real serialized size
 * ({@link WriteBatchSerializer}) is within the limit, and which together hold exactly the
 * original rows in their order, each with its record index, metered bytes and magnetic flag; a
 * part within the limit stays as it is; the limit is derived from the large frame by default.
 */
class ShardPartCutTest {

    private static final KryoPool KRYO = WriteBatchSerializer.register(KryoPool.builder()).build();
    private static final long T0 = 1_700_000_000_000_000_000L;

    /**
     * {@code rows} rows over 5 interleaved series: a DOUBLE always, a VARCHAR of varying width (some
     * non-ASCII, every 4th absent) and a BOOLEAN on odd rows; every 3rd row magnetic.
     */
    private static ShardPart part(int rows) {
        WriteBatchBuilder builder = WriteBatch.builder("t-1", 2);
        int usage = builder.column("usage", MeasureType.DOUBLE);
        int note = builder.column("note", MeasureType.VARCHAR);
        int up = builder.column("up", MeasureType.BOOLEAN);
        int[] records = new int[rows];
        int[] rowBytes = new int[rows];
        BitSet magnetic = new BitSet();
        for (int r = 0; r < rows; r++) {
            int s = builder.series(SeriesKey.of(List.of(new Dimension("host", "host-" + r % 5),
                    new Dimension("region", "eu-west-1")), "cpu"));
            builder.addRow(s, T0 + r, r % 2);
            builder.setDouble(usage, r * 0.25);
            if (r % 4 != 0) {
                builder.setString(note, (r % 3 == 0 ? "é✓" : "n").repeat(1 + r % 40));
            }
            if (r % 2 == 1) {
                builder.setBoolean(up, r % 3 == 1);
            }
            records[r] = 1000 + r;
            rowBytes[r] = 50 + r % 40;
            if (r % 3 == 0) {
                magnetic.set(r);
            }
        }
        return new ShardPart(2, builder.build(), records, magnetic, rowBytes);
    }

    private static int wireBytes(WriteBatch batch) {
        return KRYO.writeClassAndObject(batch).length;
    }

    @Test
    void aPartWithinTheLimitStaysAsItIs() {
        ShardPart part = part(100);

        assertThat(ShardPartCut.estimateBytes(part.batch())).isGreaterThanOrEqualTo(wireBytes(part.batch()));
        assertThat(ShardPartCut.cut(part, wireBytes(part.batch()) * 4L)).containsExactly(part);
    }

    @Test
    void theBoundOfASeriesEntryCoversDimensionsOfThreeByteCharsAndKeepsToTheKeysBytes() {
        WriteBatchBuilder builder = WriteBatch.builder("t-1", 0);
        int usage = builder.column("usage", MeasureType.DOUBLE);
        for (int s = 0; s < 50; s++) {
            List<Dimension> dims = new ArrayList<>();
            for (int d = 0; d < 10; d++) {
                dims.add(new Dimension("dimension_✓_" + d, "value-€-" + s + "-" + "✓".repeat(d * 7)));
            }
            builder.addRow(builder.series(SeriesKey.of(dims, "measure_é")), T0 + s, 1);
            builder.setDouble(usage, s);
        }
        WriteBatch batch = builder.build();

        long estimate = ShardPartCut.estimateBytes(batch);

        assertThat(estimate).isGreaterThanOrEqualTo(wireBytes(batch));
        // the series dominate this batch: the bound stays within 3 bytes per char plus the length prefixes
        assertThat(estimate).isLessThan(wireBytes(batch) * 2L);
    }

    @Test
    void aLargePartIsCutIntoPartsWithinTheLimitHoldingEveryRowInOrder() {
        ShardPart whole = part(6000);
        long max = 16 * 1024;

        List<ShardPart> parts = ShardPartCut.cut(whole, max);

        assertThat(parts.size()).as("parts of a %d-byte batch", wireBytes(whole.batch()))
                .isGreaterThan(wireBytes(whole.batch()) / (int) max);
        List<String> rows = new ArrayList<>();
        List<Integer> records = new ArrayList<>();
        List<Integer> metered = new ArrayList<>();
        BitSet magnetic = new BitSet();
        for (ShardPart part : parts) {
            assertThat(wireBytes(part.batch())).isLessThanOrEqualTo((int) max);
            // more than half full but the last: the estimate is not far above the real size
            if (part != parts.get(parts.size() - 1)) {
                assertThat(wireBytes(part.batch())).isGreaterThan((int) (max / 2));
            }
            assertThat(part.shard()).isEqualTo(2);
            assertThat(part.batch().shard()).isEqualTo(2);
            for (int r = 0; r < part.batch().rowCount(); r++) {
                rows.add(row(part.batch(), r));
                records.add(part.recordIndexes()[r]);
                metered.add(part.rowBytes()[r]);
                if (part.magneticRows().get(r)) {
                    magnetic.set(rows.size() - 1);
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < whole.batch().rowCount(); r++) {
            expected.add(row(whole.batch(), r));
        }
        assertThat(rows).isEqualTo(expected);
        assertThat(records).isEqualTo(boxed(whole.recordIndexes()));
        assertThat(metered).isEqualTo(boxed(whole.rowBytes()));
        assertThat(magnetic).isEqualTo(whole.magneticRows());
    }

    @Test
    void theLimitIsThreeQuartersOfTheLargeFrameUnlessSet() {
        assertThat(ShardPartCut.maxPartBytes(ConfigFactory.parseString(
                "pekko.remote.artery.advanced.maximum-large-frame-size = 16MiB\n"
                        + "tidemark.engine.write.max-shard-part-bytes = auto"))).isEqualTo(12L << 20);
        assertThat(ShardPartCut.maxPartBytes(ConfigFactory.parseString(
                "pekko.remote.artery.advanced.maximum-large-frame-size = 16MiB\n"
                        + "tidemark.engine.write.max-shard-part-bytes = 1MiB"))).isEqualTo(1L << 20);
        assertThat(ShardPartCut.maxPartBytes(ConfigFactory.load())).as("the module's default").isEqualTo(
                (long) (ConfigFactory.load().getBytes("pekko.remote.artery.advanced.maximum-large-frame-size") * 0.75));
        assertThatThrownBy(() -> ShardPartCut.maxPartBytes(ConfigFactory.parseString(
                "tidemark.engine.write.max-shard-part-bytes = 100"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 KiB, bytes=100");
    }

    /** A row as its series, time, version and every column's presence and value. */
    private static String row(WriteBatch batch, int r) {
        StringBuilder out = new StringBuilder().append(batch.series(batch.seriesIndex(r))).append('@')
                .append(batch.timeNanos(r)).append('v').append(batch.version(r));
        for (ValueColumn column : batch.columns()) {
            out.append(' ').append(column.name()).append('=');
            if (!column.isPresent(r)) {
                out.append('-');
            } else if (column.type() == MeasureType.DOUBLE) {
                out.append(column.doubleAt(r));
            } else if (column.type() == MeasureType.VARCHAR) {
                out.append(column.stringAt(r));
            } else {
                out.append(column.booleanAt(r));
            }
        }
        return out.toString();
    }

    private static List<Integer> boxed(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
