package io.tidemark.http.wire.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.engine.write.WriteRecordsRequest;
import io.tidemark.http.wire.WireJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** WriteRecords bodies as the AWS SDKs encode them (members in model order, absent members left out), and a record builder. */
final class WireBodies {

    static final String NOW = Long.toString(WritePaths.NOW_MILLIS);

    private WireBodies() {
    }

    static String json(WriteRecordsRequest request) {
        ObjectNode body = WireJson.object();
        WireJson.putIfPresent(body, "DatabaseName", request.databaseName());
        WireJson.putIfPresent(body, "TableName", request.tableName());
        if (request.commonAttributes() != null) {
            record(body.putObject("CommonAttributes"), request.commonAttributes());
        }
        if (request.records() != null) {
            ArrayNode records = body.putArray("Records");
            for (RecordInput r : request.records()) {
                if (r == null) {
                    records.addNull();
                } else {
                    record(records.addObject(), r);
                }
            }
        }
        try {
            return WireJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Rec... records) {
        return json(request(null, records));
    }

    static WriteRecordsRequest request(Rec common, Rec... records) {
        List<RecordInput> list = new ArrayList<>();
        for (Rec r : records) {
            list.add(r.build());
        }
        return new WriteRecordsRequest("db", "tbl", common == null ? null : common.build(), list);
    }

    private static void record(ObjectNode out, RecordInput r) {
        if (r.dimensions() != null) {
            ArrayNode dims = out.putArray("Dimensions");
            for (DimensionInput d : r.dimensions()) {
                ObjectNode item = dims.addObject();
                WireJson.putIfPresent(item, "Name", d.name());
                WireJson.putIfPresent(item, "Value", d.value());
                WireJson.putIfPresent(item, "DimensionValueType", d.dimensionValueType());
            }
        }
        WireJson.putIfPresent(out, "MeasureName", r.measureName());
        WireJson.putIfPresent(out, "MeasureValue", r.measureValue());
        WireJson.putIfPresent(out, "MeasureValueType", r.measureValueType());
        WireJson.putIfPresent(out, "Time", r.time());
        WireJson.putIfPresent(out, "TimeUnit", r.timeUnit());
        if (r.version() != null) {
            out.put("Version", r.version());
        }
        if (r.measureValues() != null) {
            ArrayNode values = out.putArray("MeasureValues");
            for (MeasureValueInput v : r.measureValues()) {
                ObjectNode item = values.addObject();
                WireJson.putIfPresent(item, "Name", v.name());
                WireJson.putIfPresent(item, "Value", v.value());
                WireJson.putIfPresent(item, "Type", v.type());
            }
        }
    }

    static Rec rec() {
        return new Rec();
    }

    /** A valid single-measure DOUBLE record at now. */
    static Rec cpu() {
        return rec().dims(dim("host", "a")).name("cpu").value("1.5").time(NOW);
    }

    static DimensionInput dim(String name, String value) {
        return new DimensionInput(name, value, null);
    }

    static MeasureValueInput attr(String name, String value, String type) {
        return new MeasureValueInput(name, value, type);
    }

    /** A record built member by member; unset members stay absent. */
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
    }
}
