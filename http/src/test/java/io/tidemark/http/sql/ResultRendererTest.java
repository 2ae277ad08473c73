package io.tidemark.http.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.query.QueryService.QueryStatus;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.http.wire.WireError;
import io.tidemark.http.wire.WireJson;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.type.PrimitiveType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * Rendering a result as its batches arrive: a large result comes out as many chunks of about
 * {@link ResultRenderer#CHUNK_BYTES} whatever its batches' sizes, which put together are exactly
 * the whole document, the head first; an empty result is the head and the tail; a failure after
 * the head ends a JSON document with an error member, while CSV has no trailer to offer.
 */
class ResultRendererTest {

    private static final int ROWS = 50_000;
    /** The bound of a chunk: the threshold, the writer's buffer and the (short) row that crossed it. */
    private static final int MAX_CHUNK = ResultRenderer.CHUNK_BYTES + ResultRenderer.WRITER_BUFFER_BYTES + 100;
    private static final QueryStatus STATUS = new QueryStatus(100.0, 123, 10_000_000);
    private static final List<OutputColumn> COLUMNS = List.of(new OutputColumn("id", PrimitiveType.BIGINT),
            new OutputColumn("name", PrimitiveType.VARCHAR));

    /** Rows {@code (i, "v<i>")} for i in [from, to), with every 7th name NULL. */
    private static Batch numbered(int from, int to) {
        int rows = to - from;
        long[] ids = new long[rows];
        Object[] names = new Object[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = from + i;
            names[i] = (from + i) % 7 == 0 ? null : "v" + (from + i);
        }
        return new Batch(List.of(Vector.ofLongs(PrimitiveType.BIGINT, ids, null, rows),
                Vector.ofObjects(PrimitiveType.VARCHAR, names, rows)), rows);
    }

    /** The rows {@code [0, rows)} in batches of {@code batchRows}, rendered whole: head, rows, tail. */
    private static List<ByteString> chunks(BiFunction<String, List<OutputColumn>, ResultRenderer> format, int rows,
            int batchRows) {
        ResultRenderer renderer = format.apply("q1", COLUMNS);
        List<ByteString> chunks = new ArrayList<>();
        chunks.add(renderer.head());
        for (int from = 0; from < rows; from += batchRows) {
            renderer.rows(numbered(from, Math.min(rows, from + batchRows))).forEachRemaining(chunks::add);
        }
        chunks.add(renderer.tail(STATUS));
        return chunks;
    }

    private static String joined(List<ByteString> chunks) {
        StringBuilder out = new StringBuilder();
        chunks.forEach(chunk -> out.append(chunk.utf8String()));
        return out.toString();
    }

    @Test
    void aLargeCsvResultComesAsBoundedChunksThatMakeTheWholeDocument() {
        List<ByteString> chunks = chunks(CsvResultRenderer::new, ROWS, 7_000);

        StringBuilder expected = new StringBuilder("id,name\r\n");
        for (int i = 0; i < ROWS; i++) {
            expected.append(i).append(',').append(i % 7 == 0 ? "" : "v" + i).append("\r\n");
        }
        assertThat(joined(chunks)).isEqualTo(expected.toString());
        assertThat(chunks.get(0).utf8String()).as("the header goes out first, alone").isEqualTo("id,name\r\n");
        assertThat(chunks.size()).isGreaterThanOrEqualTo(expected.length() / MAX_CHUNK);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.size()).isLessThanOrEqualTo(MAX_CHUNK));
        assertThat(chunks.subList(1, chunks.size() - 1)).as("batch ends carry over into the next chunk")
                .allSatisfy(chunk -> assertThat(chunk.size()).isGreaterThanOrEqualTo(ResultRenderer.CHUNK_BYTES));
    }

    @Test
    void aLargeJsonResultComesAsBoundedChunksThatMakeOneDocument() throws Exception {
        List<ByteString> chunks = chunks(JsonResultRenderer::new, ROWS, 999);

        assertThat(chunks.size()).isGreaterThan(10);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.size()).isLessThanOrEqualTo(MAX_CHUNK));
        JsonNode document = WireJson.MAPPER.readTree(joined(chunks));
        assertThat(document.get("rows")).hasSize(ROWS);
        assertThat(document.get("rows").get(ROWS - 1).toString())
                .isEqualTo("[{\"ScalarValue\":\"" + (ROWS - 1) + "\"},{\"ScalarValue\":\"v" + (ROWS - 1) + "\"}]");
        assertThat(document.get("rows").get(7).get(1).toString()).isEqualTo("{\"NullValue\":true}");
        assertThat(document.get("queryStatus").get("cumulativeBytesScanned").asLong()).isEqualTo(123);
    }

    @Test
    void anEmptyResultIsTheHeadAndTheTail() {
        assertThat(joined(chunks(JsonResultRenderer::new, 0, 1))).isEqualTo("{\"queryId\":\"q1\",\"columns\":["
                + "{\"name\":\"id\",\"type\":{\"ScalarType\":\"BIGINT\"}},"
                + "{\"name\":\"name\",\"type\":{\"ScalarType\":\"VARCHAR\"}}],\"rows\":[],"
                + "\"queryStatus\":{\"progressPercentage\":100.0,\"cumulativeBytesScanned\":123,"
                + "\"cumulativeBytesMetered\":10000000}}");
        assertThat(joined(chunks(CsvResultRenderer::new, 0, 1))).isEqualTo("id,name\r\n");
    }

    @Test
    void aFailureAfterTheFirstRowsEndsAJsonDocumentWithTheErrorAndHasNoCsvTrailer() throws Exception {
        ResultRenderer json = new JsonResultRenderer("q1", COLUMNS);
        List<ByteString> chunks = new ArrayList<>(List.of(json.head()));
        json.rows(numbered(0, 3)).forEachRemaining(chunks::add);
        chunks.add(json.errorTrailer(WireError.validation("Query q1 exceeded its time limit")).orElseThrow());

        JsonNode document = WireJson.MAPPER.readTree(joined(chunks));
        assertThat(document.get("rows")).hasSize(3);
        assertThat(document.get("error").toString())
                .isEqualTo("{\"type\":\"ValidationException\",\"message\":\"Query q1 exceeded its time limit\"}");
        assertThat(document.has("queryStatus")).isFalse();

        ResultRenderer csv = new CsvResultRenderer("q1", COLUMNS);
        csv.head();
        csv.rows(numbered(0, 3)).forEachRemaining(chunk -> { });
        assertThat(csv.errorTrailer(WireError.validation("Query q1 exceeded its time limit"))).isEmpty();
    }
}
