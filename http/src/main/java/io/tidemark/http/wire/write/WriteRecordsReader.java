package io.tidemark.http.wire.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tidemark.engine.write.DimensionsCache;
import io.tidemark.engine.write.RecordDimensions;
import io.tidemark.engine.write.RecordFields;
import io.tidemark.engine.write.WriteRecordsBuilder;
import io.tidemark.http.wire.WireJson;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a WriteRecords body token by token (Jackson's streaming parser over the raw bytes, no
 * tree) into a {@link WriteRecordsBuilder}, which applies the engine's rules as records arrive.
 * Names and enum values come from a {@link NameTable}; value texts go to the builder as
 * characters; a record's Dimensions list is skipped over and looked up by its bytes in a
 * {@link DimensionsCache}, and read item by item only the first time those bytes come.
 *
 * <p>It takes the shape every client sends: a JSON object with DatabaseName, TableName and
 * Records, CommonAttributes (if any) before Records, each member once and of its model type. On
 * anything else (malformed JSON, a member of the wrong JSON type, a member given twice,
 * CommonAttributes after Records, a required member missing) {@link #read} answers false and the
 * caller reads the body as a tree, whose reader words the error (or, for a well-formed body in an
 * unusual order, reads it). Not thread-safe: one per thread.
 */
final class WriteRecordsReader {

    private static final JsonFactory JSON = WireJson.MAPPER.getFactory();

    /** Unwinds a read that met a body of another shape; carries no stack. */
    private static final RuntimeException OTHER_SHAPE = new RuntimeException("body needs the tree reader", null,
            false, false) {
    };

    private static final int DATABASE_NAME = 1;
    private static final int TABLE_NAME = 1 << 1;
    private static final int COMMON_ATTRIBUTES = 1 << 2;
    private static final int RECORDS = 1 << 3;

    private static final int DIMENSIONS = 1;
    private static final int MEASURE_NAME = 1 << 1;
    private static final int MEASURE_VALUE = 1 << 2;
    private static final int MEASURE_VALUE_TYPE = 1 << 3;
    private static final int TIME = 1 << 4;
    private static final int TIME_UNIT = 1 << 5;
    private static final int VERSION = 1 << 6;
    private static final int MEASURE_VALUES = 1 << 7;

    private final DimensionsCache dimensionsCache;
    private final NameTable names = new NameTable();
    private final RecordFields record = new RecordFields();
    private final RecordFields dimensionItems = new RecordFields();
    private char[] valueText = new char[64];
    /** The names and enum values met at the same place of the previous record: records repeat their shape. */
    private String recentMeasureName;
    private String recentMeasureValueType;
    private String recentTimeUnit;
    private String[] recentAttributeNames = new String[16];
    private String[] recentAttributeTypes = new String[16];

    WriteRecordsReader(DimensionsCache dimensionsCache) {
        this.dimensionsCache = dimensionsCache;
    }

    /**
     * Feeds {@code body} to {@code out}.
     *
     * @return false when the body is not of the shape this reader takes; {@code out} is then spent
     */
    boolean read(byte[] body, WriteRecordsBuilder out) {
        if (body.length == 0) {
            return false;
        }
        try (JsonParser p = JSON.createParser(body)) {
            readRequest(p, body, out);
            return true;
        } catch (IOException e) {
            // Malformed JSON (a JacksonException): the tree reader words it.
            return false;
        } catch (RuntimeException e) {
            if (e == OTHER_SHAPE) {
                return false;
            }
            throw e;
        }
    }

    private void readRequest(JsonParser p, byte[] body, WriteRecordsBuilder out) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        int seen = 0;
        boolean recordsGiven = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            t = p.nextToken();
            switch (member) {
                case "DatabaseName":
                    seen = once(seen, DATABASE_NAME);
                    out.databaseName(text(p, t));
                    break;
                case "TableName":
                    seen = once(seen, TABLE_NAME);
                    out.tableName(text(p, t));
                    break;
                case "CommonAttributes":
                    seen = once(seen, COMMON_ATTRIBUTES);
                    if ((seen & RECORDS) != 0) {
                        throw OTHER_SHAPE;
                    }
                    if (t != JsonToken.VALUE_NULL) {
                        expect(t, JsonToken.START_OBJECT);
                        RecordFields common = new RecordFields();
                        readRecord(p, body, common, out);
                        out.commonAttributes(common);
                    }
                    break;
                case "Records":
                    seen = once(seen, RECORDS);
                    if (t != JsonToken.VALUE_NULL) {
                        expect(t, JsonToken.START_ARRAY);
                        recordsGiven = true;
                        out.recordsPresent();
                        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                            readRecord(p, body, record.clear(), out);
                            out.record(record);
                        }
                        expect(t, JsonToken.END_ARRAY);
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        expect(t, JsonToken.END_OBJECT);
        // Missing required members are the tree reader's to word, as for every other operation.
        if (p.nextToken() != null || out.databaseName() == null || out.tableName() == null || !recordsGiven) {
            throw OTHER_SHAPE;
        }
    }

    /** One Record or CommonAttributes object, from just after its START_OBJECT. */
    private void readRecord(JsonParser p, byte[] body, RecordFields f, WriteRecordsBuilder out) throws IOException {
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            t = p.nextToken();
            switch (member) {
                case "Dimensions":
                    seen = once(seen, DIMENSIONS);
                    if (t != JsonToken.VALUE_NULL) {
                        expect(t, JsonToken.START_ARRAY);
                        f.dimensions(dimensions(p, body, out));
                    }
                    break;
                case "MeasureName":
                    seen = once(seen, MEASURE_NAME);
                    recentMeasureName = name(p, t, recentMeasureName);
                    f.measureName(recentMeasureName);
                    break;
                case "MeasureValue":
                    seen = once(seen, MEASURE_VALUE);
                    if (t != JsonToken.VALUE_NULL) {
                        expect(t, JsonToken.VALUE_STRING);
                        f.measureValue(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    }
                    break;
                case "MeasureValueType":
                    seen = once(seen, MEASURE_VALUE_TYPE);
                    recentMeasureValueType = name(p, t, recentMeasureValueType);
                    f.measureValueType(recentMeasureValueType);
                    break;
                case "Time":
                    seen = once(seen, TIME);
                    if (t != JsonToken.VALUE_NULL) {
                        expect(t, JsonToken.VALUE_STRING);
                        f.time(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    }
                    break;
                case "TimeUnit":
                    seen = once(seen, TIME_UNIT);
                    recentTimeUnit = name(p, t, recentTimeUnit);
                    f.timeUnit(recentTimeUnit);
                    break;
                case "Version":
                    seen = once(seen, VERSION);
                    if (t != JsonToken.VALUE_NULL) {
                        expect(t, JsonToken.VALUE_NUMBER_INT);
                        JsonParser.NumberType type = p.getNumberType();
                        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                            throw OTHER_SHAPE;
                        }
                        f.version(p.getLongValue());
                    }
                    break;
                case "MeasureValues":
                    seen = once(seen, MEASURE_VALUES);
                    if (t != JsonToken.VALUE_NULL) {
                        expect(t, JsonToken.START_ARRAY);
                        f.measureValuesPresent();
                        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                            measureValue(p, f);
                        }
                        expect(t, JsonToken.END_ARRAY);
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        expect(t, JsonToken.END_OBJECT);
    }

    /**
     * A Dimensions list, from its START_ARRAY: skipped over, then looked up by its bytes; read
     * item by item (with a parser of its own) only when those bytes are new.
     */
    private RecordDimensions dimensions(JsonParser p, byte[] body, WriteRecordsBuilder out) throws IOException {
        // The parser has consumed exactly the '[' when it returns START_ARRAY, and the ']' with END_ARRAY.
        int from = (int) p.currentLocation().getByteOffset() - 1;
        p.skipChildren();
        int to = (int) p.currentLocation().getByteOffset();
        RecordDimensions known = dimensionsCache.get(body, from, to);
        if (known != null) {
            return known;
        }
        RecordFields items = dimensionItems.clear();
        items.dimensionsPresent();
        try (JsonParser list = JSON.createParser(body, from, to - from)) {
            expect(list.nextToken(), JsonToken.START_ARRAY);
            JsonToken t;
            while ((t = list.nextToken()) == JsonToken.START_OBJECT) {
                dimension(list, items);
            }
            expect(t, JsonToken.END_ARRAY);
        }
        RecordDimensions checked = out.dimensions(items);
        dimensionsCache.put(body, from, to, checked);
        return checked;
    }

    private void dimension(JsonParser p, RecordFields items) throws IOException {
        int seen = 0;
        String name = null;
        String value = null;
        String type = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            t = p.nextToken();
            switch (member) {
                case "Name":
                    seen = once(seen, 1);
                    name = name(p, t, null);
                    break;
                case "Value":
                    seen = once(seen, 2);
                    value = text(p, t);
                    break;
                case "DimensionValueType":
                    seen = once(seen, 4);
                    type = name(p, t, null);
                    break;
                default:
                    p.skipChildren();
            }
        }
        expect(t, JsonToken.END_OBJECT);
        items.addDimension(name, value, type);
    }

    private void measureValue(JsonParser p, RecordFields f) throws IOException {
        int position = f.measureValueCount();
        if (position == recentAttributeNames.length) {
            recentAttributeNames = Arrays.copyOf(recentAttributeNames, position * 2);
            recentAttributeTypes = Arrays.copyOf(recentAttributeTypes, position * 2);
        }
        int seen = 0;
        String name = null;
        String type = null;
        int length = -1;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            t = p.nextToken();
            switch (member) {
                case "Name":
                    seen = once(seen, 1);
                    name = name(p, t, recentAttributeNames[position]);
                    recentAttributeNames[position] = name;
                    break;
                case "Value":
                    seen = once(seen, 2);
                    if (t != JsonToken.VALUE_NULL) {
                        expect(t, JsonToken.VALUE_STRING);
                        length = p.getTextLength();
                        if (length > valueText.length) {
                            valueText = Arrays.copyOf(valueText, Math.max(length, valueText.length * 2));
                        }
                        System.arraycopy(p.getTextCharacters(), p.getTextOffset(), valueText, 0, length);
                    }
                    break;
                case "Type":
                    seen = once(seen, 4);
                    type = name(p, t, recentAttributeTypes[position]);
                    recentAttributeTypes[position] = type;
                    break;
                default:
                    p.skipChildren();
            }
        }
        expect(t, JsonToken.END_OBJECT);
        f.addMeasureValue(name, length < 0 ? null : valueText, 0, Math.max(length, 0), type);
    }

    /**
     * A string member that repeats across records (a name, an enum value); null for JSON null.
     *
     * @param likely the string met at the same place of the previous record, or null
     */
    private String name(JsonParser p, JsonToken t, String likely) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.VALUE_STRING);
        return names.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), likely);
    }

    /** A string member; null for JSON null. */
    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw OTHER_SHAPE;
        }
    }

    /** Marks a member seen; a second one (JSON lets a member repeat, the tree keeps the last) needs the tree reader. */
    private static int once(int seen, int member) {
        if ((seen & member) != 0) {
            throw OTHER_SHAPE;
        }
        return seen | member;
    }
}
