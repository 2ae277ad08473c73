package io.tidemark.http.lineprotocol;

import io.tidemark.engine.Engine;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.write.IngestBatch;
import io.tidemark.engine.write.RejectedRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One line-protocol request body on its way into the engine: scanned line by line straight into
 * one {@link IngestBatch} per measurement (table), then written. A line is one multi-measure
 * record: measure name = measurement, tags = dimensions, fields = attributes, version = the
 * request's server time in milliseconds (so a point written again later replaces the earlier one,
 * as in InfluxDB). Line numbers (1-based) are the records' indexes, so every rejection names its line.
 *
 * <p>A series is resolved once per request through a table keyed by its bytes in the body; a new
 * one goes through the node-wide {@link SeriesCache}. When a line names a table that does not
 * exist, {@link #scan()} stops before that line and returns the measurement; the caller creates
 * the table (or refuses it with {@link #tableUnavailable}) and calls {@code scan()} again. Not
 * thread-safe; one request at a time.
 */
final class LineProtocolWrite {

    private static final int NO_SERIES = -1;

    private final Engine engine;
    private final String database;
    private final long nanosPerUnit;
    private final long nowMillis;
    private final long nowNanos;
    private final SeriesCache cache;
    private final byte[] body;
    private final int limit;

    private final ParsedLine line = new ParsedLine();
    private final ByteRangeTable seriesIds;
    /** Per request series id: the index of its table in {@link #tables}, and its batch handle (-1: refused). */
    private int[] seriesTable = new int[64];
    private int[] seriesHandle = new int[64];
    private final List<String> seriesRefusal = new ArrayList<>();
    private final Map<String, Integer> tableIndex = new HashMap<>();
    private final List<TableLines> tables = new ArrayList<>();
    private final List<LineRejection> rejections = new ArrayList<>();
    private final String[] why = new String[1];
    private int[] slots = new int[16];

    private int position;
    private int lineNumber;
    /** The measurement whose missing table stopped the last {@link #scan()}. */
    private String missingTable;
    private boolean anyTableFound;

    LineProtocolWrite(Engine engine, String database, Precision precision, long nowMillis, SeriesCache cache,
            byte[] body, int length) {
        this.engine = engine;
        this.database = database;
        this.nanosPerUnit = precision.nanosPerUnit();
        this.nowMillis = nowMillis;
        this.nowNanos = Math.multiplyExact(nowMillis, 1_000_000L);
        this.cache = cache;
        this.body = body;
        this.limit = length;
        this.seriesIds = new ByteRangeTable(body, 256);
    }

    /**
     * Scans from where the last call stopped.
     *
     * @return null when the whole body is scanned; else a measurement whose table does not exist
     *     (the scan stopped before the line naming it)
     */
    String scan() {
        missingTable = null;
        while (position < limit) {
            if (!scanLine()) {
                return missingTable;
            }
        }
        return null;
    }

    /**
     * Scans the line at {@link #position} into its batch, out of {@link #scan()}'s loop: called once
     * per line, it is compiled whole early in a fresh server, so the compiles of that loop (on the
     * stack of a long body) stay small.
     *
     * @return false when the line names a table that does not exist ({@link #missingTable}); the
     *     line is left for the next scan
     */
    private boolean scanLine() {
        int lineStart = position;
        int next = LineScanner.scan(body, lineStart, limit, line);
        int number = lineNumber + 1;
        if (line.kind == ParsedLine.POINT) {
            int series = seriesIds.get(line.seriesStart, line.seriesEnd, line.seriesHash);
            if (series == ByteRangeTable.ABSENT) {
                series = newSeries(number, lineStart, next);
            }
            if (series >= 0) {
                add(number, series);
            } else if (missingTable != null) {
                return false;
            }
        } else if (line.kind == ParsedLine.ERROR) {
            reject(number, "unable to parse: column " + line.errorColumn + ": " + line.error);
        }
        advance(next);
        return true;
    }

    /**
     * Resolves the series of a line whose series this request has not seen yet, and checks every
     * field of the line: the first line of a table is one, so the shape {@link #add} compares lines
     * with is set here, off its path, and a fresh server's compiled {@code add} does not meet a line
     * without a shape at each request's start. A line of the shape already set passes as it would
     * in {@code add}: only a new shape looks its fields up one by one, so that lookup stays cold
     * (not compiled at each new series of every request).
     *
     * @return the series; or {@link #NO_SERIES} when the line was rejected, or when its table does
     *     not exist ({@link #missingTable} set)
     */
    private int newSeries(int number, int lineStart, int lineEnd) {
        SeriesSection section = cache.section(body, line.seriesStart, line.seriesEnd, line.seriesHash);
        if (!section.isValid()) {
            reject(number, "unable to parse: column " + (line.seriesStart - lineStart + section.errorOffset() + 1)
                    + ": " + section.error());
            return NO_SERIES;
        }
        Integer table = tableIndex.get(section.measurement());
        if (table == null) {
            if (!openTable(section.measurement(), lineEnd - lineStart)) {
                missingTable = section.measurement();
                return NO_SERIES;
            }
            table = tableIndex.get(section.measurement());
        }
        int series = addSeries(table, section);
        TableLines t = tables.get(table);
        boolean refused = t.batch == null || seriesHandle[series] < 0;
        return refused || t.sameShape(body, line) != null || checkFields(t, number) != null ? series : NO_SERIES;
    }

    /** Refuses every line of {@code measurement} with {@code reason} (its table cannot be written). */
    void tableUnavailable(String measurement, String reason) {
        tableIndex.put(measurement, tables.size());
        tables.add(TableLines.refused(measurement, reason));
    }

    /** True once a line named a table that exists (so the database does too). */
    boolean foundTable() {
        return anyTableFound;
    }

    /** Writes every batch; completes when they are durable, with the rejected lines sorted by line number. */
    CompletionStage<List<LineRejection>> write() {
        List<CompletableFuture<List<LineRejection>>> written = new ArrayList<>();
        for (TableLines t : tables) {
            if (t.batch == null) {
                continue;
            }
            if (t.batch.rowCount() == 0) {
                written.add(CompletableFuture.completedFuture(toLines(t.batch.rejections())));
            } else {
                int[] accepted = t.acceptedLines();
                written.add(engine.write(t.batch).thenApply(outcome -> toLines(outcome.rejected()))
                        .exceptionally(failure -> refuseAll(failure, accepted, t))
                        .toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<LineRejection> all = new ArrayList<>(rejections);
            for (CompletableFuture<List<LineRejection>> w : written) {
                all.addAll(w.join());
            }
            all.sort(null);
            return all;
        });
    }

    private void add(int number, int series) {
        TableLines t = tables.get(seriesTable[series]);
        if (t.batch == null) {
            reject(number, t.refusal);
            return;
        }
        int handle = seriesHandle[series];
        if (handle < 0) {
            reject(number, seriesRefusal.get(series));
            return;
        }
        int fields = line.fieldCount;
        int[] columns = t.sameShape(body, line);
        if (columns == null) {
            columns = checkFields(t, number);
            if (columns == null) {
                return;
            }
        }
        long timeNanos = nowNanos;
        if (line.hasTime) {
            timeNanos = line.time * nanosPerUnit;
            if (Math.multiplyHigh(line.time, nanosPerUnit) != (timeNanos >> 63)) {
                reject(number, "unable to parse: timestamp " + line.time + " out of range in its precision");
                return;
            }
        }
        IngestBatch batch = t.batch;
        if (!batch.addRow(handle, timeNanos, nowMillis, number)) {
            return;
        }
        t.accepted(number);
        for (int f = 0; f < fields; f++) {
            int column = columns[f];
            switch (line.type[f]) {
                case ParsedLine.FLOAT:
                    batch.setDouble(column, line.doubleValue(f));
                    break;
                case ParsedLine.INTEGER:
                case ParsedLine.UNSIGNED:
                    batch.setLong(column, line.value[f]);
                    break;
                case ParsedLine.BOOLEAN:
                    batch.setBoolean(column, line.value[f] != 0);
                    break;
                default:
                    batch.setString(column, EscapedText.decode(body, line.textStart[f], line.textEnd[f],
                            EscapedText.STRING));
                    break;
            }
        }
    }

    /**
     * Finds (or declares) the slot of each field of the line and checks it: not refused, of the
     * value's type, once in the line.
     *
     * @return the batch column of each field; null when the line was rejected
     */
    private int[] checkFields(TableLines t, int number) {
        int fields = line.fieldCount;
        if (slots.length < fields) {
            slots = new int[fields * 2];
        }
        for (int f = 0; f < fields; f++) {
            int slot = t.fieldSlot(body, line, f);
            String refused = t.refusal(slot);
            if (refused != null) {
                reject(number, refused);
                return null;
            }
            if (t.type(slot) != TableLines.measureType(line.type[f])) {
                reject(number, t.conflict(slot, line.type[f]));
                return null;
            }
            if (!t.useOnce(slot, number)) {
                reject(number, "unable to parse: duplicate field key " + t.fieldName(slot));
                return null;
            }
            slots[f] = slot;
        }
        return t.passed(line, slots);
    }

    /**
     * Opens the batch of an existing table, sized for the rest of the body from the length of the
     * line naming it ({@code lineLength}); false when the table does not exist (yet).
     */
    private boolean openTable(String measurement, int lineLength) {
        Optional<TableDescription> table = engine.catalog().table(database, measurement);
        if (table.isEmpty()) {
            return false;
        }
        anyTableFound = true;
        TableLines lines;
        try {
            // The lines of a body are about as long as each other: room for a quarter more than the rest of the
            // body holds in lines as long as this one (a bound from its shortest possible form made room for,
            // zeroed and then trimmed away about twice the rows a body holds). A batch that outgrows it grows.
            int bodyLines = (limit - line.lineStart) / Math.max(1, lineLength);
            int expected = Math.min(1 << 20, bodyLines + bodyLines / 4);
            IngestBatch batch = engine.newBatch(database, measurement, expected);
            lines = TableLines.of(measurement, batch, engine.catalog().schema(table.get().tableId()), body);
        } catch (EngineException e) {
            lines = TableLines.refused(measurement, e.getMessage());
        }
        tableIndex.put(measurement, tables.size());
        tables.add(lines);
        return true;
    }

    private int addSeries(int table, SeriesSection section) {
        int id = seriesRefusal.size();
        if (id == seriesTable.length) {
            seriesTable = Arrays.copyOf(seriesTable, id * 2);
            seriesHandle = Arrays.copyOf(seriesHandle, id * 2);
        }
        TableLines t = tables.get(table);
        seriesTable[id] = table;
        String refused = null;
        int handle = -1;
        if (t.batch != null) {
            try {
                handle = t.series(section.key(), why);
                refused = handle < 0 ? why[0] : null;
            } catch (EngineException e) {
                refused = "schema conflict: " + e.getMessage();
            }
        }
        seriesHandle[id] = handle;
        seriesRefusal.add(refused);
        seriesIds.put(line.seriesStart, line.seriesEnd, line.seriesHash, id);
        return id;
    }

    /** Moves past a line; a string field value spanning lines counts its newlines as lines too. */
    private void advance(int next) {
        position = next;
        lineNumber += 1 + line.newlinesInStrings;
    }

    private void reject(int number, String reason) {
        rejections.add(new LineRejection(number, reason));
    }

    private static List<LineRejection> toLines(List<RejectedRecord> rejected) {
        List<LineRejection> lines = new ArrayList<>(rejected.size());
        for (RejectedRecord r : rejected) {
            lines.add(new LineRejection(r.recordIndex(), r.reason()));
        }
        return lines;
    }

    /** A batch the engine refused as a whole for its names: each of its lines is reported; other failures fail the request. */
    private static List<LineRejection> refuseAll(Throwable failure, int[] accepted, TableLines t) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (!(cause instanceof EngineException) || ((EngineException) cause).kind() != ErrorKind.VALIDATION) {
            throw failure instanceof CompletionException ? (CompletionException) failure
                    : new CompletionException(failure);
        }
        List<LineRejection> lines = new ArrayList<>(accepted.length);
        for (int number : accepted) {
            lines.add(new LineRejection(number, "schema conflict: " + cause.getMessage()));
        }
        lines.addAll(toLines(t.batch.rejections()));
        return lines;
    }
}
