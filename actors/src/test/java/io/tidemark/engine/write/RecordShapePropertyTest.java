package io.tidemark.engine.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.EngineException;
import java.util.ArrayList;
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
 * A record with the names of the last accepted multi-measure record skips the rules of names
 * ({@link RecordShape}); it must end exactly as if every rule had been checked: the same
 * rejections with the same reasons, the same keys, times, versions, values and schema delta, or
 * the same request error. The requests are runs of records of a few shapes, with values and
 * dimension values that break the value, size and dimension rules now and then.
 */
class RecordShapePropertyTest {

    @Property(tries = 500)
    void aRecordOfTheLastShapeEndsAsIfEveryRuleWereChecked(@ForAll("requests") WriteRecordsRequest request) {
        String shortcut = parse(request, true);

        assertThat(shortcut).isEqualTo(parse(request, false));
        Statistics.label("outcome").collect(shortcut.startsWith("error") ? "request error"
                : shortcut.startsWith("rejections []") ? "all valid" : "rejections");
    }

    private static String parse(WriteRecordsRequest request, boolean sameShapeShortcut) {
        WriteRecordsBuilder builder = new WriteRecordsBuilder(WriteLimits.TIMESTREAM, sameShapeShortcut);
        builder.databaseName(request.databaseName());
        builder.tableName(request.tableName());
        if (request.commonAttributes() != null) {
            builder.commonAttributes(new RecordFields().set(request.commonAttributes()));
        }
        builder.recordsPresent();
        RecordFields fields = new RecordFields();
        for (RecordInput r : request.records()) {
            builder.record(fields.set(r));
        }
        try {
            return describe(builder.build());
        } catch (EngineException e) {
            return "error " + e.kind() + ": " + e.getMessage();
        }
    }

    private static String describe(ParsedWrite parsed) {
        StringBuilder out = new StringBuilder();
        out.append("rejections ").append(parsed.rejections()).append('\n');
        out.append("schema ").append(parsed.schemaDelta()).append('\n');
        for (int i = 0; i < parsed.recordCount(); i++) {
            if (!parsed.isValid(i)) {
                continue;
            }
            out.append(i).append(' ').append(parsed.seriesKey(i)).append(' ').append(parsed.measureType(i))
                    .append(" t=").append(parsed.timeNanos(i)).append(" v=").append(parsed.version(i));
            for (int v = parsed.valueStart(i); v < parsed.valueEnd(i); v++) {
                out.append(' ').append(parsed.valueColumn(v)).append(':').append(parsed.valueType(v)).append('=')
                        .append(parsed.valueBits(v)).append('/').append(parsed.valueString(v));
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Provide
    Arbitrary<WriteRecordsRequest> requests() {
        Arbitrary<RecordInput> common = Arbitraries.of(
                new RecordInput(List.of(new DimensionInput("dc", "eu", null)), null, null, null, null, null, null,
                        null),
                new RecordInput(null, "cpu", null, "MULTI", null, null, null, List.of(
                        new MeasureValueInput("load", "1.5", "DOUBLE"))),
                new RecordInput(null, null, "7", null, null, null, null, null)).injectNull(0.7);
        return Combinators.combine(common, record().list().ofMinSize(1).ofMaxSize(12))
                .as((c, records) -> new WriteRecordsRequest("db", "tbl", c, records));
    }

    /** Mostly one shape (cpu, host and region, load and state), sometimes another. */
    private static Arbitrary<RecordInput> record() {
        Arbitrary<String> measureNames = Arbitraries.frequency(Tuple.of(12, "cpu"), Tuple.of(1, "mem"),
                Tuple.of(1, "host"), Tuple.of(1, "load"), Tuple.of(1, ""));
        Arbitrary<String> dimensionValues = Arbitraries.frequency(Tuple.of(10, "a"), Tuple.of(10, "b"),
                Tuple.of(1, ""), Tuple.of(1, "é".repeat(700)), Tuple.of(1, "v".repeat(1500)));
        Arbitrary<List<DimensionInput>> dimensions = Combinators.combine(dimensionValues, dimensionValues,
                Arbitraries.frequency(Tuple.of(12, "region"), Tuple.of(1, "host"), Tuple.of(1, "state"),
                        Tuple.of(1, "r:x")))
                .as((host, region, second) -> List.of(new DimensionInput("host", host, null),
                        new DimensionInput(second, region, null)));
        Arbitrary<String> numbers = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.doubles().map(Object::toString)),
                Tuple.of(1, Arbitraries.of("", "abc", "1e400", "NaN", "x".repeat(2100))));
        Arbitrary<String> texts = Arbitraries.frequency(Tuple.of(10, "ok"), Tuple.of(1, ""),
                Tuple.of(1, "s".repeat(1000)), Tuple.of(1, "ü".repeat(1100)));
        Arbitrary<String> loadTypes = Arbitraries.frequency(Tuple.of(12, "DOUBLE"), Tuple.of(1, "BIGINT"),
                Tuple.of(1, "VARCHAR"));
        Arbitrary<String> stateNames = Arbitraries.frequency(Tuple.of(12, "state"), Tuple.of(1, "load"),
                Tuple.of(1, "host"), Tuple.of(1, "cpu"));
        Arbitrary<List<MeasureValueInput>> values = Combinators.combine(numbers, loadTypes, stateNames, texts,
                Arbitraries.integers().between(0, 12))
                .as((load, loadType, stateName, state, extra) -> {
                    List<MeasureValueInput> list = new ArrayList<>(List.of(new MeasureValueInput("load", load,
                            loadType), new MeasureValueInput(stateName, state, "VARCHAR")));
                    if (extra == 0) {
                        list.add(new MeasureValueInput("more", "1", "BIGINT"));
                    }
                    return list;
                });
        Arbitrary<String> times = Arbitraries.of("1795607999000", "1795608000000", "99999999999999999999");
        Arbitrary<String> measureValues = Arbitraries.of("3").injectNull(0.95);
        return Combinators.combine(dimensions, measureNames, measureValues, times, values.injectNull(0.05))
                .as((dims, measure, measureValue, time, attributes) -> new RecordInput(dims, measure, measureValue,
                        "MULTI", time, null, null, attributes));
    }
}
