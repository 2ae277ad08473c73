package io.tidemark.loadtest.drill;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The records the crash drill writes, each identifiable by itself: dimensions {@code writer}
 * ({@code w0}, {@code w1}, ...) and {@code cycle}, measure name {@value #MEASURE}, and four measures
 * that are all functions of the writer's sequence number {@code seq}, so a row read back tells
 * whether it is whole and correct: {@code seq} BIGINT, {@code half} DOUBLE ({@code seq / 2}),
 * {@code label} VARCHAR ({@code <writer>-<seq>}) and {@code even} BOOLEAN. The record's time is
 * {@code originMillis + seq} milliseconds, unique within the writer's series.
 */
public final class DrillRecords {

    public static final String MEASURE = "drill";
    /** The measures a whole record carries, in the order {@link #isWhole} expects them. */
    public static final List<String> MEASURES = List.of("seq", "half", "label", "even");

    private final String database;
    private final String table;
    private final long originMillis;

    public DrillRecords(String database, String table, long originMillis) {
        this.database = database;
        this.table = table;
        this.originMillis = originMillis;
    }

    public static String writerName(int writer) {
        return "w" + writer;
    }

    /** A WriteRecords body with the records {@code firstSeq .. firstSeq+count-1} of one writer in one cycle. */
    public byte[] body(int writer, int cycle, long firstSeq, int count) {
        String name = writerName(writer);
        StringBuilder json = new StringBuilder(200 + count * 420);
        json.append("{\"DatabaseName\":\"").append(database).append("\",\"TableName\":\"").append(table)
                .append("\",\"Records\":[");
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            if (seq > firstSeq) {
                json.append(',');
            }
            json.append("{\"Dimensions\":[{\"Name\":\"writer\",\"Value\":\"").append(name)
                    .append("\"},{\"Name\":\"cycle\",\"Value\":\"").append(cycle)
                    .append("\"}],\"MeasureName\":\"" + MEASURE + "\",\"MeasureValueType\":\"MULTI\",\"MeasureValues\":[")
                    .append("{\"Name\":\"seq\",\"Value\":\"").append(seq).append("\",\"Type\":\"BIGINT\"},")
                    .append("{\"Name\":\"half\",\"Value\":\"").append(seq / 2.0).append("\",\"Type\":\"DOUBLE\"},")
                    .append("{\"Name\":\"label\",\"Value\":\"").append(label(name, seq)).append("\",\"Type\":\"VARCHAR\"},")
                    .append("{\"Name\":\"even\",\"Value\":\"").append(seq % 2 == 0).append("\",\"Type\":\"BOOLEAN\"}]")
                    .append(",\"Time\":\"").append(originMillis + seq).append("\",\"TimeUnit\":\"MILLISECONDS\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String label(String writer, long seq) {
        return writer + "-" + seq;
    }

    /** The query that reads back every record of one cycle: writer, then the measures. */
    public String cycleQuery(int cycle) {
        return "SELECT writer, " + String.join(", ", MEASURES) + " FROM \"" + database + "\".\"" + table
                + "\" WHERE \"cycle\" = '" + cycle + "'";
    }

    /** The query that counts, per cycle and writer, the rows and the non-null values of each measure. */
    public String countsQuery() {
        StringBuilder sql = new StringBuilder("SELECT \"cycle\", writer, count(*)");
        for (String m : MEASURES) {
            sql.append(", count(").append(m).append(')');
        }
        return sql.append(" FROM \"").append(database).append("\".\"").append(table)
                .append("\" GROUP BY \"cycle\", writer").toString();
    }

    /**
     * Whether a row of {@link #cycleQuery} ({@code writer, seq, half, label, even}) is a whole,
     * correct record of {@code writer}: every measure present and consistent with its {@code seq}.
     */
    public static boolean isWhole(List<String> row) {
        if (row.size() != 1 + MEASURES.size() || row.contains(null)) {
            return false;
        }
        long seq;
        try {
            seq = Long.parseLong(row.get(1));
            return Double.parseDouble(row.get(2)) == seq / 2.0
                    && row.get(3).equals(label(row.get(0), seq))
                    && Boolean.parseBoolean(row.get(4)) == (seq % 2 == 0);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
