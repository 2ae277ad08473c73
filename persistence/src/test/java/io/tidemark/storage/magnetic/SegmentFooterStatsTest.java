package io.tidemark.storage.magnetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.chunk.ChunkStats;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.ColumnStats;
import io.tidemark.storage.model.MeasureType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Column stats in the footer use the chunk header's stats encoding, with the same bounds. */
class SegmentFooterStatsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final long START = MagneticLayout.partitionStartNanos(DAY);
    private static final SegmentHeader HEADER = new SegmentHeader("t", 1, 0, START,
            MagneticLayout.partitionEndNanos(DAY), 0);
    private static final Path FILE = Path.of("segment.tmk");
    private static final long BLOCKS_START = 100;
    /** The dictionary's string table, for column names. */
    private static final String[] NAMES = {"d", "n", "ok"};

    private static byte[] footerOf(ColumnSpec column, ColumnStats stats) {
        BlockRef block = new BlockRef(0, BLOCKS_START, 10, 2, START, START + 1, List.of(column),
                new ChunkStats(2, START, START + 1, List.of(stats)));
        return SegmentFooter.encode(new long[0], List.of(List.of(block)), START, name -> Arrays.asList(NAMES).indexOf(name));
    }

    private static SegmentFooter decode(byte[] footer) {
        return SegmentFooter.decode(footer, FILE, BLOCKS_START + 10, 1, BLOCKS_START, HEADER, NAMES);
    }

    @Test
    void booleanStatsAreUvarintsAsInAChunkHeader() {
        byte[] footer = footerOf(new ColumnSpec("ok", MeasureType.BOOLEAN), new ColumnStats.BooleanStats(2, 1));

        // series count, replaced count, block count, length, count, gap, span, column count, type, name id:
        // then the stats.
        int statsAt = 10;
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(footer, statsAt, footer.length))).isEqualTo("0201");
        assertThat(decode(footer).blocks.get(0).stats().column(0)).isEqualTo(new ColumnStats.BooleanStats(2, 1));
    }

    @Test
    void longStatsKeepTheOverflowFlagAndBigEndianFields() {
        ColumnStats stats = new ColumnStats.LongStats(2, -1, 7, 6, true, 7, -1);
        byte[] footer = footerOf(new ColumnSpec("n", MeasureType.BIGINT), stats);

        int statsAt = 10;
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(footer, statsAt, statsAt + 10))).isEqualTo("0201ffffffffffffffff");
        assertThat(decode(footer).blocks.get(0).stats().column(0)).isEqualTo(stats);
    }

    @Test
    void refusesANonNullCountAboveTheBlockCount() {
        byte[] footer = footerOf(new ColumnSpec("ok", MeasureType.BOOLEAN), new ColumnStats.BooleanStats(2, 1));
        footer[footer.length - 2] = 3;

        assertThatThrownBy(() -> decode(footer))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("invalid column stats: type=BOOLEAN, count=2")
                .hasMessageContaining("non-null count");
    }

    @Test
    void refusesATrueCountAboveTheNonNullCount() {
        byte[] footer = footerOf(new ColumnSpec("ok", MeasureType.BOOLEAN), new ColumnStats.BooleanStats(2, 1));
        footer[footer.length - 1] = 3;

        assertThatThrownBy(() -> decode(footer))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("true count");
    }

    @Test
    void refusesTruncatedStats() {
        byte[] footer = footerOf(new ColumnSpec("d", MeasureType.DOUBLE),
                new ColumnStats.DoubleStats(2, 1, 2, 3, 1, 2));

        assertThatThrownBy(() -> decode(Arrays.copyOf(footer, footer.length - 1)))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("invalid column stats: type=DOUBLE");
    }
}
