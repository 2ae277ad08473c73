package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.scan.ScannedSeries;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.ConflictException;
import software.amazon.awssdk.services.timestreamwrite.model.Database;
import software.amazon.awssdk.services.timestreamwrite.model.Dimension;
import software.amazon.awssdk.services.timestreamwrite.model.ListDatabasesResponse;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValue;
import software.amazon.awssdk.services.timestreamwrite.model.MeasureValueType;
import software.amazon.awssdk.services.timestreamwrite.model.PartitionKeyEnforcementLevel;
import software.amazon.awssdk.services.timestreamwrite.model.PartitionKeyType;
import software.amazon.awssdk.services.timestreamwrite.model.Record;
import software.amazon.awssdk.services.timestreamwrite.model.RejectedRecord;
import software.amazon.awssdk.services.timestreamwrite.model.RejectedRecordsException;
import software.amazon.awssdk.services.timestreamwrite.model.ResourceNotFoundException;
import software.amazon.awssdk.services.timestreamwrite.model.Table;
import software.amazon.awssdk.services.timestreamwrite.model.TableStatus;
import software.amazon.awssdk.services.timestreamwrite.model.Tag;
import software.amazon.awssdk.services.timestreamwrite.model.ValidationException;
import software.amazon.awssdk.services.timestreamwrite.model.WriteRecordsResponse;

/**
 * The AWS SDK for Java v2 write client against a running node through {@code endpointOverride}:
 * every write-side operation, its shapes and its errors as the SDK parses them.
 */
class SdkWriteIT {

    @TempDir
    static Path dataDir;

    static ServerFixture node;
    static TimestreamWriteClient client;

    @BeforeAll
    static void start() {
        node = ServerFixture.start(dataDir, Map.of());
        client = node.writeClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        node.close();
    }

    @Test
    void databasesAreCreatedDescribedListedAcrossPagesUpdatedAndDeleted() {
        Instant before = Instant.now().minusSeconds(1);
        for (String name : List.of("pages_a", "pages_b", "pages_c")) {
            Database created = client.createDatabase(b -> b.databaseName(name)).database();
            assertThat(created.databaseName()).isEqualTo(name);
            assertThat(created.arn()).isEqualTo("arn:aws:timestream:us-east-1:000000000000:database/" + name);
            assertThat(created.tableCount()).isZero();
            assertThat(created.creationTime()).isAfter(before);
        }

        Database updated = client.updateDatabase(b -> b.databaseName("pages_b").kmsKeyId("alias/tidemark")).database();
        assertThat(updated.kmsKeyId()).isEqualTo("alias/tidemark");
        assertThat(client.describeDatabase(b -> b.databaseName("pages_b")).database().kmsKeyId())
                .isEqualTo("alias/tidemark");

        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            ListDatabasesResponse page = client.listDatabases(b -> b.maxResults(2).nextToken(current));
            assertThat(page.databases()).hasSizeLessThanOrEqualTo(2);
            page.databases().forEach(d -> listed.add(d.databaseName()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(listed).contains("pages_a", "pages_b", "pages_c").doesNotHaveDuplicates();
        assertThat(client.listDatabasesPaginator(b -> b.maxResults(1)).stream()
                .flatMap(page -> page.databases().stream()).map(Database::databaseName)).contains("pages_a", "pages_b", "pages_c");

        client.deleteDatabase(b -> b.databaseName("pages_c"));
        assertThatThrownBy(() -> client.describeDatabase(b -> b.databaseName("pages_c")))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404));
    }

    @Test
    void tablesCarryRetentionMagneticWritesAndSchemaThroughEveryOperation() {
        client.createDatabase(b -> b.databaseName("tables_db"));
        Table created = client.createTable(b -> b.databaseName("tables_db").tableName("cpu")
                .retentionProperties(r -> r.memoryStoreRetentionPeriodInHours(12L).magneticStoreRetentionPeriodInDays(30L))
                .magneticStoreWriteProperties(m -> m.enableMagneticStoreWrites(true))
                .schema(s -> s.compositePartitionKey(k -> k.type(PartitionKeyType.DIMENSION).name("hostname")
                        .enforcementInRecord(PartitionKeyEnforcementLevel.OPTIONAL)))).table();
        assertThat(created.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(created.arn()).endsWith(":database/tables_db/table/cpu");
        assertThat(created.retentionProperties().memoryStoreRetentionPeriodInHours()).isEqualTo(12L);
        assertThat(created.retentionProperties().magneticStoreRetentionPeriodInDays()).isEqualTo(30L);
        assertThat(created.magneticStoreWriteProperties().enableMagneticStoreWrites()).isTrue();
        assertThat(created.schema().compositePartitionKey()).singleElement().satisfies(k -> {
            assertThat(k.type()).isEqualTo(PartitionKeyType.DIMENSION);
            assertThat(k.name()).isEqualTo("hostname");
            assertThat(k.enforcementInRecord()).isEqualTo(PartitionKeyEnforcementLevel.OPTIONAL);
        });

        Table defaults = client.createTable(b -> b.databaseName("tables_db").tableName("mem")).table();
        assertThat(defaults.retentionProperties().memoryStoreRetentionPeriodInHours()).isEqualTo(6L);
        assertThat(defaults.retentionProperties().magneticStoreRetentionPeriodInDays()).isEqualTo(73_000L);
        assertThat(defaults.schema().compositePartitionKey()).singleElement()
                .satisfies(k -> assertThat(k.type()).isEqualTo(PartitionKeyType.MEASURE));

        Table updated = client.updateTable(b -> b.databaseName("tables_db").tableName("cpu")
                .retentionProperties(r -> r.memoryStoreRetentionPeriodInHours(24L).magneticStoreRetentionPeriodInDays(30L)))
                .table();
        assertThat(updated.retentionProperties().memoryStoreRetentionPeriodInHours()).isEqualTo(24L);
        assertThat(client.describeTable(b -> b.databaseName("tables_db").tableName("cpu")).table()
                .retentionProperties().memoryStoreRetentionPeriodInHours()).isEqualTo(24L);
        assertThat(client.describeDatabase(b -> b.databaseName("tables_db")).database().tableCount()).isEqualTo(2);

        assertThat(client.listTablesPaginator(b -> b.databaseName("tables_db").maxResults(1)).stream()
                .flatMap(page -> page.tables().stream()).map(Table::tableName)).containsExactly("cpu", "mem");

        client.deleteTable(b -> b.databaseName("tables_db").tableName("mem"));
        assertThatThrownBy(() -> client.describeTable(b -> b.databaseName("tables_db").tableName("mem")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void singleMeasureRecordsWithCommonAttributesAreIngested() throws Exception {
        table("single_db", "metrics");
        long now = System.currentTimeMillis();
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(Record.builder().measureName("cpu_user").measureValue(Double.toString(i * 1.5))
                    .time(Long.toString(now - 60_000 + i * 1000)).build());
        }
        WriteRecordsResponse response = client.writeRecords(b -> b.databaseName("single_db").tableName("metrics")
                .commonAttributes(c -> c.dimensions(Dimension.builder().name("hostname").value("host_0").build())
                        .measureValueType(MeasureValueType.DOUBLE).timeUnit("MILLISECONDS"))
                .records(records));

        assertThat(response.recordsIngested().total()).isEqualTo(10);
        assertThat(response.recordsIngested().memoryStore()).isEqualTo(10);
        assertThat(response.recordsIngested().magneticStore()).isZero();
        List<ScannedSeries> scanned = scan("single_db", "metrics", now);
        assertThat(scanned).singleElement().satisfies(s -> {
            assertThat(s.size()).isEqualTo(10);
            assertThat(s.column("measure_value::double").doubles()[3]).isEqualTo(4.5);
        });
    }

    @Test
    void multiMeasureRecordsAreIngested() throws Exception {
        table("multi_db", "cpu");
        long nowSeconds = System.currentTimeMillis() / 1000;
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(Record.builder().time(Long.toString(nowSeconds - 100 + i)).measureValues(
                    MeasureValue.builder().name("usage_user").value(Integer.toString(10 + i)).type(MeasureValueType.DOUBLE).build(),
                    MeasureValue.builder().name("usage_count").value(Integer.toString(i)).type(MeasureValueType.BIGINT).build(),
                    MeasureValue.builder().name("healthy").value("true").type(MeasureValueType.BOOLEAN).build())
                    .build());
        }
        WriteRecordsResponse response = client.writeRecords(b -> b.databaseName("multi_db").tableName("cpu")
                .commonAttributes(c -> c.dimensions(Dimension.builder().name("hostname").value("host_1").build(),
                        Dimension.builder().name("region").value("eu-west-1").build())
                        .measureName("cpu").measureValueType(MeasureValueType.MULTI).timeUnit("SECONDS"))
                .records(records));

        assertThat(response.recordsIngested().total()).isEqualTo(5);
        assertThat(scan("multi_db", "cpu", nowSeconds * 1000)).singleElement().satisfies(s -> {
            assertThat(s.size()).isEqualTo(5);
            assertThat(s.column("usage_count").longs()[4]).isEqualTo(4L);
            assertThat(s.column("usage_user").doubles()[0]).isEqualTo(10.0);
        });
    }

    @Test
    void rejectedRecordsArriveAsRejectedRecordsExceptionAndTheOthersAreWritten() throws Exception {
        table("rejects_db", "tbl");
        long now = System.currentTimeMillis();
        List<Record> records = List.of(
                point("a", now - 3000, "1.0", null),
                point("a", now - TimeUnit.DAYS.toMillis(2), "2.0", null),
                point("a", now - 1000, "not-a-number", null),
                point("a", now - 2000, "3.0", null));

        assertThatThrownBy(() -> client.writeRecords(b -> b.databaseName("rejects_db").tableName("tbl").records(records)))
                .isInstanceOfSatisfying(RejectedRecordsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(419);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("One or more records have been rejected. See RejectedRecords for details.");
                    assertThat(e.rejectedRecords()).extracting(RejectedRecord::recordIndex).containsExactly(1, 2);
                    assertThat(e.rejectedRecords().get(0).reason()).contains("outside the time range");
                    assertThat(e.rejectedRecords()).allSatisfy(r -> assertThat(r.existingVersion()).isNull());
                });
        assertThat(scan("rejects_db", "tbl", now)).singleElement().satisfies(s -> assertThat(s.size()).isEqualTo(2));
    }

    @Test
    void versionsDecideWhetherAnExistingPointIsReplaced() throws Exception {
        table("versions_db", "tbl");
        long time = System.currentTimeMillis() - 5000;
        write("versions_db", point("h", time, "1.0", 1L));

        assertThatThrownBy(() -> write("versions_db", point("h", time, "2.0", 1L)))
                .isInstanceOfSatisfying(RejectedRecordsException.class, e -> assertThat(e.rejectedRecords())
                        .singleElement().satisfies(r -> assertThat(r.reason()).contains("already exists")));

        assertThat(write("versions_db", point("h", time, "2.0", 5L)).recordsIngested().total()).isEqualTo(1);

        assertThatThrownBy(() -> write("versions_db", point("h", time, "3.0", 2L)))
                .isInstanceOfSatisfying(RejectedRecordsException.class, e -> assertThat(e.rejectedRecords())
                        .singleElement().satisfies(r -> {
                            assertThat(r.recordIndex()).isZero();
                            assertThat(r.existingVersion()).isEqualTo(5L);
                        }));
        assertThat(scan("versions_db", "tbl", time)).singleElement().satisfies(s -> {
            assertThat(s.size()).isEqualTo(1);
            assertThat(s.versions()[0]).isEqualTo(5L);
            assertThat(s.column("measure_value::double").doubles()[0]).isEqualTo(2.0);
        });
    }

    @Test
    void everyWriteSideErrorReachesTheSdkAsItsTypedException() {
        client.createDatabase(b -> b.databaseName("errors_db"));

        assertThatThrownBy(() -> client.createDatabase(b -> b.databaseName("errors_db")))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
                });
        assertThatThrownBy(() -> client.createDatabase(b -> b.databaseName("no spaces allowed")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> client.describeTable(b -> b.databaseName("errors_db").tableName("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.writeRecords(b -> b.databaseName("errors_db").tableName("missing")
                .records(point("x", System.currentTimeMillis(), "1", null))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.createTable(b -> b.databaseName("errors_db").tableName("tbl")
                .retentionProperties(r -> r.memoryStoreRetentionPeriodInHours(0L).magneticStoreRetentionPeriodInDays(1L))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("MemoryStoreRetentionPeriodInHours"));

        client.createTable(b -> b.databaseName("errors_db").tableName("tbl"));
        List<Record> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(point("x", System.currentTimeMillis() - i, "1", null));
        }
        assertThatThrownBy(() -> client.writeRecords(b -> b.databaseName("errors_db").tableName("tbl").records(tooMany)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> client.writeRecords(b -> b.databaseName("errors_db").tableName("tbl")
                .records(Record.builder().measureName("m").measureValue("1").measureValueType("FLOAT")
                        .time(Long.toString(System.currentTimeMillis())).build())))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> client.deleteDatabase(b -> b.databaseName("errors_db")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void tagsAreAddedListedAndRemovedOnDatabasesAndTables() {
        String dbArn = client.createDatabase(b -> b.databaseName("tags_db")
                .tags(Tag.builder().key("team").value("metrics").build())).database().arn();
        String tableArn = client.createTable(b -> b.databaseName("tags_db").tableName("tbl")).table().arn();

        assertThat(client.listTagsForResource(b -> b.resourceARN(dbArn)).tags())
                .containsExactly(Tag.builder().key("team").value("metrics").build());

        client.tagResource(b -> b.resourceARN(tableArn).tags(Tag.builder().key("env").value("prod").build(),
                Tag.builder().key("empty").value("").build()));
        assertThat(client.listTagsForResource(b -> b.resourceARN(tableArn)).tags()).extracting(Tag::key)
                .containsExactlyInAnyOrder("env", "empty");

        client.untagResource(b -> b.resourceARN(tableArn).tagKeys("env"));
        assertThat(client.listTagsForResource(b -> b.resourceARN(tableArn)).tags()).extracting(Tag::key)
                .containsExactly("empty");

        assertThatThrownBy(() -> client.listTagsForResource(b -> b.resourceARN(dbArn + "_missing")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static void table(String database, String table) {
        client.createDatabase(b -> b.databaseName(database));
        client.createTable(b -> b.databaseName(database).tableName(table));
    }

    private static Record point(String host, long timeMillis, String value, Long version) {
        return Record.builder().dimensions(Dimension.builder().name("hostname").value(host).build())
                .measureName("load").measureValue(value).measureValueType(MeasureValueType.DOUBLE)
                .time(Long.toString(timeMillis)).version(version).build();
    }

    private static WriteRecordsResponse write(String database, Record record) {
        return client.writeRecords(b -> b.databaseName(database).tableName("tbl").records(record));
    }

    private static List<ScannedSeries> scan(String database, String table, long aroundMillis) throws Exception {
        long from = TimeUnit.MILLISECONDS.toNanos(aroundMillis - TimeUnit.HOURS.toMillis(1));
        long to = TimeUnit.MILLISECONDS.toNanos(aroundMillis + TimeUnit.HOURS.toMillis(1));
        return node.server.engine().scan(database, table, from, to).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
