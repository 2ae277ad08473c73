package io.tidemark.http.wire.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.engine.write.WriteRecordsRequest;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated WriteRecords bodies, encoded as the SDKs encode them: the streaming reader takes every
 * one and reads it exactly as the tree reading does (the same parsed write, or the same error).
 * One reader serves every try, so dimension lists come back from its cache with other measure
 * names, other CommonAttributes and other limits of the request around them.
 */
class WriteRecordsReaderPropertyTest {

    private static final WritePaths PATHS = new WritePaths();

    @Property(tries = 400)
    void theStreamingReaderAgreesWithTheTreeReading(@ForAll("requests") WriteRecordsRequest request) {
        String body = WireBodies.json(request);
        String streamed = PATHS.streamed(body);
        assertThat(streamed).isNotEqualTo("not taken");
        assertThat(streamed).isEqualTo(PATHS.reference(body));
        Statistics.label("outcome").collect(streamed.startsWith("error") ? "request error"
                : streamed.startsWith("rejections []") ? "all valid" : "rejections");
    }

    @Provide
    Arbitrary<WriteRecordsRequest> requests() {
        Arbitrary<String> resourceNames = Arbitraries.frequency(Tuple.of(30, "db"), Tuple.of(1, ""));
        Arbitrary<RecordInput> common = Arbitraries.frequencyOf(Tuple.of(9, record(Arbitraries.of("dc", "rack"), false)),
                Tuple.of(1, record(Arbitraries.of("dc", "time"), true))).injectNull(0.6);
        Arbitrary<RecordInput> records = Arbitraries.frequencyOf(
                Tuple.of(40, record(Arbitraries.of("host", "region", "os"), false)),
                Tuple.of(1, record(Arbitraries.of("host", "region", "os", "cpu", "u", "dc"), true)));
        return Combinators.combine(resourceNames, common, records.list().ofMinSize(1).ofMaxSize(12))
                .as((db, c, list) -> new WriteRecordsRequest(db, "tbl", c, list));
    }

    /** @param fuzzed whether members may break the model's rules (bad enums, times, versions, null members) */
    private static Arbitrary<RecordInput> record(Arbitrary<String> dimensionNames, boolean fuzzed) {
        Arbitrary<DimensionInput> dimension = Combinators.combine(dimensionNames,
                Arbitraries.of("a", "b", "a", "b", "héllo", "😀", "", "x".repeat(70)),
                fuzzed ? Arbitraries.of("VARCHAR", "BIGINT").injectNull(0.5) : Arbitraries.of("VARCHAR").injectNull(0.9))
                .as(DimensionInput::new);
        // CommonAttributes' dimension names are distinct unless fuzzed: a name twice there fails the request.
        Arbitrary<List<DimensionInput>> dimensions = (fuzzed ? dimension.list() : dimension.list()
                .uniqueElements(DimensionInput::name)).ofMaxSize(3).injectNull(0.1);
        Arbitrary<String> measureNames = Arbitraries.of("cpu", "cpu", "mem", "host", "measure_value", "u", "")
                .injectNull(0.05);
        Arbitrary<String> someValue = Arbitraries.of("1.5", "-2", "0.1", "1e3", "1e400", "abc", "true", "FALSE", "",
                "9223372036854775808", "1700000000000", "12345678901234567890.25");
        Arbitrary<String> someType = fuzzed ? Arbitraries.of("DOUBLE", "BIGINT", "MULTI", "FLOAT")
                : Arbitraries.of("DOUBLE", "DOUBLE", "BIGINT", "VARCHAR", "BOOLEAN", "TIMESTAMP", "MULTI", "MULTI");
        Arbitrary<String> values = someValue.injectNull(0.2);
        Arbitrary<String> types = someType.injectNull(0.3);
        Arbitrary<String> times = fuzzed
                ? Arbitraries.of(WireBodies.NOW, "x1", "1".repeat(300)).injectNull(0.3)
                : Arbitraries.of(WireBodies.NOW, WireBodies.NOW, "1795607999", "1000", "99999999999999999999");
        Arbitrary<String> units = fuzzed
                ? Arbitraries.of("MILLISECONDS", "HOURS").injectNull(0.5)
                : Arbitraries.of("MILLISECONDS", "SECONDS", "NANOSECONDS").injectNull(0.7);
        Arbitrary<Long> versions = fuzzed ? Arbitraries.of(1L, 0L, -5L).injectNull(0.5)
                : Arbitraries.of(1L, 2L, Long.MAX_VALUE).injectNull(0.7);
        Arbitrary<MeasureValueInput> attribute = Combinators.combine(
                Arbitraries.of("usage_user", "usage_system", "usage_user", "host", "ts_x", "a:b", ""),
                fuzzed ? values : someValue, fuzzed ? types : someType)
                .as(MeasureValueInput::new);
        Arbitrary<List<MeasureValueInput>> attributes = attribute.list().ofMaxSize(4).injectNull(0.4);
        return Combinators.combine(dimensions, measureNames, values, types, times, units, versions, attributes)
                .as(RecordInput::new);
    }
}
