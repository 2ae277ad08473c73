package io.tidemark.http.wire.write;

import static io.tidemark.http.wire.write.JsonCursor.END;
import static io.tidemark.http.wire.write.JsonCursor.END_ARRAY;
import static io.tidemark.http.wire.write.JsonCursor.END_OBJECT;
import static io.tidemark.http.wire.write.JsonCursor.INTEGER;
import static io.tidemark.http.wire.write.JsonCursor.NAME;
import static io.tidemark.http.wire.write.JsonCursor.NULL;
import static io.tidemark.http.wire.write.JsonCursor.START_ARRAY;
import static io.tidemark.http.wire.write.JsonCursor.START_OBJECT;
import static io.tidemark.http.wire.write.JsonCursor.STRING;

import io.tidemark.engine.write.DimensionsCache;
import io.tidemark.engine.write.RecordDimensions;
import io.tidemark.engine.write.RecordFields;
import io.tidemark.engine.write.WriteRecordsBuilder;
import io.tidemark.http.wire.write.NameTable.Name;
import java.util.Arrays;

/**
 * Reads a WriteRecords body token by token (a {@link JsonCursor} over the raw bytes, no tree) into
 * a {@link WriteRecordsBuilder}, which applies the engine's rules as records arrive.
 * Names and enum values come from a {@link NameTable}; value texts go to the builder as
 * characters; a record's Dimensions list is compared with the list that followed the previous
 * record's last time, or else skipped over and looked up by its bytes in a {@link DimensionsCache},
 * and read item by item only the first time those bytes come.
 *
 * <p>It takes the shape every client sends: a JSON object with DatabaseName, TableName and
 * Records, CommonAttributes (if any) before Records, each member once and of its model type. On
 * anything else (malformed JSON, a member of the wrong JSON type, a member given twice,
 * CommonAttributes after Records, a required member missing, or JSON outside the cursor's subset)
 * {@link #read} answers false and the caller reads the body as a tree, whose reader words the error (or, for a well-formed body in an
 * unusual order, reads it). Not thread-safe: one per thread. Public for the JMH benchmark of the
 * reading ({@code WriteRecordsReadBenchmark}); the server reaches it through {@link WriteRecordsOperation}.
 */
public final class WriteRecordsReader {

    /** Unwinds a read that met a body of another shape (or JSON the cursor does not take); carries no stack. */
    private static final RuntimeException OTHER_SHAPE = JsonCursor.NOT_TAKEN;

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
    private final JsonCursor cursor = new JsonCursor();
    /** Reads a new Dimensions list item by item. */
    private final JsonCursor listCursor = new JsonCursor();
    /** Seeded with the member names below: a switch on a name from the table compares by identity. */
    private final NameTable names = new NameTable("DatabaseName", "TableName", "CommonAttributes", "Records",
            "Dimensions", "MeasureName", "MeasureValue", "MeasureValueType", "Time", "TimeUnit", "Version",
            "MeasureValues", "Name", "Value", "DimensionValueType", "Type");
    private final RecordFields record = new RecordFields();
    private final RecordFields dimensionItems = new RecordFields();
    /** The names and enum values met at the same place of the previous record: records repeat their shape. */
    private Name recentMeasureName;
    private Name recentMeasureValueType;
    private Name recentTimeUnit;
    private Name[] recentAttributeNames = new Name[16];
    private Name[] recentAttributeTypes = new Name[16];
    /** The member names met in the previous record, in order: records repeat their shape. */
    private Name[] recentMembers = new Name[8];
    private Name[] recentItemMembers = new Name[4];
    /** The cached Dimensions list of the previous record, or null: its successor is the likely next list. */
    private DimensionsCache.Entry lastDimensions;
    /** The last record read by its tokens, as bytes with holes: records of its shape are read by their bytes. */
    private final RecordTemplate template = new RecordTemplate();
    private final RecordTemplate.KnownLists knownLists = this::knownList;
    private long recordsByTemplate;
    /** Where the body being read ends in its array. */
    private int bodyLength;

    public WriteRecordsReader(DimensionsCache dimensionsCache) {
        this.dimensionsCache = dimensionsCache;
    }

    /**
     * Feeds {@code body} to {@code out}.
     *
     * @return false when the body is not of the shape this reader takes; {@code out} is then spent
     */
    public boolean read(byte[] body, WriteRecordsBuilder out) {
        return read(body, body.length, out);
    }

    /**
     * Feeds the body {@code body[0, length)} to {@code out}; the array is not read after this returns.
     *
     * @return false when the body is not of the shape this reader takes; {@code out} is then spent
     */
    public boolean read(byte[] body, int length, WriteRecordsBuilder out) {
        if (length == 0) {
            return false;
        }
        bodyLength = length;
        try {
            readRequest(cursor.reset(body, 0, length), body, out);
            return true;
        } catch (RuntimeException e) {
            if (e == OTHER_SHAPE) {
                return false;
            }
            throw e;
        }
    }

    private void readRequest(JsonCursor p, byte[] body, WriteRecordsBuilder out) {
        template.abandon();
        expect(p.next(), START_OBJECT);
        int seen = 0;
        boolean recordsGiven = false;
        int t;
        while ((t = p.next()) == NAME) {
            String member = names.get(p.chars(), 0, p.textLength()).text;
            t = p.next();
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
                    if (t != NULL) {
                        expect(t, START_OBJECT);
                        RecordFields common = new RecordFields();
                        readRecord(p, body, common, out);
                        out.commonAttributes(common);
                    }
                    break;
                case "Records":
                    seen = once(seen, RECORDS);
                    if (t != NULL) {
                        expect(t, START_ARRAY);
                        recordsGiven = true;
                        out.recordsPresent();
                        int firstStart = p.offset();
                        while (true) {
                            if (!readByTemplate(p, body)) {
                                if ((t = p.next()) != START_OBJECT) {
                                    break;
                                }
                                int start = p.offset() - 1;
                                template.begin();
                                readRecord(p, body, record.clear(), out);
                                template.end(body, start, p.offset(), record);
                            }
                            out.record(record);
                            if (firstStart >= 0) {
                                // records of one request are much alike: the first one's size tells how many follow,
                                // give or take their values' digits; a quarter more spares growing the arrays for
                                // the last few records when the first was a short one
                                int firstBytes = Math.max(1, p.offset() - firstStart);
                                int rest = bodyLength - p.offset();
                                out.expectRecords(1 + (rest + rest / 4) / firstBytes);
                                firstStart = -1;
                            }
                        }
                        expect(t, END_ARRAY);
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        expect(t, END_OBJECT);
        // Missing required members are the tree reader's to word, as for every other operation.
        if (p.next() != END || out.databaseName() == null || out.tableName() == null || !recordsGiven) {
            throw OTHER_SHAPE;
        }
    }

    /**
     * Reads the next record of the list into {@link #record} when it has the shape of the last
     * record read by its tokens ({@link RecordTemplate}); false, with nothing read, otherwise.
     */
    private boolean readByTemplate(JsonCursor p, byte[] body) {
        int start = p.elementStart();
        if (start < 0) {
            return false;
        }
        DimensionsCache.Entry hint = lastDimensions;
        int end = template.read(body, start, bodyLength, record, knownLists);
        if (end < 0) {
            lastDimensions = hint;
            return false;
        }
        p.elementRead(end);
        recordsByTemplate++;
        return true;
    }

    /** Records this reader has read by their bytes, as a record of the shape it learned last ({@link RecordTemplate}). */
    public long recordsReadByTemplate() {
        return recordsByTemplate;
    }

    /** One Record or CommonAttributes object, from just after its START_OBJECT. */
    private void readRecord(JsonCursor p, byte[] body, RecordFields f, WriteRecordsBuilder out) {
        int seen = 0;
        for (int m = 0; ; m++) {
            if (m == recentMembers.length) {
                recentMembers = Arrays.copyOf(recentMembers, m * 2);
            }
            Name member = member(p, recentMembers[m]);
            if (member == null) {
                return;
            }
            recentMembers[m] = member;
            int t;
            switch (member.text) {
                case "Dimensions":
                    seen = once(seen, DIMENSIONS);
                    t = p.next();
                    if (t != NULL) {
                        expect(t, START_ARRAY);
                        f.dimensions(dimensions(p, body, out));
                    }
                    break;
                case "MeasureName":
                    seen = once(seen, MEASURE_NAME);
                    recentMeasureName = name(p, recentMeasureName);
                    f.measureName(text(recentMeasureName));
                    break;
                case "MeasureValue":
                    seen = once(seen, MEASURE_VALUE);
                    t = p.next();
                    if (t != NULL) {
                        expect(t, STRING);
                        f.measureValueAt(keepText(p, body, f, RecordTemplate.MEASURE_VALUE), p.textLength());
                    }
                    break;
                case "MeasureValueType":
                    seen = once(seen, MEASURE_VALUE_TYPE);
                    recentMeasureValueType = name(p, recentMeasureValueType);
                    f.measureValueType(text(recentMeasureValueType));
                    break;
                case "Time":
                    seen = once(seen, TIME);
                    t = p.next();
                    if (t != NULL) {
                        expect(t, STRING);
                        f.timeAt(keepText(p, body, f, RecordTemplate.TIME), p.textLength());
                    }
                    break;
                case "TimeUnit":
                    seen = once(seen, TIME_UNIT);
                    recentTimeUnit = name(p, recentTimeUnit);
                    f.timeUnit(text(recentTimeUnit));
                    break;
                case "Version":
                    seen = once(seen, VERSION);
                    t = p.next();
                    if (t != NULL) {
                        expect(t, INTEGER);
                        if (!p.integerFitsLong()) {
                            throw OTHER_SHAPE;
                        }
                        f.version(p.integer());
                    }
                    break;
                case "MeasureValues":
                    seen = once(seen, MEASURE_VALUES);
                    t = p.next();
                    if (t != NULL) {
                        expect(t, START_ARRAY);
                        f.measureValuesPresent();
                        while ((t = p.next()) == START_OBJECT) {
                            measureValue(p, body, f);
                        }
                        expect(t, END_ARRAY);
                    }
                    break;
                default:
                    p.next();
                    p.skipChildren();
            }
        }
    }

    /**
     * A Dimensions list, from its START_ARRAY: compared with the list that followed the previous
     * record's last time, else skipped over and looked up by its bytes; read item by item (with a
     * parser of its own) only when those bytes are new.
     */
    private RecordDimensions dimensions(JsonCursor p, byte[] body, WriteRecordsBuilder out) {
        // The cursor has consumed exactly the '[' when it returns START_ARRAY.
        int from = p.offset() - 1;
        DimensionsCache.Entry last = lastDimensions;
        DimensionsCache.Entry known = knownList(body, from, bodyLength);
        if (known != null) {
            p.containerRead(from + known.bytes().length);
            template.dimensions(from, p.offset(), true);
            return known.dimensions();
        }
        p.skipUnchecked();
        int to = p.offset();
        RecordDimensions checked = readDimensions(body, from, to, out);
        known = dimensionsCache.put(body, from, to, checked);
        template.dimensions(from, to, known != null);
        if (known == null) {
            lastDimensions = null;
            return checked;
        }
        if (last != null) {
            last.followedBy(known);
        }
        lastDimensions = known;
        return known.dimensions();
    }

    /**
     * The cached Dimensions list whose bytes start at {@code body[from]} (its opening bracket): the
     * one that followed the previous record's list last time, compared as bytes, else the list
     * skipped over by its brackets and quotes alone (unchecked: bytes found in the cache are those
     * of a list checked before) and looked up by its bytes; null when it is new. A list found
     * becomes the previous record's.
     */
    private DimensionsCache.Entry knownList(byte[] body, int from, int limit) {
        DimensionsCache.Entry last = lastDimensions;
        DimensionsCache.Entry predicted = last == null ? null : last.next();
        if (predicted != null) {
            byte[] bytes = predicted.bytes();
            if (from + bytes.length <= limit && JsonBytes.bytesAre(body, from, bytes)) {
                lastDimensions = predicted;
                return predicted;
            }
        }
        int to = JsonBytes.skipContainerUnchecked(body, from + 1, limit);
        DimensionsCache.Entry known = to < 0 ? null : dimensionsCache.get(body, from, to);
        if (known != null) {
            if (last != null) {
                last.followedBy(known);
            }
            lastDimensions = known;
        }
        return known;
    }

    /** A Dimensions list at {@code body[from, to)} read item by item and checked. */
    private RecordDimensions readDimensions(byte[] body, int from, int to, WriteRecordsBuilder out) {
        RecordFields items = dimensionItems.clear();
        items.dimensionsPresent();
        JsonCursor list = listCursor.reset(body, from, to);
        expect(list.next(), START_ARRAY);
        int t;
        while ((t = list.next()) == START_OBJECT) {
            dimension(list, items);
        }
        expect(t, END_ARRAY);
        expect(list.next(), END);
        return out.dimensions(items);
    }

    private void dimension(JsonCursor p, RecordFields items) {
        int seen = 0;
        String name = null;
        String value = null;
        String type = null;
        for (int m = 0; ; m++) {
            Name member = itemMember(p, m);
            if (member == null) {
                break;
            }
            switch (member.text) {
                case "Name":
                    seen = once(seen, 1);
                    name = text(name(p, null));
                    break;
                case "Value":
                    seen = once(seen, 2);
                    value = text(p, p.next());
                    break;
                case "DimensionValueType":
                    seen = once(seen, 4);
                    type = text(name(p, null));
                    break;
                default:
                    p.next();
                    p.skipChildren();
            }
        }
        items.addDimension(name, value, type);
    }

    private void measureValue(JsonCursor p, byte[] body, RecordFields f) {
        int position = f.measureValueCount();
        if (position == recentAttributeNames.length) {
            recentAttributeNames = Arrays.copyOf(recentAttributeNames, position * 2);
            recentAttributeTypes = Arrays.copyOf(recentAttributeTypes, position * 2);
        }
        int seen = 0;
        Name name = null;
        Name type = null;
        int start = RecordFields.ABSENT;
        int length = 0;
        for (int m = 0; ; m++) {
            Name member = itemMember(p, m);
            if (member == null) {
                break;
            }
            switch (member.text) {
                case "Name":
                    seen = once(seen, 1);
                    name = name(p, recentAttributeNames[position]);
                    recentAttributeNames[position] = name;
                    break;
                case "Value":
                    seen = once(seen, 2);
                    int t = p.next();
                    if (t != NULL) {
                        expect(t, STRING);
                        start = keepText(p, body, f, position);
                        length = p.textLength();
                    }
                    break;
                case "Type":
                    seen = once(seen, 4);
                    type = name(p, recentAttributeTypes[position]);
                    recentAttributeTypes[position] = type;
                    break;
                default:
                    p.next();
                    p.skipChildren();
            }
        }
        f.addMeasureValueAt(text(name), start, length, text(type));
    }

    /**
     * The text of the cursor's STRING, kept in {@code f}'s text; where it starts there. Reported to
     * the template as a hole of {@code kind}.
     */
    private int keepText(JsonCursor p, byte[] body, RecordFields f, int kind) {
        int end = p.offset() - 1;
        if (p.textIsPlain()) {
            template.text(kind, p.textStart(), end, true);
            return f.appendAscii(body, p.textStart(), p.textLength());
        }
        template.text(kind, end, end, false);
        return f.appendText(p.chars(), 0, p.textLength());
    }

    /**
     * The next member name of the object being read, or null at its end.
     *
     * @param likely the member met at the same place of the previous object, or null: compared
     *     with the input before any token is read
     */
    private Name member(JsonCursor p, Name likely) {
        if (likely != null && likely.quoted != null && p.nextNameIs(likely.quoted)) {
            return likely;
        }
        int t = p.next();
        if (t == END_OBJECT) {
            return null;
        }
        expect(t, NAME);
        return known(p, likely);
    }

    /**
     * The value of a string member that repeats across records (a name, an enum value); null for
     * JSON null.
     *
     * @param likely the string met at the same place of the previous record, or null
     */
    private Name name(JsonCursor p, Name likely) {
        if (likely != null && likely.quoted != null && p.nextStringIs(likely.quoted)) {
            return likely;
        }
        int t = p.next();
        if (t == NULL) {
            return null;
        }
        expect(t, STRING);
        return known(p, likely);
    }

    /** The next member name of a Dimensions or MeasureValues item, the {@code m}th of its item; null at its end. */
    private Name itemMember(JsonCursor p, int m) {
        if (m == recentItemMembers.length) {
            recentItemMembers = Arrays.copyOf(recentItemMembers, m * 2);
        }
        Name member = member(p, recentItemMembers[m]);
        if (member != null) {
            recentItemMembers[m] = member;
        }
        return member;
    }

    /**
     * The string of the cursor's text, from the name table; {@code likely} when it is that string
     * (compared with the bytes, before any hash or copy).
     */
    private Name known(JsonCursor p, Name likely) {
        return likely != null && likely.utf8 != null && p.textIs(likely.utf8) ? likely
                : names.get(p.chars(), 0, p.textLength());
    }

    private static String text(Name name) {
        return name == null ? null : name.text;
    }

    /** A string member; null for JSON null. */
    private static String text(JsonCursor p, int t) {
        if (t == NULL) {
            return null;
        }
        expect(t, STRING);
        return new String(p.chars(), 0, p.textLength());
    }

    private static void expect(int actual, int expected) {
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
