package io.tidemark.http.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tidemark.engine.query.QueryService.QueryResult;
import io.tidemark.engine.query.QueryService.QueryStatus;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.http.wire.WireJson;
import io.tidemark.http.wire.query.ResultJson;
import io.tidemark.sql.analyzer.OutputColumn;
import java.io.IOException;

/**
 * {@code application/json}: {@code {"queryId", "columns": [{"name", "type"}], "rows": [[Datum …] …],
 * "queryStatus"}}. Types and values are written exactly as the Query API writes its ColumnInfo
 * types and its rows' Data ({@link ResultJson}): each value a Datum ({@code {"ScalarValue": "1"}},
 * {@code {"NullValue": true}}, {@code ArrayValue}, {@code RowValue}, {@code TimeSeriesValue}), so
 * a client that reads Query pages reads these rows too. One generator writes the whole document;
 * its state carries over from chunk to chunk.
 */
final class JsonResultRenderer extends ResultRenderer {

    private final JsonGenerator gen;

    JsonResultRenderer(QueryResult result) {
        super(result);
        try {
            this.gen = WireJson.MAPPER.getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a JSON generator over memory", e);
        }
    }

    @Override
    protected void writeHead() throws IOException {
        gen.writeStartObject();
        gen.writeStringField("queryId", result.queryId());
        gen.writeArrayFieldStart("columns");
        for (OutputColumn column : result.columns()) {
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
    protected void writeRow(int row) throws IOException {
        Batch rows = result.rows();
        gen.writeStartArray();
        for (int c = 0; c < rows.columnCount(); c++) {
            ResultJson.writeCell(gen, rows.column(c), row);
        }
        gen.writeEndArray();
    }

    @Override
    protected void writeTail() throws IOException {
        gen.writeEndArray();
        QueryStatus status = result.status();
        gen.writeObjectFieldStart("queryStatus");
        gen.writeNumberField("progressPercentage", status.progressPercentage());
        gen.writeNumberField("cumulativeBytesScanned", status.cumulativeBytesScanned());
        gen.writeNumberField("cumulativeBytesMetered", status.cumulativeBytesMetered());
        gen.writeEndObject();
        gen.writeEndObject();
    }

    @Override
    protected void flush() throws IOException {
        gen.flush();
    }
}
