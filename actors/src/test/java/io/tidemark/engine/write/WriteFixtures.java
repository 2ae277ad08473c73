package io.tidemark.engine.write;

import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.PartitionKey;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.storage.journal.ValueColumn;
import io.tidemark.storage.journal.WriteBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builders for WriteRecords requests and tables, and readers for what a batch holds. */
final class WriteFixtures {

    /** 2026-11-25T12:00:00Z: the server clock of every test. */
    static final long NOW_MILLIS = 1_795_608_000_000L;

    private WriteFixtures() {
    }

    static Rec rec() {
        return new Rec();
    }

    /** A valid single-measure DOUBLE record at now. */
    static Rec cpu() {
        return rec().dims(dim("host", "a")).name("cpu").value("1.5").time(Long.toString(NOW_MILLIS));
    }

    static DimensionInput dim(String name, String value) {
        return new DimensionInput(name, value, null);
    }

    static MeasureValueInput attr(String name, String value, String type) {
        return new MeasureValueInput(name, value, type);
    }

    static WriteRecordsRequest request(Rec... records) {
        return withCommon(null, records);
    }

    static WriteRecordsRequest withCommon(Rec common, Rec... records) {
        List<RecordInput> list = new ArrayList<>();
        for (Rec r : records) {
            list.add(r.build());
        }
        return new WriteRecordsRequest("db", "tbl", common == null ? null : common.build(), list);
    }

    static TableDescription table(RetentionProperties retention, MagneticStoreWriteProperties magnetic,
            List<PartitionKey> keys, long floorMillis) {
        Instant created = Instant.ofEpochMilli(NOW_MILLIS - 86_400_000L);
        return new TableDescription("db", "tbl", "t-1", "arn:aws:timestream:us-east-1:000000000000:database/db/table/tbl",
                TableStatus.ACTIVE, retention, magnetic, keys, 1, floorMillis, created, created);
    }

    static TableDescription defaultTable() {
        return table(RetentionProperties.DEFAULT, MagneticStoreWriteProperties.DISABLED, List.of(PartitionKey.DEFAULT),
                0);
    }

    /** The value column of a batch by name. */
    static ValueColumn column(WriteBatch batch, String name) {
        for (ValueColumn c : batch.columns()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name + " in " + batch.columns());
    }

    /** A record as the wire delivers it, built field by field; unset fields stay null. */
    static final class Rec {
        private List<DimensionInput> dimensions;
        private String measureName;
        private String measureValue;
        private String measureValueType;
        private String time;
        private String timeUnit;
        private Long version;
        private List<MeasureValueInput> measureValues;

        Rec dims(DimensionInput... dims) {
            this.dimensions = new ArrayList<>(Arrays.asList(dims));
            return this;
        }

        Rec dimList(List<DimensionInput> dims) {
            this.dimensions = dims;
            return this;
        }

        Rec name(String name) {
            this.measureName = name;
            return this;
        }

        Rec value(String value) {
            this.measureValue = value;
            return this;
        }

        Rec type(String type) {
            this.measureValueType = type;
            return this;
        }

        Rec time(String time) {
            this.time = time;
            return this;
        }

        Rec time(long millis) {
            return time(Long.toString(millis));
        }

        Rec unit(String unit) {
            this.timeUnit = unit;
            return this;
        }

        Rec version(Long version) {
            this.version = version;
            return this;
        }

        Rec multi(MeasureValueInput... values) {
            this.measureValueType = "MULTI";
            this.measureValue = null;
            this.measureValues = new ArrayList<>(Arrays.asList(values));
            return this;
        }

        Rec values(List<MeasureValueInput> values) {
            this.measureValues = values;
            return this;
        }

        RecordInput build() {
            return new RecordInput(dimensions, measureName, measureValue, measureValueType, time, timeUnit, version,
                    measureValues);
        }

        @Override
        public String toString() {
            return build().toString();
        }
    }
}
