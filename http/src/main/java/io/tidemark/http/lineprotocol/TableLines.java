package io.tidemark.http.lineprotocol;

import io.tidemark.engine.catalog.CatalogRules;
import io.tidemark.engine.catalog.TableSchema;
import io.tidemark.engine.write.IngestBatch;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The lines of one request that go to one table (one measurement): its {@link IngestBatch}, and
 * what the request learnt about its names. Every line becomes one multi-measure record whose
 * measure name is the measurement, so the checks that would otherwise fail the whole batch at the
 * catalog (a field bound to another type, a name used both as tag and field, a reserved name) are
 * made here, once per distinct name, and refuse only the lines that carry it.
 */
final class TableLines {

    /** Timestream's limit on a dimension name, in UTF-8 bytes. */
    private static final int MAX_DIMENSION_NAME_BYTES = CatalogRules.MAX_DIMENSION_NAME_BYTES;

    final String measurement;
    /** Null when every line of the measurement is refused ({@link #refusal}). */
    final IngestBatch batch;
    final String refusal;

    private final TableSchema schema;
    /** Field key bytes → field slot. */
    private final ByteRangeTable fieldSlots;
    private final List<String> slotName = new ArrayList<>();
    private final List<String> slotRefusal = new ArrayList<>();
    private MeasureType[] slotType = new MeasureType[16];
    private int[] slotColumn = new int[16];
    /** The line number that last used each slot: a key twice in one line is refused. */
    private int[] slotLastLine = new int[16];
    /** Where each slot's key was first seen in the body. */
    private int[] slotKeyStart = new int[16];
    private int[] slotKeyEnd = new int[16];
    /** Field position in a line → the slot the previous line had there, or -1. */
    private int[] predicted = new int[0];
    /**
     * The last line whose fields all passed their checks, position by position: its value types,
     * slots and batch columns ({@link #sameShape}); {@code shapeFields} is -1 before any.
     */
    private int shapeFields = -1;
    private byte[] shapeTypes = new byte[0];
    private int[] shapeSlots = new int[0];
    private int[] shapeColumns = new int[0];
    private final Set<String> dimensionNames = new HashSet<>();
    private int[] acceptedLines = new int[64];
    private int acceptedCount;
    private final Set<String> fieldNames = new HashSet<>();

    private TableLines(String measurement, IngestBatch batch, String refusal, TableSchema schema, byte[] body) {
        this.measurement = measurement;
        this.batch = batch;
        this.refusal = refusal;
        this.schema = schema;
        this.fieldSlots = new ByteRangeTable(body, 16);
    }

    static TableLines of(String measurement, IngestBatch batch, TableSchema schema, byte[] body) {
        MeasureType bound = schema.measures().get(measurement);
        if (bound != null && bound != MeasureType.MULTI) {
            return refused(measurement, "schema conflict: measure name " + measurement + " of table " + measurement
                    + " holds " + bound + " single-measure records, line protocol writes multi-measure records");
        }
        return new TableLines(measurement, batch, null, schema, body);
    }

    static TableLines refused(String measurement, String reason) {
        return new TableLines(measurement, null, reason, TableSchema.EMPTY, new byte[0]);
    }

    /**
     * The batch's handle of a series of this measurement, or why its lines are refused.
     *
     * @return a handle (>= 0), or -1 with the reason in {@code why[0]}
     */
    int series(SeriesKey key, String[] why) {
        for (Dimension d : key.dimensions()) {
            String name = d.name();
            if (CatalogRules.isReservedRecordName(name)) {
                why[0] = "invalid tag key " + name + ": reserved (time, measure_name*, measure_value*, ts_* are system names)";
                return -1;
            }
            if (name.indexOf(':') >= 0) {
                why[0] = "invalid tag key " + name + ": contains a colon";
                return -1;
            }
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_DIMENSION_NAME_BYTES) {
                why[0] = "invalid tag key " + name + ": longer than " + MAX_DIMENSION_NAME_BYTES + " bytes";
                return -1;
            }
            if (fieldNames.contains(name) || schema.attributes().containsKey(name)
                    || schema.measures().containsKey(name)) {
                why[0] = "schema conflict: tag key " + name + " is a field of measurement " + measurement;
                return -1;
            }
        }
        for (Dimension d : key.dimensions()) {
            dimensionNames.add(d.name());
        }
        return batch.series(key, MeasureType.MULTI);
    }

    /**
     * The batch column of each field of {@code line} when it has the shape of the last line that
     * passed every field check ({@link #passed}): as many fields, the same keys in the same order,
     * values of the same types. Such a line passes them too (a slot's name, type and refusal never
     * change, and a shape has no key twice), so they are not made again. Null for any other line.
     */
    int[] sameShape(byte[] body, ParsedLine line) {
        int fields = line.fieldCount;
        if (fields != shapeFields) {
            return null;
        }
        for (int f = 0; f < fields; f++) {
            int slot = shapeSlots[f];
            if (line.type[f] != shapeTypes[f] || !sameBytes(body, slotKeyStart[slot], slotKeyEnd[slot],
                    line.keyStart[f], line.keyEnd[f])) {
                return null;
            }
        }
        return shapeColumns;
    }

    /**
     * Records that every field of {@code line} passed its checks, its slots in {@code slots}: the
     * shape {@link #sameShape} compares the next lines with.
     *
     * @return the batch column of each field
     */
    int[] passed(ParsedLine line, int[] slots) {
        int fields = line.fieldCount;
        if (shapeSlots.length < fields) {
            shapeTypes = new byte[fields];
            shapeSlots = new int[fields];
            shapeColumns = new int[fields];
        }
        for (int f = 0; f < fields; f++) {
            shapeTypes[f] = line.type[f];
            shapeSlots[f] = slots[f];
            shapeColumns[f] = slotColumn[slots[f]];
        }
        shapeFields = fields;
        return shapeColumns;
    }

    /** Whether {@code body[s, e)} holds the bytes of {@code body[start, end)}, compared eight at a time. */
    private static boolean sameBytes(byte[] body, int s, int e, int start, int end) {
        int n = e - s;
        if (n != end - start) {
            return false;
        }
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if (BodyWords.get(body, s + i) != BodyWords.get(body, start + i)) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (body[s + i] != body[start + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The slot of field {@code f} of {@code line}, declaring it on first use; its refusal, if any,
     * in {@link #refusal(int)}. Lines of one measurement usually list the same keys in the same
     * order, so the slot the previous line had at position {@code f} is tried first: its key's
     * bytes are compared in place, without hashing or probing the table.
     */
    int fieldSlot(byte[] body, ParsedLine line, int f) {
        int start = line.keyStart[f];
        int end = line.keyEnd[f];
        if (f < predicted.length) {
            int guess = predicted[f];
            if (guess >= 0 && sameBytes(body, slotKeyStart[guess], slotKeyEnd[guess], start, end)) {
                return guess;
            }
        } else {
            int old = predicted.length;
            predicted = Arrays.copyOf(predicted, Math.max(f + 1, old * 2));
            Arrays.fill(predicted, old, predicted.length, -1);
        }
        int hash = LineScanner.hash(body, start, end);
        int slot = fieldSlots.get(start, end, hash);
        if (slot == ByteRangeTable.ABSENT) {
            slot = declare(body, line, f, hash);
        }
        predicted[f] = slot;
        return slot;
    }

    private int declare(byte[] body, ParsedLine line, int f, int hash) {
        String name = EscapedText.decode(body, line.keyStart[f], line.keyEnd[f], EscapedText.KEY);
        MeasureType type = measureType(line.type[f]);
        int slot = slotName.size();
        if (slot == slotType.length) {
            slotType = Arrays.copyOf(slotType, slot * 2);
            slotColumn = Arrays.copyOf(slotColumn, slot * 2);
            slotLastLine = Arrays.copyOf(slotLastLine, slot * 2);
            slotKeyStart = Arrays.copyOf(slotKeyStart, slot * 2);
            slotKeyEnd = Arrays.copyOf(slotKeyEnd, slot * 2);
        }
        slotKeyStart[slot] = line.keyStart[f];
        slotKeyEnd[slot] = line.keyEnd[f];
        String refused = fieldRefusal(name);
        MeasureType bound = schema.attributes().get(name);
        if (bound != null) {
            type = bound;
        }
        slotName.add(name);
        slotRefusal.add(refused);
        slotType[slot] = type;
        slotColumn[slot] = refused == null ? batch.column(name, type) : -1;
        if (refused == null) {
            fieldNames.add(name);
        }
        fieldSlots.put(line.keyStart[f], line.keyEnd[f], hash, slot);
        return slot;
    }

    String fieldName(int slot) {
        return slotName.get(slot);
    }

    /** Records that {@code lineNumber} was added to the batch (reported line by line if the engine refuses the batch). */
    void accepted(int lineNumber) {
        if (acceptedCount == acceptedLines.length) {
            acceptedLines = Arrays.copyOf(acceptedLines, acceptedCount * 2);
        }
        acceptedLines[acceptedCount++] = lineNumber;
    }

    int[] acceptedLines() {
        return Arrays.copyOf(acceptedLines, acceptedCount);
    }

    String refusal(int slot) {
        return slotRefusal.get(slot);
    }

    MeasureType type(int slot) {
        return slotType[slot];
    }

    /** Marks the slot used by {@code lineNumber}; false when the line already used it. */
    boolean useOnce(int slot, int lineNumber) {
        if (slotLastLine[slot] == lineNumber) {
            return false;
        }
        slotLastLine[slot] = lineNumber;
        return true;
    }

    /** InfluxDB's wording for a value whose type differs from its field's. */
    String conflict(int slot, byte valueType) {
        return "field type conflict: input field \"" + slotName.get(slot) + "\" on measurement \"" + measurement
                + "\" is type " + ParsedLine.typeName(valueType) + ", already exists as type "
                + influxTypeName(slotType[slot]);
    }

    /** InfluxDB's name of the type a column holds. */
    private static String influxTypeName(MeasureType type) {
        switch (type) {
            case DOUBLE:
                return "float";
            case BIGINT:
                return "integer";
            case VARCHAR:
                return "string";
            default:
                return type.name().toLowerCase(Locale.ROOT);
        }
    }

    static MeasureType measureType(byte valueType) {
        switch (valueType) {
            case ParsedLine.FLOAT:
                return MeasureType.DOUBLE;
            case ParsedLine.INTEGER:
            case ParsedLine.UNSIGNED:
                return MeasureType.BIGINT;
            case ParsedLine.STRING:
                return MeasureType.VARCHAR;
            default:
                return MeasureType.BOOLEAN;
        }
    }

    private String fieldRefusal(String name) {
        if (CatalogRules.isReservedRecordName(name)) {
            return "invalid field key " + name + ": reserved (time, measure_name*, measure_value*, ts_* are system names)";
        }
        if (name.indexOf(':') >= 0) {
            return "invalid field key " + name + ": contains a colon";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 256) {
            return "invalid field key " + name + ": longer than 256 bytes";
        }
        if (dimensionNames.contains(name) || schema.dimensions().contains(name)) {
            return "schema conflict: field key " + name + " is a tag of measurement " + measurement;
        }
        return null;
    }
}
