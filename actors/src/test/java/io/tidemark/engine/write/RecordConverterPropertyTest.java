package io.tidemark.engine.write;

import static io.tidemark.engine.write.WriteFixtures.NOW_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.PartitionKey;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.SchemaDelta;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableSchema;
import io.tidemark.storage.model.MeasureType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzed WriteRecords requests: {@code parse} fails only with a validation error, and for any
 * request it accepts, {@code fill} never throws and accounts for every record exactly once (a row
 * or a rejection), whatever schema the catalog answers with.
 */
class RecordConverterPropertyTest {

    private static final long HOUR = 3_600_000L;
    /** CommonAttributes' dimension names start with it, records' with "host", so the two never overlap. */
    private static final String COMMON_PREFIX = "dc";

    private final RecordConverter converter = new RecordConverter(WriteLimits.TIMESTREAM);

    /** Anything the wire could carry: missing members, bad enums, bad times, null list items. */
    @Provide
    Arbitrary<WriteRecordsRequest> fuzzedRequests() {
        Arbitrary<String> names = Arbitraries.of("db", "").injectNull(0.05);
        return Combinators.combine(names, names, records(false, COMMON_PREFIX).injectNull(0.3),
                records(false, "host").list().ofMaxSize(6).injectNull(0.03)).as(WriteRecordsRequest::new);
    }

    /**
     * Requests whose members all satisfy Timestream's model (required members present, enums and
     * times well-formed, CommonAttributes' dimensions apart from the records'), while names, values
     * and their combinations are fuzzed: parse must answer these with rejections only.
     */
    @Provide
    Arbitrary<WriteRecordsRequest> wellFormedRequests() {
        Arbitrary<RecordInput> records = Arbitraries.frequencyOf(Tuple.of(3, plausibleRecords()),
                Tuple.of(1, records(true, "host")));
        return Combinators.combine(records(true, COMMON_PREFIX).injectNull(0.5), records.list().ofMinSize(1).ofMaxSize(8))
                .as((common, list) -> new WriteRecordsRequest("db", "tbl", common, list));
    }

    /** Records that are mostly valid, so that fill sees rows as well as rejections. */
    private static Arbitrary<RecordInput> plausibleRecords() {
        Arbitrary<List<DimensionInput>> hosts = Arbitraries.of("a", "b", "c")
                .map(h -> List.of(new DimensionInput("host", h, null)));
        Arbitrary<String> numbers = Arbitraries.doubles().between(-1e6, 1e6).map(Object::toString);
        Arbitrary<RecordInput> single = Combinators.combine(hosts, numbers, times(true))
                .as((dims, value, time) -> new RecordInput(dims, "cpu", value, null, time, null, null, null));
        Arbitrary<RecordInput> multi = Combinators.combine(hosts, numbers, text(), times(true))
                .as((dims, load, state, time) -> new RecordInput(dims, "metrics", null, "MULTI", time, null, 2L,
                        List.of(new MeasureValueInput("load", load, "DOUBLE"),
                                new MeasureValueInput("state", state, "VARCHAR"))));
        return Arbitraries.oneOf(single, multi);
    }

    private Arbitrary<RecordInput> records(boolean wellFormed, String dimensionName) {
        Arbitrary<String> measureNames = Arbitraries.oneOf(Arbitraries.of("cpu", "mem", "metrics", "host", "dc",
                "time", "ts_x", "measure_value::double", "", "é".repeat(130)), text()).injectNull(0.2);
        Arbitrary<String> types = (wellFormed ? Arbitraries.of("DOUBLE", "BIGINT", "VARCHAR", "BOOLEAN", "TIMESTAMP",
                "MULTI") : Arbitraries.of("DOUBLE", "BIGINT", "VARCHAR", "BOOLEAN", "TIMESTAMP", "MULTI", "FLOAT",
                "double")).injectNull(0.3);
        Arbitrary<String> units = (wellFormed ? Arbitraries.of("MILLISECONDS", "SECONDS", "MICROSECONDS",
                "NANOSECONDS") : Arbitraries.of("MILLISECONDS", "SECONDS", "MICROSECONDS", "NANOSECONDS", "HOURS"))
                .injectNull(0.6);
        Arbitrary<Long> versions = (wellFormed ? Arbitraries.of(1L, 2L, Long.MAX_VALUE)
                : Arbitraries.of(-1L, 0L, 1L, 2L, Long.MAX_VALUE)).injectNull(0.6);
        return Combinators.combine(dimensions(wellFormed, dimensionName), measureNames, values().injectNull(0.3),
                types, times(wellFormed), units, versions, attributes(wellFormed)).as(RecordInput::new);
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().all().ofMaxLength(12);
    }

    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of("1.5", "-3", "0", "true", "FALSE", "NaN", "Infinity", "1e400", "1e3", ".", "+", "-",
                        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "0x10", "1_000", "",
                        "x".repeat(2100)),
                Arbitraries.longs().map(Object::toString),
                Arbitraries.doubles().map(Object::toString),
                text());
    }

    private static Arbitrary<String> times(boolean wellFormed) {
        Arbitrary<String> nearNow = Arbitraries.longs().between(NOW_MILLIS - 8 * HOUR, NOW_MILLIS + HOUR)
                .map(Object::toString);
        Arbitrary<String> extremes = Arbitraries.of("99999999999999999999", "-1", "9223372036854775807",
                "-9223372036854775808", "+5");
        if (wellFormed) {
            return Arbitraries.frequencyOf(Tuple.of(8, nearNow), Tuple.of(1, extremes));
        }
        return Arbitraries.frequencyOf(Tuple.of(8, nearNow), Tuple.of(1, extremes),
                Tuple.of(1, Arbitraries.of("", "abc", "1.5")), Tuple.of(1, text())).injectNull(0.1);
    }

    private static Arbitrary<List<DimensionInput>> dimensions(boolean wellFormed, String prefix) {
        double broken = wellFormed ? 0 : 0.03;
        Arbitrary<String> dimNames = Arbitraries.oneOf(Arbitraries.of(prefix, prefix + "2", prefix + ":b",
                "ts_" + prefix, prefix.equals(COMMON_PREFIX) ? prefix + "3" : ""), text().map(t -> prefix + t)).injectNull(broken);
        Arbitrary<String> dimValues = Arbitraries.oneOf(Arbitraries.of("a", "b", "", "v".repeat(2100)), text())
                .injectNull(broken);
        Arbitrary<String> dimTypes = (wellFormed ? Arbitraries.of("VARCHAR") : Arbitraries.of("VARCHAR", "BIGINT"))
                .injectNull(0.9);
        Arbitrary<DimensionInput> dims = Combinators.combine(dimNames, dimValues, dimTypes).as(DimensionInput::new);
        if (wellFormed && prefix.equals(COMMON_PREFIX)) {
            // CommonAttributes naming a dimension twice fail the whole request.
            return dims.list().uniqueElements(DimensionInput::name).ofMaxSize(4).injectNull(0.3);
        }
        return dims.injectNull(broken).list().ofMaxSize(4).injectNull(0.3);
    }

    private static Arbitrary<List<MeasureValueInput>> attributes(boolean wellFormed) {
        double broken = wellFormed ? 0 : 0.03;
        Arbitrary<String> attrNames = Arbitraries.oneOf(Arbitraries.of("load", "count", "host", "state", "", "ts_a"),
                text()).injectNull(broken);
        Arbitrary<String> attrTypes = (wellFormed ? Arbitraries.of("DOUBLE", "BIGINT", "VARCHAR", "BOOLEAN",
                "TIMESTAMP", "MULTI") : Arbitraries.of("DOUBLE", "BIGINT", "VARCHAR", "BOOLEAN", "TIMESTAMP", "MULTI",
                "NUMBER")).injectNull(broken);
        return Combinators.combine(attrNames, values().injectNull(broken), attrTypes).as(MeasureValueInput::new)
                .injectNull(broken).list().ofMaxSize(4).injectNull(0.5);
    }

    @Property(tries = 400)
    void parseOfAnyRequestFailsOnlyWithAValidationError(@ForAll("fuzzedRequests") WriteRecordsRequest request) {
        try {
            fillEveryWay(converter.parse(request));
        } catch (EngineException e) {
            assertThat(e.kind()).isEqualTo(ErrorKind.VALIDATION);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 400)
    void aWellFormedRequestIsNeverRefusedWhole(@ForAll("wellFormedRequests") WriteRecordsRequest request) {
        ParsedWrite parsed = converter.parse(request);

        assertThat(parsed.recordCount()).isEqualTo(request.records().size());
        fillEveryWay(parsed);
        Statistics.label("valid records").collect(parsed.validRecordCount() > 0);
        Statistics.label("valid records").coverage(coverage -> coverage.check(true).percentage(p -> p > 30));
    }

    /** Fills the parsed write against several schemas and tables; every record ends as one row or one rejection. */
    private void fillEveryWay(ParsedWrite parsed) {
        SchemaDelta delta = parsed.schemaDelta();
        for (TableSchema schema : List.of(registered(delta), TableSchema.EMPTY, conflicting(delta))) {
            for (TableDescription table : tables()) {
                IngestBatch batch = new IngestBatch(table, NOW_MILLIS);
                converter.fill(parsed, schema, batch);

                List<RejectedRecord> rejections = batch.rejections();
                assertThat(rejections).extracting(RejectedRecord::recordIndex).doesNotHaveDuplicates()
                        .allMatch(i -> i >= 0 && i < parsed.recordCount());
                assertThat(rejections).allMatch(r -> !r.reason().isBlank());
                assertThat(batch.rowCount() + rejections.size()).isEqualTo(parsed.recordCount());
                int rows = batch.build().stream().mapToInt(p -> p.recordIndexes().length).sum();
                assertThat(rows).isEqualTo(batch.rowCount());
            }
        }
    }

    private static TableSchema registered(SchemaDelta delta) {
        return new TableSchema(delta.measures(), delta.attributes(), delta.dimensions());
    }

    /** Every name of the delta bound to another type, or turned into a name of another kind. */
    private static TableSchema conflicting(SchemaDelta delta) {
        Map<String, MeasureType> measures = new HashMap<>();
        delta.measures().forEach((name, type) -> measures.put(name, type == MeasureType.DOUBLE ? MeasureType.BIGINT
                : MeasureType.DOUBLE));
        Map<String, MeasureType> attributes = new HashMap<>();
        delta.attributes().forEach((name, type) -> attributes.put(name, type == MeasureType.VARCHAR
                ? MeasureType.BOOLEAN : MeasureType.VARCHAR));
        Set<String> dimensions = new HashSet<>(delta.measures().keySet());
        return new TableSchema(measures, attributes, dimensions);
    }

    private static List<TableDescription> tables() {
        return List.of(WriteFixtures.defaultTable(),
                WriteFixtures.table(new RetentionProperties(1, 1), new MagneticStoreWriteProperties(true, null),
                        List.of(new PartitionKey(PartitionKey.Type.DIMENSION, "host",
                                PartitionKey.Enforcement.REQUIRED)), NOW_MILLIS - 30 * 60_000L));
    }
}
