package io.tidemark.http.sql;

import io.tidemark.engine.query.QueryService.QueryStatus;
import io.tidemark.engine.query.expression.ValueFormat;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.http.wire.WireError;
import io.tidemark.http.wire.query.ResultJson;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.type.PrimitiveType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code text/csv} as RFC 4180 has it: a header row of the column names, then one record per row,
 * fields separated by commas and records ended by CRLF. A field holding a comma, a double quote,
 * CR or LF is quoted, its quotes doubled. NULL is an empty field; an empty string is {@code ""}, so
 * the two stay apart. Values are the Query API's texts: scalars as its {@code ScalarValue}s, arrays,
 * maps, rows and timeseries in the text form {@code CAST(x AS varchar)} gives ({@code [1, 2]},
 * {@code {a=1}}, {@code {time=…, value=…}}). CSV has no place for an error after its rows have
 * started: such a response is aborted ({@link #writeError} declines), so a client sees a broken
 * transfer rather than a short file it could take for the whole result.
 */
final class CsvResultRenderer extends ResultRenderer {

    private final Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
            WRITER_BUFFER_BYTES);

    CsvResultRenderer(String queryId, List<OutputColumn> columns) {
        super(queryId, columns);
    }

    @Override
    protected void writeHead() throws IOException {
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                writer.write(',');
            }
            writeField(columns.get(c).name());
        }
        writer.write("\r\n");
    }

    @Override
    protected void writeRow(Batch rows, int row) throws IOException {
        for (int c = 0; c < rows.columnCount(); c++) {
            if (c > 0) {
                writer.write(',');
            }
            Vector column = rows.column(c);
            if (column.isNull(row)) {
                continue;
            }
            writeField(column.type() instanceof PrimitiveType
                    ? ResultJson.scalarText(column, row)
                    : ValueFormat.render(column.type(), column.getObject(row)));
        }
        writer.write("\r\n");
    }

    @Override
    protected void writeTail(QueryStatus status) {
        // CSV has no trailer: the last record's CRLF ends the document.
    }

    @Override
    protected boolean writeError(WireError error) {
        return false;
    }

    @Override
    protected void flush() throws IOException {
        writer.flush();
    }

    /** One non-null field, quoted when RFC 4180 requires it (and when empty, to tell it from NULL). */
    private void writeField(String text) throws IOException {
        if (!text.isEmpty() && !needsQuotes(text)) {
            writer.write(text);
            return;
        }
        writer.write('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                writer.write('"');
            }
            writer.write(ch);
        }
        writer.write('"');
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
                return true;
            }
        }
        return false;
    }
}
