package io.tidemark.http.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tidemark.engine.query.QueryService.QueryStatus;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.http.wire.WireError;
import io.tidemark.http.wire.WireJson;
import io.tidemark.http.wire.query.ResultJson;
import io.tidemark.sql.analyzer.OutputColumn;
import java.io.IOException;
import java.util.List;

/**
 * {@code application/json}: {@code {"queryId", "columns": [{"name", "type"}], "rows": [[Datum …] …],
 * "queryStatus"}}. Types and values are written exactly as the Query API writes its ColumnInfo
 * types and its rows' Data ({@link ResultJson}): each value a Datum ({@code {"ScalarValue": "1"}},
 * {@code {"NullValue": true}}, {@code ArrayValue}, {@code RowValue}, {@code TimeSeriesValue}), so
 * a client that reads Query pages reads these rows too. One generator writes the whole document;
 * its state carries over from chunk to chunk. A failure after the rows have started ends the
 * document with {@code "error": {"type", "message"}} in place of {@code "queryStatus"}.
 */
final class JsonResultRenderer extends ResultRenderer {

    private final JsonGenerator gen;

    JsonResultRenderer(String queryId, List<OutputColumn> columns) {
        super(queryId, columns);
        try {
            this.gen = WireJson.MAPPER.getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a JSON generator over memory", e);
        }
    }

    @Override
    protected void writeHead() throws IOException {
        gen.writeStartObject();
        gen.writeStringField("queryId", queryId);
        gen.writeArrayFieldStart("columns");
        for (OutputColumn column : columns) {
            gen.writeStartObject();
            gen.writeStringField("name", column.name());
            gen.writeFieldName("type");
            ResultJson.writeType(gen, column.type());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("rows");
    }

    @Override
    protected void writeRow(Batch rows, int row) throws IOException {
        gen.writeStartArray();
        for (int c = 0; c < rows.columnCount(); c++) {
            ResultJson.writeCell(gen, rows.column(c), row);
        }
        gen.writeEndArray();
    }

    @Override
    protected void writeTail(QueryStatus status) throws IOException {
        gen.writeEndArray();
        gen.writeObjectFieldStart("queryStatus");
        gen.writeNumberField("progressPercentage", status.progressPercentage());
        gen.writeNumberField("cumulativeBytesScanned", status.cumulativeBytesScanned());
        gen.writeNumberField("cumulativeBytesMetered", status.cumulativeBytesMetered());
        gen.writeEndObject();
        gen.writeEndObject();
    }

    @Override
    protected boolean writeError(WireError error) throws IOException {
        gen.writeEndArray();
        gen.writeObjectFieldStart("error");
        gen.writeStringField("type", error.type());
        gen.writeStringField("message", error.message());
        gen.writeEndObject();
        gen.writeEndObject();
        return true;
    }

    @Override
    protected void flush() throws IOException {
        gen.flush();
    }
}
