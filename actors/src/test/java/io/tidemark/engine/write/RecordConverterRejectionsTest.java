package io.tidemark.engine.write;

import static io.tidemark.engine.write.WriteFixtures.NOW_MILLIS;
import static io.tidemark.engine.write.WriteFixtures.attr;
import static io.tidemark.engine.write.WriteFixtures.cpu;
import static io.tidemark.engine.write.WriteFixtures.dim;
import static io.tidemark.engine.write.WriteFixtures.rec;
import static io.tidemark.engine.write.WriteFixtures.request;
import static io.tidemark.engine.write.WriteFixtures.withCommon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tidemark.engine.write.WriteFixtures.Rec;
import io.tidemark.storage.model.MeasureType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-record rules of WriteRecords (§2.2, §3, §5.4): a record that breaks one is rejected with
 * its index and a reason, and the records around it stay valid.
 */
class RecordConverterRejectionsTest {

    private final RecordConverter converter = new RecordConverter(WriteLimits.TIMESTREAM);

    static Stream<Arguments> badRecords() {
        return Stream.of(
                bad("no measure name", cpu().name(null), "The record has no MeasureName."),
                bad("empty measure name", cpu().name(""), "The record has no MeasureName."),
                bad("measure name of 257 bytes", cpu().name("m".repeat(257)),
                        "is 257 bytes long; the limit is 256 bytes."),
                bad("measure name of 129 two-byte characters", cpu().name("é".repeat(129)),
                        "is 258 bytes long; the limit is 256 bytes."),
                bad("measure name time", cpu().name("time"), "The measure name 'time' is reserved"),
                bad("measure name measure_value", cpu().name("measure_value"), "is reserved"),
                bad("measure name starting with ts_", cpu().name("ts_cpu"), "is reserved"),
                bad("measure name starting with measure_name", cpu().name("measure_name2"), "is reserved"),
                bad("dimension name time", cpu().dims(dim("time", "x")), "The dimension name 'time' is reserved"),
                bad("dimension name ts_non_existent_col", cpu().dims(dim("ts_non_existent_col", "x")), "is reserved"),
                bad("dimension name with a colon", cpu().dims(dim("a:b", "x")),
                        "The dimension name 'a:b' contains a colon"),
                bad("dimension name of 61 bytes", cpu().dims(dim("d".repeat(61), "x")),
                        "is 61 bytes long; the limit is 60 bytes."),
                bad("empty dimension name", cpu().dims(dim("", "x")), "a dimension with an empty name"),
                bad("empty dimension value", cpu().dims(dim("host", "")),
                        "The dimension 'host' has an empty value; dimension values must not be empty."),
                bad("dimension twice", cpu().dims(dim("host", "a"), dim("host", "b")),
                        "The dimension name 'host' appears more than once in the record."),
                bad("dimension named as the measure", cpu().dims(dim("cpu", "a")),
                        "The dimension name 'cpu' is also the record's measure name"),
                bad("129 dimensions", cpu().dimList(dimensions(129, 1)), "The record has 129 dimensions; the limit is 128."),
                bad("dimensions of 2049 bytes", cpu().dims(dim("a", "x".repeat(1023)), dim("b", "y".repeat(1024))),
                        "The record's dimension names and values are 2049 bytes together; the limit is 2048 bytes."),
                bad("DOUBLE not a number", cpu().value("abc"), "The measure value 'abc' is not a valid DOUBLE"),
                bad("DOUBLE NaN", cpu().value("NaN"), "NaN and Infinity cannot be written"),
                bad("DOUBLE Infinity", cpu().value("-Infinity"), "is not a valid DOUBLE"),
                bad("DOUBLE beyond range", cpu().value("1e400"), "is out of the range of a DOUBLE"),
                bad("DOUBLE hexadecimal", cpu().value("0x1p3"), "is not a valid DOUBLE"),
                bad("DOUBLE with a type suffix", cpu().value("1.5d"), "is not a valid DOUBLE"),
                bad("DOUBLE with spaces", cpu().value(" 1.5"), "is not a valid DOUBLE"),
                bad("DOUBLE lone dot", cpu().value("."), "is not a valid DOUBLE"),
                bad("DOUBLE exponent without digits", cpu().value("1e"), "is not a valid DOUBLE"),
                bad("BIGINT with a fraction", cpu().type("BIGINT").value("1.5"),
                        "The measure value '1.5' is not a valid BIGINT: it must be an integer."),
                bad("BIGINT beyond 64 bits", cpu().type("BIGINT").value("9223372036854775808"),
                        "is out of the range of a BIGINT"),
                bad("BOOLEAN yes", cpu().type("BOOLEAN").value("yes"),
                        "The measure value 'yes' is not a valid BOOLEAN: it must be true or false."),
                bad("BOOLEAN 1", cpu().type("BOOLEAN").value("1"), "is not a valid BOOLEAN"),
                bad("empty measure value", cpu().type("VARCHAR").value(""), "The measure value is empty."),
                bad("VARCHAR of 2049 characters", cpu().type("VARCHAR").value("v".repeat(2049)),
                        "The measure value is 2049 characters long; the limit is 2048 characters."),
                bad("TIMESTAMP as a single measure", cpu().type("TIMESTAMP").value("1"),
                        "The MeasureValueType TIMESTAMP is only allowed for the attributes of a MULTI record."),
                bad("no MeasureValue", cpu().value(null), "The record has no MeasureValue."),
                bad("MeasureValues on a DOUBLE record", cpu().values(List.of(attr("a", "1", "DOUBLE"))),
                        "The record has MeasureValues but its MeasureValueType is DOUBLE"),
                bad("MULTI with a MeasureValue", cpu().multi(attr("a", "1", "DOUBLE")).value("2"),
                        "The record has the MeasureValueType MULTI and a MeasureValue"),
                bad("MULTI without MeasureValues", cpu().value(null).type("MULTI"),
                        "The record has the MeasureValueType MULTI but no MeasureValues."),
                bad("MULTI with empty MeasureValues", cpu().multi(), "but no MeasureValues."),
                bad("attribute typed MULTI", cpu().multi(attr("a", "1", "MULTI")),
                        "The attribute 'a' has the type MULTI, which names no value type"),
                bad("attribute twice", cpu().multi(attr("a", "1", "DOUBLE"), attr("a", "2", "DOUBLE")),
                        "The attribute 'a' appears more than once in the record's MeasureValues."),
                bad("attribute named as a dimension", cpu().multi(attr("host", "1", "DOUBLE")),
                        "The attribute 'host' is also a dimension of the record"),
                bad("attribute name reserved", cpu().multi(attr("measure_value::double", "1", "DOUBLE")),
                        "The attribute name 'measure_value::double' is reserved"),
                bad("attribute name with a colon", cpu().multi(attr("a:b", "1", "DOUBLE")), "contains a colon"),
                bad("attribute name empty", cpu().multi(attr("", "1", "DOUBLE")),
                        "The record has a MeasureValue with an empty name."),
                bad("attribute name of 257 bytes", cpu().multi(attr("n".repeat(257), "1", "DOUBLE")),
                        "is 257 bytes long; the limit is 256 bytes."),
                bad("attribute value unparsable", cpu().multi(attr("a", "1", "DOUBLE"), attr("b", "x", "BIGINT")),
                        "The attribute 'b' has the value 'x', which is not a valid BIGINT"),
                bad("attribute value empty", cpu().multi(attr("a", "", "VARCHAR")), "The value of the attribute 'a' is empty."),
                bad("257 attributes", cpu().multi(attributes(257)), "The record has 257 MeasureValues; the limit is 256."),
                bad("attribute values of 2100 bytes", cpu().multi(attr("a", "x".repeat(700), "VARCHAR"),
                        attr("b", "x".repeat(700), "VARCHAR"), attr("c", "x".repeat(700), "VARCHAR")),
                        "The record's MeasureValues are 2100 bytes together; the limit is 2048 bytes."),
                bad("TIMESTAMP attribute not an integer", cpu().multi(attr("at", "2026-01-01", "TIMESTAMP")),
                        "is not a valid TIMESTAMP: it must be an integer count of the record's TimeUnit (MILLISECONDS)"),
                bad("TIMESTAMP attribute beyond 2262", cpu().multi(attr("at", "9300000000000", "TIMESTAMP")),
                        "is out of the range of a TIMESTAMP"),
                bad("record of 2049 bytes", cpu().type("VARCHAR").dims(dim("host", "h".repeat(1000)))
                        .value("v".repeat(1034)), "The record is 2049 bytes; the limit is 2048 bytes."));
    }

    private static Arguments bad(String name, Rec record, String reason) {
        return arguments(named(name, record), reason);
    }

    private static List<DimensionInput> dimensions(int count, int from) {
        List<DimensionInput> dims = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dims.add(dim("d" + (from + i), "v"));
        }
        return dims;
    }

    private static MeasureValueInput[] attributes(int count) {
        MeasureValueInput[] values = new MeasureValueInput[count];
        for (int i = 0; i < count; i++) {
            values[i] = attr("a" + i, "true", "BOOLEAN");
        }
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void rejectsTheRecordAloneWithItsIndexAndReason(Rec record, String reason) {
        ParsedWrite parsed = converter.parse(request(cpu(), record, cpu().dims(dim("host", "b"))));

        assertThat(parsed.rejections()).hasSize(1);
        RejectedRecord rejected = parsed.rejections().get(0);
        assertThat(rejected.recordIndex()).isEqualTo(1);
        assertThat(rejected.reason()).contains(reason);
        assertThat(rejected.hasExistingVersion()).isFalse();
        assertThat(parsed.isValid(0)).isTrue();
        assertThat(parsed.isValid(1)).isFalse();
        assertThat(parsed.isValid(2)).isTrue();
        assertThat(parsed.validRecordCount()).isEqualTo(2);
    }

    @Test
    void aRecordAtEveryLimitIsValid() {
        Rec atLimits = rec().dimList(dimensions(128, 0)).name("m".repeat(256)).time(NOW_MILLIS)
                .multi(attributes(256));
        Rec longestName = cpu().dims(dim("d".repeat(60), "x")).type("VARCHAR").value("v".repeat(1900));

        ParsedWrite parsed = converter.parse(request(atLimits, longestName));

        assertThat(parsed.rejections()).isEmpty();
    }

    @Test
    void aMeasureNameWithTwoTypesInOneRequestRejectsTheLaterRecords() {
        ParsedWrite parsed = converter.parse(request(cpu(), cpu().type("BIGINT").value("2"), cpu().value("3")));

        assertThat(parsed.rejections()).extracting(RejectedRecord::recordIndex).containsExactly(1);
        assertThat(parsed.rejections().get(0).reason()).isEqualTo("The measure name 'cpu' is written as DOUBLE by an"
                + " earlier record of this request and as BIGINT by this one; a measure name has one type.");
    }

    @Test
    void anAttributeWithTwoTypesInOneRequestRejectsTheLaterRecord() {
        ParsedWrite parsed = converter.parse(request(
                cpu().name("m1").multi(attr("load", "1.5", "DOUBLE")),
                cpu().name("m2").multi(attr("load", "2", "BIGINT"))));

        assertThat(parsed.rejections()).extracting(RejectedRecord::recordIndex).containsExactly(1);
        assertThat(parsed.rejections().get(0).reason()).contains("The attribute 'load' is written as DOUBLE")
                .contains("as BIGINT by this one");
    }

    @Test
    void aNameIsEitherADimensionOrAMeasureAcrossTheRequest() {
        ParsedWrite parsed = converter.parse(request(
                cpu(),
                cpu().name("host").dims(dim("rack", "r")),
                cpu().name("mem").dims(dim("cpu", "x")),
                cpu().name("m").multi(attr("host", "1", "DOUBLE")).dims(dim("rack", "r"))));

        assertThat(parsed.rejections()).extracting(RejectedRecord::recordIndex).containsExactly(1, 2, 3);
        assertThat(parsed.rejections().get(0).reason()).contains("The measure name 'host' is a dimension name");
        assertThat(parsed.rejections().get(1).reason()).contains("The dimension name 'cpu' is a measure or attribute");
        assertThat(parsed.rejections().get(2).reason()).contains("The attribute 'host' is a dimension name");
    }

    @Test
    void theSchemaDeltaHoldsTheNamesOfTheValidRecordsOnly() {
        ParsedWrite parsed = converter.parse(request(
                cpu(),
                cpu().name("metrics").dims(dim("host", "a"), dim("region", "eu"))
                        .multi(attr("load", "1", "DOUBLE"), attr("up", "true", "BOOLEAN"), attr("at", "5", "TIMESTAMP")),
                cpu().name("bad").type("BIGINT").value("x").dims(dim("never", "v")),
                cpu().name("cpu2").multi(attr("never2", "", "VARCHAR"))));

        assertThat(parsed.schemaDelta().measures())
                .isEqualTo(Map.of("cpu", MeasureType.DOUBLE, "metrics", MeasureType.MULTI));
        assertThat(parsed.schemaDelta().attributes()).isEqualTo(Map.of("load", MeasureType.DOUBLE,
                "up", MeasureType.BOOLEAN, "at", MeasureType.TIMESTAMP));
        assertThat(parsed.schemaDelta().dimensions()).isEqualTo(Set.of("host", "region"));
    }
}
