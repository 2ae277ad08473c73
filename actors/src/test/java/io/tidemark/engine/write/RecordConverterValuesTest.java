package io.tidemark.engine.write;

import static io.tidemark.engine.write.WriteFixtures.NOW_MILLIS;
import static io.tidemark.engine.write.WriteFixtures.attr;
import static io.tidemark.engine.write.WriteFixtures.column;
import static io.tidemark.engine.write.WriteFixtures.cpu;
import static io.tidemark.engine.write.WriteFixtures.dim;
import static io.tidemark.engine.write.WriteFixtures.rec;
import static io.tidemark.engine.write.WriteFixtures.request;
import static io.tidemark.engine.write.WriteFixtures.withCommon;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.catalog.SchemaDelta;
import io.tidemark.engine.catalog.TableSchema;
import io.tidemark.engine.write.WriteFixtures.Rec;
import io.tidemark.storage.journal.ValueColumn;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import io.tidemark.storage.model.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How values are read and CommonAttributes merged, seen in the batch a write fills. */
class RecordConverterValuesTest {

    private final RecordConverter converter = new RecordConverter(WriteLimits.TIMESTREAM);

    /** Parses and fills with the schema the catalog would return after taking every new name. */
    private WriteBatch write(WriteRecordsRequest request) {
        IngestBatch batch = fill(request);
        assertThat(batch.rejections()).isEmpty();
        List<ShardPart> parts = batch.build();
        assertThat(parts).hasSize(1);
        return parts.get(0).batch();
    }

    private IngestBatch fill(WriteRecordsRequest request) {
        ParsedWrite parsed = converter.parse(request);
        SchemaDelta delta = parsed.schemaDelta();
        IngestBatch batch = new IngestBatch(WriteFixtures.defaultTable(), NOW_MILLIS);
        converter.fill(parsed, new TableSchema(delta.measures(), delta.attributes(), delta.dimensions()), batch);
        return batch;
    }

    @ParameterizedTest(name = "DOUBLE {0}")
    @CsvSource({"1.5, 1.5", "-2.25, -2.25", "+3, 3.0", ".5, 0.5", "7., 7.0", "1e3, 1000.0", "-1.5E-3, -0.0015",
            "0, 0.0", "-0.0, -0.0", "1.7976931348623157e308, 1.7976931348623157e308"})
    void readsDoubles(String text, double expected) {
        WriteBatch batch = write(request(cpu().value(text)));

        assertThat(column(batch, "measure_value::double").doubleAt(0)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "BIGINT {0}")
    @CsvSource({"0, 0", "-17, -17", "+42, 42", "9223372036854775807, 9223372036854775807",
            "-9223372036854775808, -9223372036854775808", "007, 7"})
    void readsBigints(String text, long expected) {
        WriteBatch batch = write(request(cpu().type("BIGINT").value(text)));

        assertThat(column(batch, "measure_value::bigint").longAt(0)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "BOOLEAN {0}")
    @CsvSource({"true, true", "false, false", "TRUE, true", "False, false"})
    void readsBooleansInAnyLetterCase(String text, boolean expected) {
        WriteBatch batch = write(request(cpu().type("BOOLEAN").value(text)));

        assertThat(column(batch, "measure_value::boolean").booleanAt(0)).isEqualTo(expected);
    }

    @Test
    void readsVarcharsAsWritten() {
        WriteBatch batch = write(request(cpu().type("VARCHAR").value(" ünïcödé ✓ 1.5 ")));

        assertThat(column(batch, "measure_value::varchar").stringAt(0)).isEqualTo(" ünïcödé ✓ 1.5 ");
    }

    @Test
    void readsMultiMeasureAttributesOfEveryType() {
        WriteBatch batch = write(request(cpu().name("metrics").multi(attr("load", "0.75", "DOUBLE"),
                attr("count", "-3", "BIGINT"), attr("up", "true", "BOOLEAN"), attr("state", "ok", "VARCHAR"),
                attr("since", "1700000000123", "TIMESTAMP"))));

        assertThat(column(batch, "load").doubleAt(0)).isEqualTo(0.75);
        assertThat(column(batch, "count").longAt(0)).isEqualTo(-3);
        assertThat(column(batch, "up").booleanAt(0)).isTrue();
        assertThat(column(batch, "state").stringAt(0)).isEqualTo("ok");
        assertThat(column(batch, "since").type()).isEqualTo(MeasureType.TIMESTAMP);
        assertThat(column(batch, "since").longAt(0)).isEqualTo(1_700_000_000_123_000_000L);
        assertThat(batch.columns()).extracting(ValueColumn::name).doesNotContain("measure_value::double");
    }

    @ParameterizedTest(name = "TIMESTAMP attribute in {0}")
    @CsvSource({"SECONDS, 1700000000, 1700000000000000000", "MILLISECONDS, 1700000000123, 1700000000123000000",
            "MICROSECONDS, 1700000000123456, 1700000000123456000",
            "NANOSECONDS, 1700000000123456789, 1700000000123456789", "SECONDS, -1, -1000000000"})
    void readsTimestampAttributesInTheRecordsTimeUnit(String unit, String text, long nanos) {
        WriteBatch batch = write(request(rec().name("m").time(nowIn(unit)).unit(unit)
                .multi(attr("at", text, "TIMESTAMP"))));

        assertThat(column(batch, "at").longAt(0)).isEqualTo(nanos);
        assertThat(batch.timeNanos(0)).isEqualTo(NOW_MILLIS * 1_000_000L);
    }

    /** Now in the given unit. */
    private static String nowIn(String unit) {
        return Long.toString(NOW_MILLIS * 1_000_000L / TimeUnit.valueOf(unit).nanosPerUnit());
    }

    @Test
    void defaultsAreDoubleMillisecondsAndVersionOne() {
        WriteBatch batch = write(request(rec().name("cpu").value("2").time(NOW_MILLIS)));

        assertThat(batch.timeNanos(0)).isEqualTo(NOW_MILLIS * 1_000_000L);
        assertThat(batch.version(0)).isEqualTo(1L);
        assertThat(column(batch, "measure_value::double").doubleAt(0)).isEqualTo(2.0);
        assertThat(batch.series(0)).isEqualTo(SeriesKey.of(List.of(), "cpu"));
    }

    @Test
    void commonAttributesApplyToEveryRecord() {
        Rec common = rec().dims(dim("region", "eu"), dim("az", "1")).type("BIGINT").time(NOW_MILLIS / 1000)
                .unit("SECONDS").version(7L).name("requests");
        WriteBatch batch = write(withCommon(common, rec().dims(dim("host", "a")).value("5"), rec().value("6")));

        assertThat(batch.rowCount()).isEqualTo(2);
        assertThat(batch.series(batch.seriesIndex(0))).isEqualTo(SeriesKey.of(List.of(new Dimension("region", "eu"),
                new Dimension("az", "1"), new Dimension("host", "a")), "requests"));
        assertThat(batch.series(batch.seriesIndex(1))).isEqualTo(SeriesKey.of(List.of(new Dimension("region", "eu"),
                new Dimension("az", "1")), "requests"));
        for (int row = 0; row < 2; row++) {
            assertThat(batch.timeNanos(row)).isEqualTo(NOW_MILLIS / 1000 * 1_000_000_000L);
            assertThat(batch.version(row)).isEqualTo(7L);
        }
        assertThat(column(batch, "measure_value::bigint").longAt(0)).isEqualTo(5);
        assertThat(column(batch, "measure_value::bigint").longAt(1)).isEqualTo(6);
    }

    @Test
    void aRecordsOwnScalarFieldsWinOverCommonAttributes() {
        Rec common = rec().name("common").type("BIGINT").value("1").time(NOW_MILLIS - 60_000).version(2L);
        Rec own = rec().name("own").type("DOUBLE").value("2.5").time(NOW_MILLIS).version(3L);
        WriteBatch batch = write(withCommon(common, own, rec()));

        assertThat(batch.series(batch.seriesIndex(0)).measureName()).isEqualTo("own");
        assertThat(batch.timeNanos(0)).isEqualTo(NOW_MILLIS * 1_000_000L);
        assertThat(batch.version(0)).isEqualTo(3L);
        assertThat(column(batch, "measure_value::double").doubleAt(0)).isEqualTo(2.5);
        assertThat(batch.series(batch.seriesIndex(1)).measureName()).isEqualTo("common");
        assertThat(column(batch, "measure_value::bigint").longAt(1)).isEqualTo(1);
        assertThat(batch.version(1)).isEqualTo(2L);
    }

    @Test
    void aRecordsTimeIsReadInTheCommonTimeUnit() {
        WriteBatch batch = write(withCommon(rec().unit("MICROSECONDS"), cpu().time(NOW_MILLIS * 1000)));

        assertThat(batch.timeNanos(0)).isEqualTo(NOW_MILLIS * 1_000_000L);
    }

    @Test
    void aRecordsMeasureValuesReplaceTheCommonListWhole() {
        Rec common = rec().name("metrics").multi(attr("a", "1", "DOUBLE"), attr("b", "2", "DOUBLE"));
        WriteBatch batch = write(withCommon(common, cpu().name(null).value(null).type(null)
                .values(List.of(attr("c", "3", "DOUBLE"))), cpu().name(null).value(null).type(null)));

        assertThat(column(batch, "c").isPresent(0)).isTrue();
        assertThat(column(batch, "a").isPresent(0)).isFalse();
        assertThat(column(batch, "a").doubleAt(1)).isEqualTo(1.0);
        assertThat(column(batch, "b").doubleAt(1)).isEqualTo(2.0);
        assertThat(column(batch, "c").isPresent(1)).isFalse();
    }
}
