package io.tidemark.engine.write;

import static io.tidemark.engine.write.WriteFixtures.attr;
import static io.tidemark.engine.write.WriteFixtures.cpu;
import static io.tidemark.engine.write.WriteFixtures.dim;
import static io.tidemark.engine.write.WriteFixtures.rec;
import static io.tidemark.engine.write.WriteFixtures.request;
import static io.tidemark.engine.write.WriteFixtures.withCommon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules that fail a whole WriteRecords request with a ValidationException (§2.2). */
class RecordConverterRequestErrorsTest {

    private final RecordConverter converter = new RecordConverter(WriteLimits.TIMESTREAM);

    static Stream<Arguments> requestErrors() {
        List<RecordInput> oneRecord = List.of(cpu().build());
        List<RecordInput> withNull = new ArrayList<>();
        withNull.add(cpu().build());
        withNull.add(null);
        List<DimensionInput> nullDimension = new ArrayList<>();
        nullDimension.add(null);
        List<MeasureValueInput> nullAttribute = new ArrayList<>();
        nullAttribute.add(null);
        String tooLongTime = "1".repeat(257);
        return Stream.of(
                error("database name missing", new WriteRecordsRequest(null, "tbl", null, oneRecord),
                        "Value null at 'databaseName' failed to satisfy constraint: Member must not be null"),
                error("database name empty", new WriteRecordsRequest("", "tbl", null, oneRecord),
                        "at 'databaseName' failed to satisfy constraint: Member must have length greater than or"
                                + " equal to 1"),
                error("table name missing", new WriteRecordsRequest("db", null, null, oneRecord),
                        "Value null at 'tableName'"),
                error("table name empty", new WriteRecordsRequest("db", "", null, oneRecord), "at 'tableName'"),
                error("records missing", new WriteRecordsRequest("db", "tbl", null, null), "Value null at 'records'"),
                error("records empty", new WriteRecordsRequest("db", "tbl", null, List.of()),
                        "at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1"),
                error("101 records", new WriteRecordsRequest("db", "tbl", null, copies(101)),
                        "at 'records' failed to satisfy constraint: Member must have length less than or equal to 100"),
                error("a null record", new WriteRecordsRequest("db", "tbl", null, withNull),
                        "Value null at 'records.2.member'"),
                error("bad MeasureValueType", request(cpu().type("FLOAT")),
                        "1 validation error detected: Value 'FLOAT' at 'records.1.member.measureValueType' failed to"
                                + " satisfy constraint: Member must satisfy enum value set: [DOUBLE, BIGINT, VARCHAR,"
                                + " BOOLEAN, TIMESTAMP, MULTI]"),
                error("MeasureValueType in lower case", request(cpu().type("double")),
                        "Value 'double' at 'records.1.member.measureValueType'"),
                error("bad TimeUnit", request(cpu(), cpu().unit("MINUTES")),
                        "Value 'MINUTES' at 'records.2.member.timeUnit' failed to satisfy constraint: Member must"
                                + " satisfy enum value set: [MILLISECONDS, SECONDS, MICROSECONDS, NANOSECONDS]"),
                error("bad TimeUnit in CommonAttributes", withCommon(rec().unit("HOURS"), cpu()),
                        "Value 'HOURS' at 'commonAttributes.timeUnit'"),
                error("bad MeasureValueType in CommonAttributes", withCommon(rec().type("INT"), cpu()),
                        "Value 'INT' at 'commonAttributes.measureValueType'"),
                error("bad DimensionValueType", request(cpu().dims(dim("host", "a"),
                        new DimensionInput("rack", "r1", "BIGINT"))),
                        "Value 'BIGINT' at 'records.1.member.dimensions.2.member.dimensionValueType' failed to satisfy"
                                + " constraint: Member must satisfy enum value set: [VARCHAR]"),
                error("null dimension", request(cpu().dimList(nullDimension)),
                        "Value null at 'records.1.member.dimensions.1.member'"),
                error("dimension without name", request(cpu().dims(new DimensionInput(null, "a", null))),
                        "Value null at 'records.1.member.dimensions.1.member.name'"),
                error("dimension without value", request(cpu().dims(new DimensionInput("host", null, null))),
                        "Value null at 'records.1.member.dimensions.1.member.value'"),
                error("null MeasureValue", request(cpu().type("MULTI").value(null).values(nullAttribute)),
                        "Value null at 'records.1.member.measureValues.1.member'"),
                error("MeasureValue without name", request(cpu().multi(attr(null, "1", "DOUBLE"))),
                        "Value null at 'records.1.member.measureValues.1.member.name'"),
                error("MeasureValue without value", request(cpu().multi(attr("a", "1", "DOUBLE"),
                        attr("b", null, "DOUBLE"))),
                        "Value null at 'records.1.member.measureValues.2.member.value'"),
                error("MeasureValue without type", request(cpu().multi(attr("a", "1", null))),
                        "Value null at 'records.1.member.measureValues.1.member.type'"),
                error("bad MeasureValue type", request(cpu().multi(attr("a", "1", "FLOAT"))),
                        "Value 'FLOAT' at 'records.1.member.measureValues.1.member.type'"),
                error("Version 0", request(cpu().version(0L)),
                        "Value '0' at 'records.1.member.version' failed to satisfy constraint: Member must have value"
                                + " greater than or equal to 1"),
                error("negative Version in CommonAttributes", withCommon(rec().version(-3L), cpu()),
                        "Value '-3' at 'commonAttributes.version'"),
                error("Time not a number", request(cpu().time("now")), "Invalid time for record."),
                error("Time with a fraction", request(cpu().time("1700000000000.5")), "Invalid time for record."),
                error("Time empty", request(cpu().time("")), "Invalid time for record."),
                error("Time with spaces", request(cpu().time(" 1700000000000")), "Invalid time for record."),
                error("Time as ISO text", request(cpu().time("2026-11-25T12:00:00Z")), "Invalid time for record."),
                error("Time longer than 256 characters", request(cpu().time(tooLongTime)), "Invalid time for record."),
                error("Time missing", request(cpu().time((String) null)), "Invalid time for record."),
                error("bad Time in CommonAttributes", withCommon(rec().time("x"), cpu()),
                        "Invalid time for record. Value 'x' at 'commonAttributes.time'"),
                error("dimension both common and own", withCommon(rec().dims(dim("host", "a")), cpu()),
                        "the dimension name 'host' at 'records.1.member.dimensions' is also given in CommonAttributes"),
                error("dimension twice in CommonAttributes", withCommon(rec().dims(dim("dc", "a"), dim("dc", "b")), cpu()),
                        "Invalid CommonAttributes: the dimension name 'dc' appears more than once."));
    }

    private static Arguments error(String name, WriteRecordsRequest request, String message) {
        return arguments(named(name, request), message);
    }

    private static List<RecordInput> copies(int n) {
        RecordInput[] records = new RecordInput[n];
        Arrays.fill(records, cpu().build());
        return List.of(records);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestErrors")
    void failsTheWholeRequest(WriteRecordsRequest request, String message) {
        assertThatThrownBy(() -> converter.parse(request))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION))
                .hasMessageContaining(message);
    }

    @Test
    void theRecordLimitCanBeRaised() {
        WriteLimits raised = new WriteLimits(200, 2048, 128, 60, 256, 2048, 2048, 256, 2048);
        ParsedWrite parsed = new RecordConverter(raised).parse(new WriteRecordsRequest("db", "tbl", null, copies(101)));

        assertThat(parsed.recordCount()).isEqualTo(101);
        assertThat(parsed.rejections()).isEmpty();
    }

    @Test
    void aRequestErrorInALaterRecordStillFailsTheWholeRequest() {
        assertThatThrownBy(() -> converter.parse(request(cpu(), cpu().name(null), cpu().version(0L))))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("records.3.member.version");
    }
}
