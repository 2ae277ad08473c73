package io.tidemark.storage.magnetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.chunk.ChunkStats;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.ColumnStats;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dictionary, footer and section framing on their own: sizes, round trips and structural checks. */
class SegmentIndexTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final long START = MagneticLayout.partitionStartNanos(DAY);
    private static final SegmentHeader HEADER = new SegmentHeader("t", 1, 0, START,
            MagneticLayout.partitionEndNanos(DAY), 0);
    private static final Path FILE = Path.of("segment.tmk");
    private static final long SECOND = 1_000_000_000L;

    /** 100 hosts with 10 tags each and 10 measures per host, as in the TSBS cpu-only data set. */
    private static List<SeriesKey> hosts() {
        List<SeriesKey> keys = new ArrayList<>();
        for (int h = 0; h < 100; h++) {
            List<Dimension> dims = new ArrayList<>();
            dims.add(new Dimension("hostname", "host_" + h));
            for (int t = 0; t < 9; t++) {
                dims.add(new Dimension("tag_" + t, "value_" + (h % (t + 2))));
            }
            for (int m = 0; m < 10; m++) {
                keys.add(SeriesKey.of(dims, "usage_" + m));
            }
        }
        keys.sort(null);
        return keys;
    }

    @Test
    void dictionaryStoresEachStringOnceAndSeriesAsIds() {
        List<SeriesKey> keys = hosts();
        SegmentDictionary dictionary = SegmentDictionary.of(keys, Set.of("value"));
        byte[] plain = dictionary.encode();
        byte[] section = SegmentSection.encode(plain);

        SegmentDictionary decoded = SegmentDictionary.decode(
                SegmentSection.decode(ByteBuffer.wrap(section), FILE, 0, "dictionary").plain(), FILE, 0);
        assertThat(decoded.series).containsExactlyElementsOf(keys);
        assertThat(decoded.strings).contains("hostname", "host_99", "usage_9", "value").doesNotHaveDuplicates();
        assertThat(section[0]).as("zstd folds the repeated ids").isEqualTo((byte) SegmentSection.ZSTD);
        assertThat(section.length).as("bytes per series").isLessThan(10 * keys.size());
    }

    @Test
    void sectionEncodingIdsAreFrozen() {
        assertThat(SegmentSection.RAW).isEqualTo(0);
        assertThat(SegmentSection.ZSTD).isEqualTo(1);
    }

    @Test
    void smallSectionsStayRaw() {
        byte[] section = SegmentSection.encode(new byte[] {1, 2, 3});
        assertThat(HexFormat.of().formatHex(section)).isEqualTo("000303010203");
    }

    @Test
    void refusesAStringIdOutsideTheTable() {
        byte[] plain = HexFormat.of().parseHex("01" + "0161" + "01" + "00" + "05");
        assertThatThrownBy(() -> SegmentDictionary.decode(plain, FILE, 80))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("string id out of range: series=0, id=5, strings=1");
    }

    @Test
    void refusesStringsOutOfOrder() {
        byte[] plain = HexFormat.of().parseHex("02" + "0162" + "0161" + "01" + "00" + "00");
        assertThatThrownBy(() -> SegmentDictionary.decode(plain, FILE, 80))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("dictionary strings not strictly ordered: index=1");
    }

    @Test
    void refusesACorruptZstdSection() {
        byte[] section = SegmentSection.encode(new byte[4096]);
        assertThat(section[0]).isEqualTo((byte) SegmentSection.ZSTD);
        section[section.length - 3] ^= 0x5A;
        assertThatThrownBy(() -> SegmentSection.decode(ByteBuffer.wrap(section), FILE, 70, "footer"))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("footer");
    }

    private static BlockRef block(long offset, int length, long minTime, long maxTime) {
        ColumnSpec spec = new ColumnSpec("value", MeasureType.DOUBLE);
        return new BlockRef(0, offset, length, 2, minTime, maxTime, List.of(spec), new ChunkStats(2, minTime, maxTime,
                List.of(new ColumnStats.DoubleStats(2, 1, 2, 3, 1, 2))));
    }

    private static SegmentFooter decode(byte[] plain, long footerOffset) {
        return SegmentFooter.decode(plain, FILE, footerOffset, 1, 100, HEADER, new String[] {"value"});
    }

    @Test
    void footerImpliesOffsetsAndStoresTimesAsDeltas() {
        List<BlockRef> blocks = List.of(block(100, 50, START, START + 10 * SECOND),
                block(150, 70, START + 20 * SECOND, START + 30 * SECOND));
        byte[] plain = SegmentFooter.encode(new long[] {7}, List.of(blocks), START, name -> 0);

        assertThat(decode(plain, 220).blocks).isEqualTo(blocks);
        assertThat(decode(plain, 220).replaces).containsExactly(7);
        assertThat(plain.length).as("two blocks, one double column each").isLessThan(2 * (41 + 20) + 12);
    }

    @Test
    void refusesBlocksThatDoNotFillTheBlockSection() {
        byte[] plain = SegmentFooter.encode(new long[0], List.of(List.of(block(100, 50, START, START))), START,
                name -> 0);
        assertThatThrownBy(() -> decode(plain, 151))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("blocks do not fill the block section: blocksEnd=150, footerOffset=151");
        assertThatThrownBy(() -> decode(plain, 149))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("block outside the block section");
    }

    @Test
    void refusesABlockEndingAfterThePartition() {
        long end = MagneticLayout.partitionEndNanos(DAY);
        byte[] plain = SegmentFooter.encode(new long[0], List.of(List.of(block(100, 50, START, end))), START,
                name -> 0);
        assertThatThrownBy(() -> decode(plain, 150))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("time range outside the partition");
    }
}
