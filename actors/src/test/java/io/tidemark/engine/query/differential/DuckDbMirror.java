package io.tidemark.engine.query.differential;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * The reference engine: an in-memory DuckDB holding the same rows as Tidemark, in tables of the
 * same names (schema {@value DataSet#DATABASE}) and column names, whose results come back as
 * {@link SqlRows} in the common representation.
 */
public final class DuckDbMirror implements AutoCloseable {

    private final Connection connection;

    private DuckDbMirror(Connection connection) {
        this.connection = connection;
    }

    public static DuckDbMirror open() {
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads = 1");
                statement.execute("CREATE SCHEMA " + DataSet.DATABASE);
            }
            return new DuckDbMirror(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB in memory", e);
        }
    }

    public void create(TableShape shape) {
        StringJoiner columns = new StringJoiner(", ");
        for (TableShape.Column column : shape.columns()) {
            columns.add(quote(column.name()) + " " + column.duckType());
        }
        execute("CREATE TABLE " + DataSet.DATABASE + "." + shape.name() + " (" + columns + ")");
    }

    /** Inserts the rows, a NULL for every column a row does not carry. */
    public void insert(TableShape shape, List<DataRow> rows) {
        StringJoiner marks = new StringJoiner(", ");
        shape.columns().forEach(c -> marks.add("?"));
        String sql = "INSERT INTO " + DataSet.DATABASE + "." + shape.name() + " VALUES (" + marks + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (DataRow row : rows) {
                for (int c = 0; c < shape.columns().size(); c++) {
                    insert.setObject(c + 1, valueOf(row, shape.columns().get(c).name()));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert into DuckDB: table=" + shape.name(), e);
        }
    }

    public SqlRows query(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            List<String> names = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                names.add(meta.getColumnLabel(c));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>(names.size());
                for (int c = 1; c <= names.size(); c++) {
                    row.add(read(result, c, meta.getColumnType(c)));
                }
                rows.add(row);
            }
            return new SqlRows(names, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB rejected the reference query: " + sql + "\n" + e.getMessage(), e);
        }
    }

    private static Object read(ResultSet result, int column, int sqlType) throws SQLException {
        if (sqlType == Types.TIMESTAMP) {
            LocalDateTime time = result.getObject(column, LocalDateTime.class);
            return time == null ? null : nanos(time);
        }
        if (sqlType == Types.DATE) {
            LocalDate date = result.getObject(column, LocalDate.class);
            return date == null ? null : date.toEpochDay();
        }
        return convert(result.getObject(column));
    }

    private static Object convert(Object value) throws SQLException {
        if (value instanceof Array array) {
            Object[] elements = (Object[]) array.getArray();
            List<Object> list = new ArrayList<>(elements.length);
            for (Object element : elements) {
                list.add(convert(element));
            }
            return list;
        }
        if (value instanceof Struct struct) {
            return convert(Arrays.asList(struct.getAttributes()));
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(convert(element));
            }
            return out;
        }
        if (value instanceof LocalDateTime time) {
            return nanos(time);
        }
        if (value instanceof java.sql.Timestamp time) {
            return nanos(time.toLocalDateTime());
        }
        return SqlRows.normalize(value);
    }

    private static long nanos(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + time.getNano();
    }

    private static Object valueOf(DataRow row, String column) {
        if (column.equals("measure_name")) {
            return row.measureName();
        }
        if (column.equals("time")) {
            long micros = row.timeMicros();
            return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
        }
        if (row.dimensions().containsKey(column)) {
            return row.dimensions().get(column);
        }
        return row.values().get(column);
    }

    private void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB rejected: " + sql, e);
        }
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB", e);
        }
    }
}
