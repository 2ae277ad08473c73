package io.tidemark.engine.write;

import static io.tidemark.engine.write.WriteFixtures.NOW_MILLIS;
import static io.tidemark.engine.write.WriteFixtures.attr;
import static io.tidemark.engine.write.WriteFixtures.cpu;
import static io.tidemark.engine.write.WriteFixtures.dim;
import static io.tidemark.engine.write.WriteFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.catalog.MagneticStoreWriteProperties;
import io.tidemark.engine.catalog.PartitionKey;
import io.tidemark.engine.catalog.RetentionProperties;
import io.tidemark.engine.catalog.SchemaDelta;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableSchema;
import io.tidemark.engine.write.WriteFixtures.Rec;
import io.tidemark.storage.model.MeasureType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The second phase: records against the table's schema on write (§5.4), the acceptance window
 * (§5.2, §5.3) and required partition keys (§5.7), through a real {@link IngestBatch}.
 */
class RecordConverterFillTest {

    private static final long HOUR = 3_600_000L;
    private static final long MINUTE = 60_000L;
    private static final RetentionProperties SIX_HOURS_ONE_DAY = new RetentionProperties(6, 1);

    private final RecordConverter converter = new RecordConverter(WriteLimits.TIMESTREAM);

    private IngestBatch fill(WriteRecordsRequest request, TableSchema schema, TableDescription table) {
        IngestBatch batch = new IngestBatch(table, NOW_MILLIS);
        converter.fill(converter.parse(request), schema, batch);
        return batch;
    }

    /** The schema the catalog returns after taking every new name of the request. */
    private IngestBatch fillRegistered(WriteRecordsRequest request, TableDescription table) {
        SchemaDelta delta = converter.parse(request).schemaDelta();
        return fill(request, new TableSchema(delta.measures(), delta.attributes(), delta.dimensions()), table);
    }

    private static TableSchema schema(Map<String, MeasureType> measures, Map<String, MeasureType> attributes,
            Set<String> dimensions) {
        return new TableSchema(measures, attributes, dimensions);
    }

    private static String reasonOf(IngestBatch batch, int recordIndex) {
        return batch.rejections().stream().filter(r -> r.recordIndex() == recordIndex).findFirst()
                .map(RejectedRecord::reason).orElse(null);
    }

    // ---- schema on write ----

    @Test
    void aMeasureNameBoundToAnotherTypeIsRejectedNamingBothTypes() {
        TableSchema schema = schema(Map.of("cpu", MeasureType.BIGINT), Map.of(), Set.of("host"));

        IngestBatch batch = fill(request(cpu()), schema, WriteFixtures.defaultTable());

        assertThat(batch.rowCount()).isZero();
        assertThat(reasonOf(batch, 0)).isEqualTo("The measure name 'cpu' is bound to the type BIGINT in this table;"
                + " the record writes it as DOUBLE. A measure name keeps the type it was first written with.");
    }

    @Test
    void anAttributeBoundToAnotherTypeIsRejectedNamingBothTypes() {
        TableSchema schema = schema(Map.of("metrics", MeasureType.MULTI), Map.of("load", MeasureType.VARCHAR),
                Set.of("host"));

        IngestBatch batch = fill(request(cpu().name("metrics").multi(attr("load", "1.5", "DOUBLE"))), schema,
                WriteFixtures.defaultTable());

        assertThat(reasonOf(batch, 0)).contains("The attribute 'load' is bound to the type VARCHAR in this table;"
                + " the record writes it as DOUBLE.");
    }

    @Test
    void namesOfAnotherKindInTheTableClash() {
        TableSchema schema = schema(Map.of("cpu", MeasureType.DOUBLE, "rack", MeasureType.DOUBLE,
                "metrics", MeasureType.MULTI), Map.of("zone", MeasureType.VARCHAR), Set.of("host", "region"));

        IngestBatch batch = fill(request(
                cpu().name("region"),
                cpu().dims(dim("rack", "r1")),
                cpu().dims(dim("zone", "z")),
                cpu().name("metrics").multi(attr("region", "x", "VARCHAR"))), schema, WriteFixtures.defaultTable());

        assertThat(batch.rowCount()).isZero();
        assertThat(reasonOf(batch, 0)).contains("The measure name 'region' is a dimension name in this table");
        assertThat(reasonOf(batch, 1)).contains("The dimension name 'rack' is a measure or attribute name in this table");
        assertThat(reasonOf(batch, 2)).contains("The dimension name 'zone' is a measure or attribute name");
        assertThat(reasonOf(batch, 3)).contains("The attribute 'region' is a dimension name in this table");
    }

    @Test
    void namesTheCatalogDidNotTakeAreRejected() {
        IngestBatch batch = fill(request(cpu(), cpu().name("metrics").multi(attr("load", "1", "DOUBLE"))),
                schema(Map.of("metrics", MeasureType.MULTI), Map.of(), Set.of("host")), WriteFixtures.defaultTable());

        assertThat(reasonOf(batch, 0)).isEqualTo("The table did not take the measure name 'cpu': it clashes with a"
                + " name of another kind in the table.");
        assertThat(reasonOf(batch, 1)).contains("The table did not take the attribute name 'load'");
    }

    @Test
    void namesPastTheTablesLimitsAreRejectedWithTheLimit() {
        Map<String, MeasureType> measures = new HashMap<>();
        for (int i = 0; i < TableSchema.MAX_MEASURE_NAMES; i++) {
            measures.put("m" + i, MeasureType.DOUBLE);
        }
        Set<String> dimensions = new HashSet<>();
        for (int i = 0; i < TableSchema.MAX_DIMENSION_NAMES; i++) {
            dimensions.add("d" + i);
        }
        Map<String, MeasureType> attributes = new HashMap<>();
        for (int i = 0; i < TableSchema.MAX_ATTRIBUTE_NAMES; i++) {
            attributes.put("a" + i, MeasureType.DOUBLE);
        }
        Map<String, MeasureType> withKnown = new HashMap<>(measures);
        withKnown.put("cpu", MeasureType.DOUBLE);
        withKnown.put("metrics", MeasureType.MULTI);

        IngestBatch batch = fill(request(cpu().name("new").dims(dim("d0", "x")), cpu(),
                cpu().name("metrics").dims(dim("d1", "x")).multi(attr("a0", "1", "DOUBLE"), attr("load", "2", "DOUBLE"))),
                schema(withKnown, attributes, dimensions), WriteFixtures.defaultTable());

        assertThat(batch.rowCount()).isZero();
        assertThat(reasonOf(batch, 0)).isEqualTo("The table has reached its limit of 8192 measure names; the measure"
                + " name 'new' cannot be added.");
        assertThat(reasonOf(batch, 1)).isEqualTo("The table has reached its limit of 128 dimension names; the"
                + " dimension name 'host' cannot be added.");
        assertThat(reasonOf(batch, 2)).isEqualTo("The table has reached its limit of 1024 attribute names; the"
                + " attribute name 'load' cannot be added.");
    }

    @Test
    void everyRecordEndsAsARowOrARejectionSortedByIndex() {
        WriteRecordsRequest request = request(cpu(), cpu().value("x"), cpu().time(NOW_MILLIS + HOUR),
                cpu().dims(dim("host", "b")), cpu().type("BIGINT").value("1"));

        IngestBatch batch = fillRegistered(request, WriteFixtures.defaultTable());

        assertThat(batch.rowCount()).isEqualTo(2);
        assertThat(batch.rejections()).extracting(RejectedRecord::recordIndex).containsExactly(1, 2, 4);
        assertThat(batch.build().get(0).recordIndexes()).containsExactly(0, 3);
    }

    @Test
    void aBatchFilledFromTwoWritesRejectsTypesTheFirstAlreadyUsedInsteadOfThrowing() {
        IngestBatch batch = new IngestBatch(WriteFixtures.defaultTable(), NOW_MILLIS);
        converter.fill(converter.parse(request(cpu(), cpu().name("metrics").multi(attr("load", "1", "DOUBLE")))),
                schema(Map.of("cpu", MeasureType.DOUBLE, "metrics", MeasureType.MULTI),
                        Map.of("load", MeasureType.DOUBLE), Set.of("host")), batch);

        converter.fill(converter.parse(request(cpu().type("BIGINT").value("2"),
                cpu().name("metrics").multi(attr("load", "2", "BIGINT")))),
                schema(Map.of("cpu", MeasureType.BIGINT, "metrics", MeasureType.MULTI),
                        Map.of("load", MeasureType.BIGINT), Set.of("host")), batch);

        assertThat(batch.rowCount()).isEqualTo(2);
        assertThat(batch.rejections()).extracting(RejectedRecord::reason).containsExactly(
                "The measure name 'cpu' is written as DOUBLE earlier in this write and as BIGINT by this record;"
                        + " a measure name has one type.",
                "The attribute 'load' is written as DOUBLE earlier in this write and as BIGINT by this record;"
                        + " an attribute has one type.");
    }

    // ---- the acceptance window ----

    private IngestBatch writeAt(TableDescription table, long... times) {
        Rec[] records = new Rec[times.length];
        for (int i = 0; i < times.length; i++) {
            records[i] = cpu().time(times[i]);
        }
        return fillRegistered(request(records), table);
    }

    @Test
    void theMemoryStoreTakesNowMinusRetentionUpToFifteenMinutesAhead() {
        TableDescription table = WriteFixtures.table(SIX_HOURS_ONE_DAY, MagneticStoreWriteProperties.DISABLED,
                List.of(PartitionKey.DEFAULT), 0);

        IngestBatch batch = writeAt(table, NOW_MILLIS, NOW_MILLIS - 6 * HOUR, NOW_MILLIS - 6 * HOUR - 1,
                NOW_MILLIS + 15 * MINUTE - 1, NOW_MILLIS + 15 * MINUTE);

        assertThat(batch.build().get(0).recordIndexes()).containsExactly(0, 1, 3);
        String memoryWindow = "The record timestamp is outside the time range [2026-11-25T06:00:00.000Z,"
                + " 2026-11-25T12:15:00.000Z) of the memory store.";
        assertThat(reasonOf(batch, 2)).isEqualTo(memoryWindow);
        assertThat(reasonOf(batch, 4)).isEqualTo(memoryWindow);
    }

    @Test
    void aTimeBeyondTheNanosecondRangeIsRejectedByTheWindowNotTheRequest() {
        TableDescription table = WriteFixtures.defaultTable();
        IngestBatch batch = fillRegistered(request(cpu().time("99999999999999999").unit("SECONDS"),
                cpu().time("-99999999999999999").unit("SECONDS"), cpu()), table);

        assertThat(batch.rowCount()).isEqualTo(1);
        assertThat(reasonOf(batch, 0)).contains("of the memory store.");
        assertThat(reasonOf(batch, 1)).contains("of the memory store.");
    }

    @Test
    void magneticWritesTakeOlderRecordsWithinTheTotalRetention() {
        TableDescription table = WriteFixtures.table(SIX_HOURS_ONE_DAY, new MagneticStoreWriteProperties(true, null),
                List.of(PartitionKey.DEFAULT), 0);
        long oldest = NOW_MILLIS - 6 * HOUR - 24 * HOUR;

        IngestBatch batch = writeAt(table, NOW_MILLIS, NOW_MILLIS - 7 * HOUR, oldest, oldest - 1,
                NOW_MILLIS + 15 * MINUTE);

        ShardPart part = batch.build().get(0);
        assertThat(part.recordIndexes()).containsExactly(0, 1, 2);
        assertThat(part.magneticRows().stream().toArray()).containsExactly(1, 2);
        assertThat(reasonOf(batch, 3)).isEqualTo("The record timestamp is outside the time range"
                + " [2026-11-24T06:00:00.000Z, 2026-11-25T06:00:00.000Z) of the magnetic store.");
        assertThat(reasonOf(batch, 4)).contains("of the memory store.");
    }

    @Test
    void theMemoryStoreFloorHoldsTheLowerBoundAfterRetentionWasRaised() {
        TableDescription table = WriteFixtures.table(SIX_HOURS_ONE_DAY, MagneticStoreWriteProperties.DISABLED,
                List.of(PartitionKey.DEFAULT), NOW_MILLIS - 2 * HOUR);

        IngestBatch batch = writeAt(table, NOW_MILLIS - 2 * HOUR, NOW_MILLIS - 3 * HOUR);

        assertThat(batch.build().get(0).recordIndexes()).containsExactly(0);
        assertThat(reasonOf(batch, 1)).startsWith("The record timestamp is outside the time range"
                + " [2026-11-25T10:00:00.000Z, ");
    }

    // ---- partition keys ----

    @Test
    void aRequiredPartitionKeyDimensionMustBePresent() {
        TableDescription table = WriteFixtures.table(RetentionProperties.DEFAULT, MagneticStoreWriteProperties.DISABLED,
                List.of(new PartitionKey(PartitionKey.Type.DIMENSION, "host", PartitionKey.Enforcement.REQUIRED)), 0);

        IngestBatch batch = fillRegistered(request(cpu(), cpu().dims(dim("rack", "r1"))), table);

        assertThat(batch.build().get(0).recordIndexes()).containsExactly(0);
        assertThat(reasonOf(batch, 1)).isEqualTo("The record is missing the dimension 'host', which the table"
                + " requires as its partition key.");
    }

    @Test
    void anOptionalPartitionKeyDimensionMayBeMissing() {
        TableDescription table = WriteFixtures.table(RetentionProperties.DEFAULT, MagneticStoreWriteProperties.DISABLED,
                List.of(new PartitionKey(PartitionKey.Type.DIMENSION, "host", PartitionKey.Enforcement.OPTIONAL)), 0);

        IngestBatch batch = fillRegistered(request(cpu().dims(dim("rack", "r1"))), table);

        assertThat(batch.rowCount()).isEqualTo(1);
        assertThat(batch.rejections()).isEmpty();
    }
}
