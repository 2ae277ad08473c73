package io.tidemark.http.wire.write;

import static io.tidemark.http.wire.write.WireBodies.NOW;
import static io.tidemark.http.wire.write.WireBodies.attr;
import static io.tidemark.http.wire.write.WireBodies.dim;
import static io.tidemark.http.wire.write.WireBodies.json;
import static io.tidemark.http.wire.write.WireBodies.rec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.RecordInput;
import io.tidemark.engine.write.WriteRecordsRequest;
import io.tidemark.http.wire.write.WireBodies.Rec;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Records read by their bytes as records of the last shape learned ({@link RecordTemplate}): read
 * exactly as the tree reading reads them, whatever their texts (escapes, characters outside ASCII,
 * JSON null where a text stood, texts the rules reject), and only when their bytes allow it.
 */
class RecordTemplateTest {

    private static final WritePaths SHARED = new WritePaths();

    private static String agrees(WritePaths paths, String body) {
        String streamed = paths.streamed(body);
        assertThat(streamed).as("streamed reading of %s", body).isNotEqualTo("not taken");
        assertThat(streamed).as("streamed reading of %s", body).isEqualTo(paths.reference(body));
        return streamed;
    }

    private static Rec host(int host, int step, String user) {
        return rec().dims(dim("hostname", "host_" + host), dim("region", "eu-west-1")).name("cpu")
                .time(Long.toString(WritePaths.NOW_MILLIS - 10_000L * step))
                .multi(attr("usage_user", user, "DOUBLE"), attr("usage_system", step + ".5", "DOUBLE"),
                        attr("os", "linux-" + host, "VARCHAR"));
    }

    @Test
    void readsEveryRecordOfTheLastShapeWhoseListIsKnownByItsBytes() {
        WritePaths paths = new WritePaths();
        List<Rec> records = new ArrayList<>();
        for (int step = 0; step < 10; step++) {
            for (int host = 0; host < 5; host++) {
                records.add(host(host, step, host + "." + step));
            }
        }
        String read = agrees(paths, json(records.toArray(Rec[]::new)));
        assertThat(read).startsWith("rejections []");
        // the first record of each host brings a list not yet known: it is read by its tokens
        assertThat(paths.recordsReadByTemplate()).isEqualTo(45);

        agrees(paths, json(records.toArray(Rec[]::new)));
        assertThat(paths.recordsReadByTemplate()).as("a later request, every list known, the shape kept")
                .isEqualTo(45 + 50);
    }

    @Test
    void readsARecordWithATextToDecodeByItsTokensAndKeepsTheShapeForTheNext() {
        WritePaths paths = new WritePaths();
        Rec[] records = {host(0, 0, "1.5"), host(0, 1, "2.5"), host(0, 2, "\"3\""), host(0, 3, "4\u00e9"),
            host(0, 4, "\\5"), host(0, 5, "6.5"), host(0, 6, "7\t"), host(0, 7, "8")};
        String read = agrees(paths, json(records));
        assertThat(read).contains("usage_user");
        // records 2, 3, 4 and 6 have texts JSON escapes or encodes in several bytes
        assertThat(paths.recordsReadByTemplate()).isEqualTo(3);
    }

    @Test
    void readsARecordOfAnotherShapeByItsTokensAndLearnsIt() {
        WritePaths paths = new WritePaths();
        Rec other = rec().dims(dim("hostname", "host_0"), dim("region", "eu-west-1")).name("cpu").time(NOW)
                .multi(attr("usage_user", "1", "DOUBLE"), attr("usage_system", "2", "BIGINT"),
                        attr("os", "linux-0", "VARCHAR"));
        Rec nullValue = rec().dims(dim("hostname", "host_0"), dim("region", "eu-west-1")).name("cpu").time(NOW)
                .multi(attr("usage_user", null, "DOUBLE"), attr("usage_system", "2", "BIGINT"),
                        attr("os", "linux-0", "VARCHAR"));
        agrees(paths, json(host(0, 0, "1"), host(0, 1, "2"), other, other, host(0, 2, "3"), nullValue, other,
                other));
        // read by their bytes: the second record, the second "other" and the last one
        assertThat(paths.recordsReadByTemplate()).isEqualTo(3);
    }

    @Property(tries = 300)
    void readsRecordsOfOneShapeAsTheTreeReadingDoes(@ForAll("requestsOfOneShape") WriteRecordsRequest request) {
        long before = SHARED.recordsReadByTemplate();
        agrees(SHARED, WireBodies.json(request));
        Statistics.label("records read by their bytes")
                .collect(SHARED.recordsReadByTemplate() - before == 0 ? "none" : "some");
    }

    @Provide
    Arbitrary<WriteRecordsRequest> requestsOfOneShape() {
        Arbitrary<String> texts = Arbitraries.of("1.5", "-2", "0.1", "1e3", "1e400", "abc", "true", "FALSE", "", "é",
                "\"q\"", "back\\slash", "tab\t", "😀", "9223372036854775808", "1700000000000", "12.5", "7", "x".repeat(
                        300));
        Arbitrary<String> dimensionValues = Arbitraries.of("a", "b", "c", "d", "héllo", "q\"", "", "x".repeat(70));
        Arbitrary<String> times = Arbitraries.of(NOW, NOW, Long.toString(WritePaths.NOW_MILLIS - 1000), "x1", "ü",
                "1".repeat(300));
        Arbitrary<List<String>> dimensionNames = Arbitraries.of("host", "region", "os", "cpu", "rack").list()
                .uniqueElements().ofMinSize(0).ofMaxSize(3);
        Arbitrary<List<String>> attributeNames = Arbitraries.of("usage_user", "usage_system", "load", "os", "host")
                .list().uniqueElements().ofMinSize(1).ofMaxSize(4);
        Arbitrary<String> types = Arbitraries.of("DOUBLE", "DOUBLE", "BIGINT", "VARCHAR", "BOOLEAN", "TIMESTAMP");
        Arbitrary<Boolean> multi = Arbitraries.of(true, true, false);
        return Combinators.combine(dimensionNames, attributeNames, types.list().ofSize(4), multi,
                Arbitraries.of("MILLISECONDS", "SECONDS").injectNull(0.5), Arbitraries.of(1L, 3L).injectNull(0.7),
                Arbitraries.integers().between(1, 30)).flatAs((dims, attrs, attrTypes, isMulti, unit, version, n) -> {
                    Arbitrary<List<DimensionInput>> dimensionLists = dimensionValues.list().ofSize(dims.size())
                            .map(values -> {
                                List<DimensionInput> list = new ArrayList<>();
                                for (int d = 0; d < dims.size(); d++) {
                                    list.add(new DimensionInput(dims.get(d), values.get(d), null));
                                }
                                return list;
                            });
                    Arbitrary<List<MeasureValueInput>> values = texts.injectNull(0.05).list().ofSize(attrs.size())
                            .map(v -> {
                                List<MeasureValueInput> list = new ArrayList<>();
                                for (int a = 0; a < attrs.size(); a++) {
                                    list.add(new MeasureValueInput(attrs.get(a), v.get(a), attrTypes.get(a)));
                                }
                                return list;
                            });
                    Arbitrary<RecordInput> record = Combinators.combine(dimensionLists, values, texts, times)
                            .as((d, v, single, time) -> isMulti
                                    ? new RecordInput(d, "cpu", null, "MULTI", time, unit, version, v)
                                    : new RecordInput(d, "cpu", single, attrTypes.get(0), time, unit, version, null));
                    return record.list().ofSize(n).map(list -> new WriteRecordsRequest("db", "tbl", null, list));
                });
    }
}
