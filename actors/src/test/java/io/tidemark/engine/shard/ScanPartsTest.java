package io.tidemark.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.MeasureType;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a scan answer for another node is cut into parts that each fit a remoting frame. */
class ScanPartsTest {

    private static SealedChunk chunk(int points) {
        OpenChunk open = new OpenChunk(List.of(new ColumnSpec(TestRows.VALUE, MeasureType.DOUBLE)));
        for (int i = 0; i < points; i++) {
            open.setDouble(0, open.append(TestRows.T0 + i * TestRows.SECOND, 1), Math.sqrt(i));
        }
        return open.seal();
    }

    /** Every (series, chunk) pair in order. */
    private static List<String> flatten(List<SeriesChunks> series) {
        List<String> out = new ArrayList<>();
        for (SeriesChunks s : series) {
            for (SealedChunk c : s.chunks()) {
                out.add(s.series() + "#" + System.identityHashCode(c));
            }
        }
        return out;
    }

    @Test
    void partsKeepEveryChunkInOrderAndStayWithinTheBudgetUnlessOneChunkIsLarger() {
        List<SeriesChunks> snapshot = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            List<SealedChunk> chunks = new ArrayList<>();
            for (int c = 0; c <= s % 4; c++) {
                chunks.add(chunk(50 + 40 * c + s));
            }
            snapshot.add(new SeriesChunks(TestRows.series("h" + s), chunks));
        }
        long budget = 3 * snapshot.get(5).chunks().get(0).bytes().length;

        Deque<List<SeriesChunks>> parts = ScanParts.cut(snapshot, budget);

        assertThat(parts).hasSizeGreaterThan(3);
        List<SeriesChunks> joined = new ArrayList<>();
        for (List<SeriesChunks> part : parts) {
            long bytes = part.stream().flatMap(s -> s.chunks().stream()).mapToLong(c -> c.bytes().length).sum();
            int chunks = part.stream().mapToInt(s -> s.chunks().size()).sum();
            assertThat(chunks).isPositive();
            assertThat(bytes <= budget || chunks == 1).as("part of %d bytes in %d chunks", bytes, chunks).isTrue();
            joined.addAll(part);
        }
        assertThat(flatten(joined)).isEqualTo(flatten(snapshot));
    }

    @Test
    void anAnswerThatFitsIsOnePartAndAnEmptyOneToo() {
        List<SeriesChunks> snapshot = List.of(new SeriesChunks(TestRows.series("a"), List.of(chunk(10), chunk(10))));
        assertThat(ScanParts.cut(snapshot, Long.MAX_VALUE)).containsExactly(snapshot);
        assertThat(ScanParts.cut(List.of(), 1)).containsExactly(List.of());
        // a chunk larger than the budget travels alone
        assertThat(ScanParts.cut(snapshot, 1)).hasSize(2);
    }
}
