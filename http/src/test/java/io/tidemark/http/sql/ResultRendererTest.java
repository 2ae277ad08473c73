package io.tidemark.http.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.query.QueryService.QueryStatus;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.http.wire.WireJson;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.type.PrimitiveType;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * Rendering a result a chunk at a time: a large result comes out as many chunks of about
 * {@link ResultRenderer#CHUNK_BYTES}, which put together are exactly the whole document; an empty
 * result is one chunk; a renderer is used up after its last chunk.
 */
class ResultRendererTest {

    private static final int ROWS = 50_000;
    /** The bound of a chunk: the threshold, the writer's buffer and the (short) row that crossed it. */
    private static final int MAX_CHUNK = ResultRenderer.CHUNK_BYTES + ResultRenderer.WRITER_BUFFER_BYTES + 100;
    private static final QueryStatus STATUS = new QueryStatus(100.0, 123, 10_000_000);

    /** Rows {@code (i, "v<i>")}, with every 7th name NULL. */
    private static QueryResult numbered(int rows) {
        long[] ids = new long[rows];
        Object[] names = new Object[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = i;
            names[i] = i % 7 == 0 ? null : "v" + i;
        }
        Batch batch = new Batch(List.of(Vector.ofLongs(PrimitiveType.BIGINT, ids, null, rows),
                Vector.ofObjects(PrimitiveType.VARCHAR, names, rows)), rows);
        return new QueryResult("q1", List.of(new OutputColumn("id", PrimitiveType.BIGINT),
                new OutputColumn("name", PrimitiveType.VARCHAR)), batch, STATUS);
    }

    private static List<ByteString> chunks(ResultRenderer renderer) {
        List<ByteString> chunks = new ArrayList<>();
        renderer.forEachRemaining(chunks::add);
        return chunks;
    }

    private static String joined(List<ByteString> chunks) {
        StringBuilder out = new StringBuilder();
        chunks.forEach(chunk -> out.append(chunk.utf8String()));
        return out.toString();
    }

    @Test
    void aLargeCsvResultComesAsBoundedChunksThatMakeTheWholeDocument() {
        List<ByteString> chunks = chunks(new CsvResultRenderer(numbered(ROWS)));

        StringBuilder expected = new StringBuilder("id,name\r\n");
        for (int i = 0; i < ROWS; i++) {
            expected.append(i).append(',').append(i % 7 == 0 ? "" : "v" + i).append("\r\n");
        }
        assertThat(joined(chunks)).isEqualTo(expected.toString());
        assertThat(chunks.size()).isGreaterThanOrEqualTo(expected.length() / MAX_CHUNK);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.size()).isLessThanOrEqualTo(MAX_CHUNK));
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(chunk -> assertThat(chunk.size()).isGreaterThanOrEqualTo(ResultRenderer.CHUNK_BYTES));
    }

    @Test
    void aLargeJsonResultComesAsBoundedChunksThatMakeOneDocument() throws Exception {
        List<ByteString> chunks = chunks(new JsonResultRenderer(numbered(ROWS)));

        assertThat(chunks.size()).isGreaterThan(10);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.size()).isLessThanOrEqualTo(MAX_CHUNK));
        JsonNode document = WireJson.MAPPER.readTree(joined(chunks));
        assertThat(document.get("rows")).hasSize(ROWS);
        assertThat(document.get("rows").get(ROWS - 1).toString())
                .isEqualTo("[{\"ScalarValue\":\"" + (ROWS - 1) + "\"},{\"ScalarValue\":\"v" + (ROWS - 1) + "\"}]");
        assertThat(document.get("rows").get(7).get(1).toString()).isEqualTo("{\"NullValue\":true}");
    }

    @Test
    void anEmptyResultIsOneChunkWithTheColumnsAndStatus() {
        List<ByteString> chunks = chunks(new JsonResultRenderer(numbered(0)));

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).utf8String()).isEqualTo("{\"queryId\":\"q1\",\"columns\":["
                + "{\"name\":\"id\",\"type\":{\"ScalarType\":\"BIGINT\"}},"
                + "{\"name\":\"name\",\"type\":{\"ScalarType\":\"VARCHAR\"}}],\"rows\":[],"
                + "\"queryStatus\":{\"progressPercentage\":100.0,\"cumulativeBytesScanned\":123,"
                + "\"cumulativeBytesMetered\":10000000}}");
        assertThat(joined(chunks(new CsvResultRenderer(numbered(0))))).isEqualTo("id,name\r\n");
    }

    @Test
    void aRendererIsUsedUpAfterItsLastChunk() {
        ResultRenderer renderer = new CsvResultRenderer(numbered(3));
        assertThat(renderer.next().utf8String()).isEqualTo("id,name\r\n0,\r\n1,v1\r\n2,v2\r\n");
        assertThat(renderer.hasNext()).isFalse();
        assertThatThrownBy(renderer::next).isInstanceOf(NoSuchElementException.class);
    }
}
