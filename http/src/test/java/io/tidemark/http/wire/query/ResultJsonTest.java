package io.tidemark.http.wire.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.http.wire.WireJson;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON a result is written as, byte for byte: every Type and Datum form of Timestream's model. */
class ResultJsonTest {

    @Test
    void primitiveColumnsAreScalarTypesWithTimestreamTextAndNullValues() throws Exception {
        List<OutputColumn> columns = List.of(new OutputColumn("n", PrimitiveType.BIGINT),
                new OutputColumn("t", PrimitiveType.TIMESTAMP), new OutputColumn("d", PrimitiveType.DOUBLE),
                new OutputColumn("b", PrimitiveType.BOOLEAN), new OutputColumn("s", PrimitiveType.VARCHAR),
                new OutputColumn("ym", PrimitiveType.INTERVAL_YEAR_TO_MONTH));
        Batch rows = new Batch(List.of(
                Vector.ofLongs(PrimitiveType.BIGINT, new long[] {-5, 0}, new boolean[] {false, true}, 2),
                Vector.ofLongs(PrimitiveType.TIMESTAMP, new long[] {1_657_215_752_939_000_000L, 0}, null, 2),
                Vector.ofDoubles(PrimitiveType.DOUBLE, new double[] {35.0, 1e-5}, null, 2),
                Vector.ofBooleans(PrimitiveType.BOOLEAN, new boolean[] {true, false}, null, 2),
                Vector.ofObjects(PrimitiveType.VARCHAR, new Object[] {"a\"b", null}, 2),
                Vector.ofLongs(PrimitiveType.INTERVAL_YEAR_TO_MONTH, new long[] {50, -1}, null, 2)), 2);

        assertThat(json(columns, rows)).isEqualTo("{\"Rows\":["
                + "{\"Data\":[{\"ScalarValue\":\"-5\"},{\"ScalarValue\":\"2022-07-07 17:42:32.939000000\"},"
                + "{\"ScalarValue\":\"35.0\"},{\"ScalarValue\":\"true\"},{\"ScalarValue\":\"a\\\"b\"},"
                + "{\"ScalarValue\":\"4-2\"}]},"
                + "{\"Data\":[{\"NullValue\":true},{\"ScalarValue\":\"1970-01-01 00:00:00.000000000\"},"
                + "{\"ScalarValue\":\"1.0E-5\"},{\"ScalarValue\":\"false\"},{\"NullValue\":true},"
                + "{\"ScalarValue\":\"-0-1\"}]}],"
                + "\"ColumnInfo\":[{\"Name\":\"n\",\"Type\":{\"ScalarType\":\"BIGINT\"}},"
                + "{\"Name\":\"t\",\"Type\":{\"ScalarType\":\"TIMESTAMP\"}},"
                + "{\"Name\":\"d\",\"Type\":{\"ScalarType\":\"DOUBLE\"}},"
                + "{\"Name\":\"b\",\"Type\":{\"ScalarType\":\"BOOLEAN\"}},"
                + "{\"Name\":\"s\",\"Type\":{\"ScalarType\":\"VARCHAR\"}},"
                + "{\"Name\":\"ym\",\"Type\":{\"ScalarType\":\"INTERVAL_YEAR_TO_MONTH\"}}]}");
    }

    @Test
    void arraysRowsTimeseriesAndMapsNestTheirDatums() throws Exception {
        ArrayType array = new ArrayType(PrimitiveType.BIGINT);
        RowType row = new RowType(List.of(RowType.Field.named("x", PrimitiveType.VARCHAR),
                RowType.Field.anonymous(PrimitiveType.DOUBLE)));
        TimeSeriesType series = new TimeSeriesType(PrimitiveType.DOUBLE);
        MapType map = new MapType(PrimitiveType.VARCHAR, PrimitiveType.BIGINT);
        Map<Object, Object> entries = new LinkedHashMap<>();
        entries.put("k", 1L);
        entries.put("z", null);
        Batch rows = new Batch(List.of(
                Vector.ofObjects(array, new Object[] {Arrays.asList(1L, null)}, 1),
                Vector.ofObjects(row, new Object[] {Arrays.asList("v", 2.5)}, 1),
                Vector.ofObjects(series, new Object[] {List.of(List.of(0L, 35.0), List.of(1_000_000_000L, 36.5))}, 1),
                Vector.ofObjects(map, new Object[] {entries}, 1)), 1);
        List<OutputColumn> columns = List.of(new OutputColumn("a", array), new OutputColumn("r", row),
                new OutputColumn("ts", series), new OutputColumn("m", map));

        assertThat(json(columns, rows)).isEqualTo("{\"Rows\":[{\"Data\":["
                + "{\"ArrayValue\":[{\"ScalarValue\":\"1\"},{\"NullValue\":true}]},"
                + "{\"RowValue\":{\"Data\":[{\"ScalarValue\":\"v\"},{\"ScalarValue\":\"2.5\"}]}},"
                + "{\"TimeSeriesValue\":[{\"Time\":\"1970-01-01 00:00:00.000000000\",\"Value\":{\"ScalarValue\":\"35.0\"}},"
                + "{\"Time\":\"1970-01-01 00:00:01.000000000\",\"Value\":{\"ScalarValue\":\"36.5\"}}]},"
                + "{\"ArrayValue\":[{\"RowValue\":{\"Data\":[{\"ScalarValue\":\"k\"},{\"ScalarValue\":\"1\"}]}},"
                + "{\"RowValue\":{\"Data\":[{\"ScalarValue\":\"z\"},{\"NullValue\":true}]}}]}]}],"
                + "\"ColumnInfo\":["
                + "{\"Name\":\"a\",\"Type\":{\"ArrayColumnInfo\":{\"Type\":{\"ScalarType\":\"BIGINT\"}}}},"
                + "{\"Name\":\"r\",\"Type\":{\"RowColumnInfo\":[{\"Name\":\"x\",\"Type\":{\"ScalarType\":\"VARCHAR\"}},"
                + "{\"Type\":{\"ScalarType\":\"DOUBLE\"}}]}},"
                + "{\"Name\":\"ts\",\"Type\":{\"TimeSeriesMeasureValueColumnInfo\":{\"Type\":{\"ScalarType\":\"DOUBLE\"}}}},"
                + "{\"Name\":\"m\",\"Type\":{\"ArrayColumnInfo\":{\"Type\":{\"RowColumnInfo\":["
                + "{\"Name\":\"key\",\"Type\":{\"ScalarType\":\"VARCHAR\"}},"
                + "{\"Name\":\"value\",\"Type\":{\"ScalarType\":\"BIGINT\"}}]}}}}]}");
    }

    @Test
    void anEmptyPageHasEmptyRows() throws Exception {
        List<OutputColumn> columns = List.of(new OutputColumn("x", PrimitiveType.UNKNOWN));
        assertThat(json(columns, Batch.empty(List.of(PrimitiveType.UNKNOWN))))
                .isEqualTo("{\"Rows\":[],\"ColumnInfo\":[{\"Name\":\"x\",\"Type\":{\"ScalarType\":\"UNKNOWN\"}}]}");
    }

    /** The two members as the front door serializes an operation's output. */
    private static String json(List<OutputColumn> columns, Batch rows) throws Exception {
        ObjectNode out = WireJson.object();
        out.putPOJO("Rows", ResultJson.rows(rows));
        out.putPOJO("ColumnInfo", ResultJson.columnInfo(columns));
        return WireJson.MAPPER.writeValueAsString(out);
    }
}
