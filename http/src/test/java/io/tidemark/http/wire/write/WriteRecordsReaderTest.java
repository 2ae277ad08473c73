package io.tidemark.http.wire.write;

import static io.tidemark.http.wire.write.WireBodies.NOW;
import static io.tidemark.http.wire.write.WireBodies.attr;
import static io.tidemark.http.wire.write.WireBodies.cpu;
import static io.tidemark.http.wire.write.WireBodies.dim;
import static io.tidemark.http.wire.write.WireBodies.json;
import static io.tidemark.http.wire.write.WireBodies.rec;
import static io.tidemark.http.wire.write.WireBodies.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.DimensionsCache;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.WriteLimits;
import io.tidemark.engine.write.WriteRecordsBuilder;
import io.tidemark.http.wire.write.WireBodies.Rec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming reader of WriteRecords against the tree reading: for every body the reader takes,
 * the same parsed write (rejections with their indexes and reasons, keys, times, versions, values
 * and the batches they fill) or the same error; every body it does not take (malformed, wrongly
 * typed, members twice …) it leaves to the tree reading, which words the error.
 */
class WriteRecordsReaderTest {

    private final WritePaths paths = new WritePaths();

    /** The reader takes the body and reads it as the tree reading does; returns that reading. */
    private String agrees(String body) {
        String streamed = paths.streamed(body);
        assertThat(streamed).as("streamed reading of %s", body).isNotEqualTo("not taken");
        assertThat(streamed).as("streamed reading of %s", body).isEqualTo(paths.reference(body));
        return streamed;
    }

    /** The reader leaves the body to the tree reading; returns the tree reading. */
    private String leaves(String body) {
        assertThat(paths.streamed(body)).as("streamed reading of %s", body).isEqualTo("not taken");
        return paths.reference(body);
    }

    @Test
    void readsMultiMeasureRecordsAsTheSdksSendThem() {
        List<Rec> records = new ArrayList<>();
        for (int host = 0; host < 20; host++) {
            records.add(rec().dims(dim("hostname", "host_" + host), dim("region", "eu-west-1"), dim("arch", "x64"))
                    .name("cpu").time(NOW).multi(attr("usage_user", host + ".25", "DOUBLE"),
                            attr("usage_system", "-" + host + "e-3", "DOUBLE"), attr("cores", "" + host, "BIGINT"),
                            attr("up", host % 2 == 0 ? "TRUE" : "false", "BOOLEAN"),
                            attr("os", "linux-" + host, "VARCHAR"), attr("boot", "1700000000000", "TIMESTAMP")));
        }
        String read = agrees(json(records.toArray(Rec[]::new)));
        assertThat(read).startsWith("rejections []").contains("usage_user:DOUBLE=").contains("os:VARCHAR=linux-7")
                .contains("boot:TIMESTAMP=1700000000000000000");
    }

    /** The reader sizes the builder from its first record: later records larger or smaller must read the same. */
    @Test
    void readsRecordsUnlikeTheFirstOneAsTheTreeReadingDoes() {
        List<Rec> records = new ArrayList<>();
        records.add(rec().dims(dim("h", "a")).name("m").time(NOW).multi(attr("x", "1", "DOUBLE")));
        for (int i = 0; i < 60; i++) {
            List<MeasureValueInput> values = new ArrayList<>();
            for (int v = 0; v < 1 + i % 13; v++) {
                values.add(attr("attribute_with_a_long_name_" + v, i + "." + v, "DOUBLE"));
            }
            records.add(rec().dims(dim("h", "host_number_" + i), dim("rack", "r" + i % 3)).name("m").time(NOW)
                    .multi(values.toArray(MeasureValueInput[]::new)));
        }
        records.add(rec().dims(dim("h", "b")).name("s").time(NOW).value("2.5"));
        String read = agrees(json(records.toArray(Rec[]::new)));
        assertThat(read).startsWith("rejections []").contains("attribute_with_a_long_name_12:DOUBLE=");
    }

    @Test
    void mergesCommonAttributesMemberByMember() {
        Rec common = rec().dims(dim("region", "eu"), dim("az", "a")).name("cpu").time("1795607999").unit("SECONDS")
                .version(3L).type("MULTI").values(List.of(attr("u", "1.5", "DOUBLE"), attr("s", "2", "DOUBLE")));
        String read = agrees(json(request(common,
                rec().dims(dim("host", "a")),
                rec().dims(dim("host", "b")).time(NOW).unit("MILLISECONDS"),
                rec().dims(dim("host", "c")).version(7L).values(List.of(attr("u", "9", "DOUBLE"))),
                rec().dims(dim("host", "d")).name("mem").type("DOUBLE").value("4").values(List.of()),
                rec().dims(dim("host", "e")).value("1"),
                rec().name("disk"))));
        assertThat(read).contains("v=3").contains("v=7").contains("t=1795607999000000000")
                .contains("The record has the MeasureValueType MULTI and a MeasureValue");
    }

    static Stream<Arguments> rejectedRecords() {
        return Stream.of(
                bad("no measure name", cpu().name(null), "The record has no MeasureName."),
                bad("empty measure name", cpu().name(""), "The record has no MeasureName."),
                bad("measure name of 257 bytes", cpu().name("m".repeat(257)), "is 257 bytes long"),
                bad("measure name of 129 two-byte characters", cpu().name("é".repeat(129)), "is 258 bytes long"),
                bad("reserved measure name", cpu().name("measure_value"), "is reserved"),
                bad("reserved dimension name", cpu().dims(dim("ts_a", "x")), "is reserved"),
                bad("dimension name with a colon", cpu().dims(dim("a:b", "x")), "contains a colon"),
                bad("dimension name of 61 bytes", cpu().dims(dim("d".repeat(61), "x")), "is 61 bytes long"),
                bad("dimension name of 16 four-byte characters", cpu().dims(dim("😀".repeat(16), "x")),
                        "is 64 bytes long"),
                bad("empty dimension name", cpu().dims(dim("", "x")), "a dimension with an empty name"),
                bad("empty dimension value", cpu().dims(dim("host", "")), "has an empty value"),
                bad("dimension twice", cpu().dims(dim("host", "a"), dim("host", "b")), "appears more than once"),
                bad("dimension named as the measure", cpu().dims(dim("cpu", "a")), "is also the record's measure name"),
                bad("129 dimensions", cpu().dimList(dimensions(129)), "The record has 129 dimensions"),
                bad("dimensions of 2049 bytes", cpu().dims(dim("a", "x".repeat(1023)), dim("b", "y".repeat(1024))),
                        "are 2049 bytes together"),
                bad("DOUBLE not a number", cpu().value("abc"), "is not a valid DOUBLE"),
                bad("DOUBLE NaN", cpu().value("NaN"), "NaN and Infinity cannot be written"),
                bad("DOUBLE beyond range", cpu().value("1e400"), "is out of the range of a DOUBLE"),
                bad("DOUBLE with spaces", cpu().value(" 1.5"), "is not a valid DOUBLE"),
                bad("BIGINT with a fraction", cpu().type("BIGINT").value("1.5"), "is not a valid BIGINT"),
                bad("BIGINT beyond 64 bits", cpu().type("BIGINT").value("9223372036854775808"),
                        "is out of the range of a BIGINT"),
                bad("BOOLEAN yes", cpu().type("BOOLEAN").value("yes"), "is not a valid BOOLEAN"),
                bad("empty measure value", cpu().type("VARCHAR").value(""), "The measure value is empty."),
                bad("VARCHAR of 2049 characters", cpu().type("VARCHAR").value("v".repeat(2049)),
                        "is 2049 characters long"),
                bad("TIMESTAMP as a single measure", cpu().type("TIMESTAMP").value("1"),
                        "TIMESTAMP is only allowed for the attributes of a MULTI record"),
                bad("no measure value", cpu().value(null), "The record has no MeasureValue."),
                bad("MeasureValues on a scalar record", cpu().values(List.of(attr("a", "1", "DOUBLE"))),
                        "MeasureValues need the type MULTI"),
                bad("MULTI with a MeasureValue", cpu().type("MULTI"), "a MULTI record carries its values"),
                bad("MULTI without MeasureValues", cpu().value(null).type("MULTI"), "but no MeasureValues"),
                bad("257 attributes", cpu().multi(attributes(257)), "The record has 257 MeasureValues"),
                bad("attribute with an empty name", cpu().multi(attr("", "1", "DOUBLE")), "with an empty name"),
                bad("reserved attribute name", cpu().multi(attr("time", "1", "DOUBLE")), "is reserved"),
                bad("attribute twice", cpu().multi(attr("a", "1", "DOUBLE"), attr("a", "2", "DOUBLE")),
                        "appears more than once in the record's MeasureValues"),
                bad("attribute named as a dimension", cpu().multi(attr("host", "1", "DOUBLE")),
                        "is also a dimension of the record"),
                bad("attribute of type MULTI", cpu().multi(attr("a", "1", "MULTI")), "names no value type"),
                bad("TIMESTAMP attribute beyond range", cpu().multi(attr("a", "9999999999999999", "TIMESTAMP")),
                        "is out of the range of a TIMESTAMP"),
                bad("attribute values of 2049 bytes", cpu().multi(attr("a", "x".repeat(2000), "VARCHAR"),
                        attr("b", "y".repeat(49), "VARCHAR")), "MeasureValues are 2049 bytes together"),
                bad("record of 2049 bytes", cpu().dims(dim("h", "x".repeat(1400))).type("VARCHAR")
                        .value("v".repeat(637)), "The record is 2049 bytes"),
                bad("time outside the memory store", cpu().time("1000"), "is outside the time range"),
                bad("time far beyond 64-bit nanoseconds", cpu().time("99999999999999999999999"),
                        "is outside the time range"));
    }

    private static Arguments bad(String name, Rec record, String reason) {
        return arguments(named(name, record), reason);
    }

    @ParameterizedTest
    @MethodSource("rejectedRecords")
    void rejectsEachBadRecordAsTheTreeReadingDoes(Rec record, String reason) {
        String read = agrees(json(cpu().dims(dim("host", "x")), record, cpu().dims(dim("host", "y"))));
        assertThat(read).contains(reason).contains("recordIndex=1").doesNotContain("recordIndex=0")
                .doesNotContain("recordIndex=2");
    }

    @Test
    void rejectsNamesThatClashAcrossRecordsOfTheRequest() {
        String read = agrees(json(
                cpu(),
                cpu().type("BIGINT").value("1"),
                cpu().dims(dim("mem", "a")).name("host2"),
                cpu().dims(dim("cpu", "b")).name("mem"),
                rec().dims(dim("host", "c")).name("m").time(NOW).multi(attr("u", "1", "DOUBLE")),
                rec().dims(dim("host", "d")).name("m").time(NOW).multi(attr("u", "x", "VARCHAR")),
                rec().dims(dim("u", "e")).name("n").time(NOW).value("1")));
        assertThat(read).contains("recordIndex=1").contains("is written as DOUBLE by an earlier record")
                .contains("recordIndex=3").contains("recordIndex=5").contains("recordIndex=6");
    }

    static Stream<Arguments> requestErrors() {
        Rec common = rec().dims(dim("host", "a"));
        return Stream.of(
                arguments(named("unknown MeasureValueType", json(cpu(), cpu().type("FLOAT"))),
                        "Value 'FLOAT' at 'records.2.member.measureValueType' failed to satisfy constraint"),
                arguments(named("unknown TimeUnit", json(cpu().unit("HOURS"))), "records.1.member.timeUnit"),
                arguments(named("Version 0", json(cpu().version(0L))), "records.1.member.version"),
                arguments(named("Time not an integer", json(cpu().time("12.5"))), "Invalid time for record."),
                arguments(named("Time of 257 characters", json(cpu().time("1".repeat(257)))),
                        "is longer than 256 characters"),
                arguments(named("no Time anywhere", json(cpu().time(null))), "is missing"),
                arguments(named("DimensionValueType BIGINT", json(cpu().dims(new DimensionInput("h", "1", "BIGINT")))),
                        "records.1.member.dimensions.1.member.dimensionValueType"),
                arguments(named("dimension without Name", json(cpu(), cpu().dims(dim("a", "b"),
                        new DimensionInput(null, "x", null)))), "records.2.member.dimensions.2.member.name"),
                arguments(named("dimension without Value", json(cpu().dims(new DimensionInput("h", null, null)))),
                        "records.1.member.dimensions.1.member.value"),
                arguments(named("attribute without Type", json(cpu().multi(new MeasureValueInput("a", "1", null)))),
                        "records.1.member.measureValues.1.member.type"),
                arguments(named("attribute without Value", json(cpu().multi(new MeasureValueInput("a", null, "DOUBLE")))),
                        "records.1.member.measureValues.1.member.value"),
                arguments(named("attribute of unknown Type", json(cpu().multi(attr("a", "1", "INT")))),
                        "Value 'INT' at 'records.1.member.measureValues.1.member.type'"),
                arguments(named("record repeating a common dimension", json(request(common, cpu()))),
                        "is also given in CommonAttributes"),
                arguments(named("common dimension twice", json(request(rec().dims(dim("a", "1"), dim("a", "2")),
                        cpu()))), "Invalid CommonAttributes"),
                arguments(named("bad common TimeUnit", json(request(rec().unit("DAYS"), cpu()))),
                        "commonAttributes.timeUnit"),
                arguments(named("no records", json(request(null))), "Value [] at 'records'"),
                arguments(named("101 records, one malformed", json(records(101, cpu().unit("HOURS")))),
                        "Value list of 101 records at 'records'"),
                arguments(named("empty DatabaseName", json(new io.tidemark.engine.write.WriteRecordsRequest("", "tbl",
                        null, List.of(cpu().build())))), "Value '' at 'databaseName'"));
    }

    @ParameterizedTest
    @MethodSource("requestErrors")
    void failsTheWholeRequestAsTheTreeReadingDoes(String body, String message) {
        assertThat(agrees(body)).startsWith("error VALIDATION").contains(message);
    }

    @Test
    void readsTheValuesOfNumbersAtTheirLimits() {
        String read = agrees(json(
                cpu().name("count").type("BIGINT").value("-9223372036854775808"),
                cpu().dims(dim("host", "b")).name("count").type("BIGINT").value("9223372036854775807"),
                cpu().dims(dim("host", "c")).value("123456789012345678901234567890.5"),
                cpu().dims(dim("host", "d")).value("0.1"),
                cpu().dims(dim("host", "e")).value("-0.0"),
                cpu().dims(dim("host", "f")).value("4.9e-324"),
                cpu().dims(dim("host", "g")).value("1.7976931348623157e308"),
                cpu().dims(dim("host", "h")).value("0.30000000000000004"),
                cpu().dims(dim("host", "i")).value("+.5"),
                cpu().dims(dim("host", "j")).value("7.").version(Long.MAX_VALUE)));
        assertThat(read).startsWith("rejections []").contains("=-9223372036854775808").contains("=9223372036854775807")
                .contains("(0.1)").contains("(-0.0)").contains("(0.5)").contains("v=9223372036854775807");
    }

    @Test
    void readsEscapedAndNonAsciiNamesAndValues() {
        String body = "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":["
                + "{\"Dimensions\":[{\"Name\":\"h\\u00e9ste\",\"Value\":\"\\ud83d\\ude00 \\\"q\\\" \\\\ \\n\"}],"
                + "\"MeasureName\":\"c\\u0070u\",\"MeasureValue\":\"\\u0031.5\",\"Time\":\"" + NOW + "\"},"
                + "{\"Dimensions\":[{\"Name\":\"héste\",\"Value\":\"😀 \\\"q\\\" \\\\ \\n\"}],"
                + "\"MeasureName\":\"cpu\",\"MeasureValue\":\"2.5\",\"Time\":\"" + NOW + "\",\"Version\":2}]}";
        String read = agrees(body);
        assertThat(read).startsWith("rejections []").contains("héste").contains("😀");
    }

    /** A name with an unpaired surrogate encodes as "?" in UTF-8: a plain "?" in the next record is another name. */
    @Test
    void tellsANameWithAnUnpairedSurrogateFromAQuestionMark() {
        String body = "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":["
                + "{\"Dimensions\":[{\"Name\":\"h\",\"Value\":\"a\"}],\"MeasureName\":\"\\ud800\",\"MeasureValue\":\"1\","
                + "\"Time\":\"" + NOW + "\"},"
                + "{\"Dimensions\":[{\"Name\":\"h\",\"Value\":\"a\"}],\"MeasureName\":\"?\",\"MeasureValue\":\"2\","
                + "\"Time\":\"" + NOW + "\"}]}";
        String read = agrees(body);
        assertThat(read).contains("1 {h=a, measure_name=?}");
    }

    @Test
    void keepsASeriesKeyForEveryDimensionListItHasSeen() {
        WriteRecordsReader reader = new WriteRecordsReader(new DimensionsCache(100));
        byte[] first = json(cpu(), cpu().dims(dim("host", "b"))).getBytes(StandardCharsets.UTF_8);
        byte[] second = json(cpu().dims(dim("host", "b")).value("7"), cpu().value("8")).getBytes(StandardCharsets.UTF_8);
        WriteRecordsBuilder a = new WriteRecordsBuilder(WriteLimits.TIMESTREAM);
        WriteRecordsBuilder b = new WriteRecordsBuilder(WriteLimits.TIMESTREAM);
        assertThat(reader.read(first, a)).isTrue();
        assertThat(reader.read(second, b)).isTrue();
        assertThat(b.build().seriesKey(0)).isSameAs(a.build().seriesKey(1));
        assertThat(b.build().seriesKey(1)).isSameAs(a.build().seriesKey(0));
    }

    @Test
    void readsABodyAtTheStartOfALongerArrayAsTheBodyAlone() {
        // the array a server thread reuses: a shorter body written over the start of a longer one
        byte[] longer = json(cpu().value("1"), cpu().dims(dim("host", "b")).value("2"), cpu().value("3"))
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = json(cpu().value("4"), cpu().dims(dim("host", "b")).value("5")).getBytes(StandardCharsets.UTF_8);
        byte[] reused = longer.clone();
        System.arraycopy(body, 0, reused, 0, body.length);
        WriteRecordsReader reader = new WriteRecordsReader(new DimensionsCache(100));
        WriteRecordsBuilder exact = new WriteRecordsBuilder(WriteLimits.TIMESTREAM);
        WriteRecordsBuilder prefix = new WriteRecordsBuilder(WriteLimits.TIMESTREAM);
        WriteRecordsBuilder whole = new WriteRecordsBuilder(WriteLimits.TIMESTREAM);

        assertThat(reader.read(body, exact)).isTrue();
        assertThat(reader.read(reused, body.length, prefix)).isTrue();
        assertThat(reader.read(reused, reused.length, whole)).as("the whole array is no JSON body").isFalse();
        String read = WritePaths.describe(prefix.build());
        assertThat(read).isEqualTo(WritePaths.describe(exact.build())).contains("(5.0)").doesNotContain("(3.0)");
    }

    @Test
    void readsTheListThatFollowsAsItselfWhenItIsNotTheOneThatFollowedLastTime() {
        // a then b teaches the reader that b follows a; then a is followed by lists b is a prefix of, or near b
        agrees(json(cpu().dims(dim("host", "a")), cpu().dims(dim("host", "b"))));
        String read = agrees(json(cpu().dims(dim("host", "a")), cpu().dims(dim("host", "bb")),
                cpu().dims(dim("host", "a")), cpu().dims(dim("host", "c")),
                cpu().dims(dim("host", "a")), cpu().dims(dim("host", "b"), dim("rack", "r")),
                cpu().dims(dim("host", "a")), cpu().dims(dim("host", "b"))));
        assertThat(read).contains("1 {host=bb, measure_name=cpu}").contains("3 {host=c, measure_name=cpu}")
                .contains("5 {host=b, rack=r, measure_name=cpu}").contains("7 {host=b, measure_name=cpu}");
    }

    @Test
    void checksAKnownDimensionListAgainstEachRecordsMeasureName() {
        agrees(json(cpu()));
        String read = agrees(json(cpu().name("host"), cpu().dims(dim("host", "a"), dim("rack", "r")).name("rack")));
        assertThat(read).contains("recordIndex=0").contains("The dimension name 'host' is also the record's measure name")
                .contains("recordIndex=1").contains("The dimension name 'rack' is also the record's measure name");
        String again = agrees(json(cpu().name("host"), cpu().name("cpu2")));
        assertThat(again).contains("recordIndex=0").doesNotContain("recordIndex=1");
    }

    @Test
    void readsAKnownDimensionListWithCommonDimensions() {
        agrees(json(cpu()));
        String read = agrees(json(request(rec().dims(dim("region", "eu")), cpu(), cpu().name("region"))));
        assertThat(read).contains("region=eu").contains("recordIndex=1");
    }

    @Test
    void ignoresMembersOutsideTheModel() {
        String body = "{\"DatabaseName\":\"db\",\"Extra\":{\"a\":[1,{\"b\":null}]},\"TableName\":\"tbl\",\"Records\":["
                + "{\"MeasureName\":\"cpu\",\"x\":[[]],\"MeasureValue\":\"1\",\"Time\":\"" + NOW + "\",\"Dimensions\":"
                + "[{\"Name\":\"h\",\"y\":true,\"Value\":\"a\"}],\"MeasureValues\":null}]}";
        assertThat(agrees(body)).startsWith("rejections []");
    }

    @Test
    void leavesEveryTruncationOfABodyToTheTreeReading() {
        String body = json(request(rec().dims(dim("region", "eu")).time(NOW),
                cpu().multi(attr("u", "1.5", "DOUBLE")).version(2L), cpu().dims(dim("host", "b"))));
        for (int end = 0; end < body.length() - 1; end++) {
            String truncated = body.substring(0, end);
            String read = leaves(truncated);
            assertThat(read).as("tree reading of %s", truncated).startsWith(end == 0 ? "wire error ValidationException"
                    : "wire error SerializationException");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]", "\"x\"", "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[1]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[null]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":{}}",
        "{\"DatabaseName\":1,\"TableName\":\"tbl\",\"Records\":[]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"CommonAttributes\":[],\"Records\":[]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"MeasureName\":5}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"MeasureValue\":1.5}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Time\":1795608000000}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Version\":\"2\"}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Version\":1.0}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Version\":99999999999999999999}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Dimensions\":{}}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Dimensions\":[\"h\"]}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Dimensions\":[{\"Name\":[]}]}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Dimensions\":[{\"Value\":true}]}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"MeasureValues\":[{\"Value\":1}]}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"MeasureValues\":[{\"Type\":{}}]}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"MeasureValues\":[[]]}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"TimeUnit\":false}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\"}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":null}",
        "{\"TableName\":\"tbl\",\"Records\":[]}",
        "{\"DatabaseName\":\"db\",\"TableName\":null,\"Records\":[]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Dimensions\":[{\"Name\":\"h\",\"Value\":\"a\"}"
                + ",{\"Name\":\"h\",\"Value\":\"a\" \"x\"}]}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"MeasureValues\":[{\"Name\":\"a\"},]}]}",
        // Dimensions lists are skipped by brackets and quotes alone, and read in full when their bytes are new
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Dimensions\":[{\"Name\":\"h\",\"Value\":\"a\"}"
                + "{\"Name\":\"r\",\"Value\":\"b\"}]}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Dimensions\":[{\"Name\":\"h\",\"Value\":\"a\"]}]}",
        "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{\"Dimensions\":[{\"Name\":\"h\",\"Value\":\"a\"}]]}]}"
    })
    void leavesBodiesOfAnotherShapeToTheTreeReading(String body) {
        assertThat(leaves(body)).startsWith("wire error");
    }

    static Stream<Arguments> membersGivenTwice() {
        String t = "\"Time\":\"" + NOW + "\"";
        return Stream.of(
                arguments(named("DatabaseName", "{\"DatabaseName\":\"x\",\"DatabaseName\":\"db\",\"TableName\":\"tbl\","
                        + "\"Records\":[{\"MeasureName\":\"cpu\",\"MeasureValue\":\"1\"," + t + "}]}")),
                arguments(named("Records", "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{}],"
                        + "\"Records\":[{\"MeasureName\":\"cpu\",\"MeasureValue\":\"1\"," + t + "}]}")),
                arguments(named("CommonAttributes", "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"CommonAttributes\":"
                        + "{\"MeasureName\":1},\"CommonAttributes\":{\"MeasureName\":\"cpu\"},\"Records\":[{"
                        + "\"MeasureValue\":\"1\"," + t + "}]}")),
                arguments(named("MeasureName", "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{"
                        + "\"MeasureName\":5,\"MeasureName\":\"cpu\",\"MeasureValue\":\"1\"," + t + "}]}")),
                arguments(named("Dimensions", "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{"
                        + "\"Dimensions\":[{\"Name\":\"a\",\"Value\":\"1\"}],\"Dimensions\":[{\"Name\":\"b\",\"Value\":\"2\"}],"
                        + "\"MeasureName\":\"cpu\",\"MeasureValue\":\"1\"," + t + "}]}")),
                arguments(named("dimension Value", "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{"
                        + "\"Dimensions\":[{\"Name\":\"a\",\"Value\":\"1\",\"Value\":\"2\"}],"
                        + "\"MeasureName\":\"cpu\",\"MeasureValue\":\"1\"," + t + "}]}")),
                arguments(named("attribute Value", "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\",\"Records\":[{"
                        + "\"MeasureName\":\"cpu\",\"MeasureValueType\":\"MULTI\",\"MeasureValues\":[{\"Name\":\"u\","
                        + "\"Value\":\"x\",\"Value\":\"2\",\"Type\":\"DOUBLE\"}]," + t + "}]}")),
                arguments(named("CommonAttributes after Records", "{\"DatabaseName\":\"db\",\"TableName\":\"tbl\","
                        + "\"Records\":[{\"MeasureValue\":\"1\"," + t + "}],\"CommonAttributes\":{\"MeasureName\":\"cpu\"}}")));
    }

    @ParameterizedTest
    @MethodSource("membersGivenTwice")
    void leavesMembersGivenTwiceOrOutOfOrderToTheTreeReadingWhichKeepsTheLast(String body) {
        assertThat(leaves(body)).startsWith("rejections []").contains("cpu");
    }

    private static List<DimensionInput> dimensions(int count) {
        List<DimensionInput> dims = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dims.add(dim("d" + i, "v"));
        }
        return dims;
    }

    private static MeasureValueInput[] attributes(int count) {
        MeasureValueInput[] values = new MeasureValueInput[count];
        for (int i = 0; i < count; i++) {
            values[i] = attr("a" + i, "1", "DOUBLE");
        }
        return values;
    }

    private static Rec[] records(int count, Rec malformed) {
        Rec[] records = new Rec[count];
        for (int i = 0; i < count; i++) {
            records[i] = i == 3 ? malformed : cpu().dims(dim("host", "h" + i));
        }
        return records;
    }
}
