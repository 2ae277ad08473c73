package io.tidemark.engine.catalog;

import static io.tidemark.engine.catalog.CatalogTestSupport.await;
import static io.tidemark.engine.catalog.CatalogTestSupport.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.storage.model.MeasureType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's operations and rules, through CatalogService on one actor system with real journal files. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogServiceTest {

    private static final String ARN = "arn:aws:timestream:eu-west-1:123456789012:database/";

    private final ManualClock clock =
            new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private ActorSystem<Void> system;
    private CatalogService catalog;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        system = CatalogTestSupport.system("catalog-service", dataDir,
                "tidemark.engine.arn { region = eu-west-1, account-id = \"123456789012\" }\n"
                        + "tidemark.engine.catalog.shards-per-table = 3\n");
        catalog = CatalogService.start(system, clock);
        await(catalog.ready());
    }

    @AfterAll
    void stop() throws Exception {
        CatalogTestSupport.stop(system);
    }

    @Test
    void createsDescribesUpdatesAndDeletesADatabase() {
        DatabaseDescription created = await(catalog.createDatabase("db_life", null, List.of(new Tag("team", "ops"))));
        assertThat(created.name()).isEqualTo("db_life");
        assertThat(created.arn()).isEqualTo(ARN + "db_life");
        assertThat(created.kmsKeyId()).isEqualTo(CatalogRules.DEFAULT_KMS_KEY_ID);
        assertThat(created.tableCount()).isZero();
        assertThat(created.creationTime()).isEqualTo(clock.instant());
        assertThat(await(catalog.listTags(ARN + "db_life"))).containsExactly(new Tag("team", "ops"));

        clock.advance(Duration.ofMillis(1_000));
        DatabaseDescription updated = await(catalog.updateDatabase("db_life", "my-key"));
        assertThat(updated.kmsKeyId()).isEqualTo("my-key");
        assertThat(updated.lastUpdatedTime()).isEqualTo(clock.instant());
        assertThat(updated.creationTime()).isEqualTo(created.creationTime());
        assertThat(await(catalog.describeDatabase("db_life"))).isEqualTo(updated);

        await(catalog.deleteDatabase("db_life"));
        refused(catalog.describeDatabase("db_life"), ErrorKind.NOT_FOUND);
        refused(catalog.listTags(ARN + "db_life"), ErrorKind.NOT_FOUND);
        // A new database of the same name starts without the old tags.
        await(catalog.createDatabase("db_life", "k", null));
        assertThat(await(catalog.listTags(ARN + "db_life"))).isEmpty();
    }

    @Test
    void updatingADatabaseWithItsOwnKeyChangesNothing() {
        DatabaseDescription created = await(catalog.createDatabase("db_samekey", "k1", List.of()));
        clock.advance(Duration.ofMillis(5));
        assertThat(await(catalog.updateDatabase("db_samekey", "k1"))).isEqualTo(created);
        refused(catalog.updateDatabase("db_samekey", ""), ErrorKind.VALIDATION);
        refused(catalog.updateDatabase("db_missing", "k2"), ErrorKind.NOT_FOUND);
    }

    @Test
    void refusesBadDatabaseNamesAndDuplicates() {
        refused(catalog.createDatabase("ab", null, List.of()), ErrorKind.VALIDATION);
        refused(catalog.createDatabase("a".repeat(257), null, List.of()), ErrorKind.VALIDATION);
        refused(catalog.createDatabase("with space", null, List.of()), ErrorKind.VALIDATION);
        refused(catalog.createDatabase("slash/db", null, List.of()), ErrorKind.VALIDATION);
        refused(catalog.createDatabase(null, null, List.of()), ErrorKind.VALIDATION);
        await(catalog.createDatabase("a".repeat(256), null, List.of()));
        await(catalog.createDatabase("Ok.name-1_x", null, List.of()));
        refused(catalog.createDatabase("Ok.name-1_x", null, List.of()), ErrorKind.CONFLICT);
        refused(catalog.createDatabase("db_kms", "k".repeat(2049), List.of()), ErrorKind.VALIDATION);
        refused(catalog.describeDatabase("nope"), ErrorKind.NOT_FOUND);
        refused(catalog.deleteDatabase("nope"), ErrorKind.NOT_FOUND);
    }

    @Test
    void refusesToDeleteADatabaseWithTables() {
        await(catalog.createDatabase("db_full", null, List.of()));
        await(catalog.createTable("db_full", "tbl1", null, null, null, List.of()));
        assertThat(await(catalog.describeDatabase("db_full")).tableCount()).isEqualTo(1);
        assertThat(refused(catalog.deleteDatabase("db_full"), ErrorKind.VALIDATION)).hasMessageContaining("tables=1");
        assertThat(await(catalog.describeTable("db_full", "tbl1")).status()).isEqualTo(TableStatus.ACTIVE);
    }

    @Test
    void createsATableWithDefaultsAndAFreshId() {
        await(catalog.createDatabase("db_tables", null, List.of()));
        TableDescription t = await(catalog.createTable("db_tables", "cpu", null, null, null, null));
        assertThat(t.arn()).isEqualTo(ARN + "db_tables/table/cpu");
        assertThat(t.status()).isEqualTo(TableStatus.ACTIVE);
        assertThat(t.retention()).isEqualTo(RetentionProperties.DEFAULT);
        assertThat(t.magneticStoreWrites()).isEqualTo(MagneticStoreWriteProperties.DISABLED);
        assertThat(t.partitionKeys()).containsExactly(PartitionKey.DEFAULT);
        assertThat(t.shardCount()).isEqualTo(3);
        assertThat(t.memoryStoreFloorMillis()).isZero();
        assertThat(t.tableId()).matches("[0-9a-f]{16}");
        assertThat(await(catalog.describeTable("db_tables", "cpu"))).isEqualTo(t);
        assertThat(catalog.table("db_tables", "cpu")).contains(t);

        TableDescription other = await(catalog.createTable("db_tables", "mem", null, null, null, null));
        assertThat(other.tableId()).isNotEqualTo(t.tableId());
        refused(catalog.createTable("db_tables", "cpu", null, null, null, null), ErrorKind.CONFLICT);
        refused(catalog.createTable("no_db", "cpu", null, null, null, null), ErrorKind.NOT_FOUND);
        refused(catalog.createTable("db_tables", "x", null, null, null, null), ErrorKind.VALIDATION);
        refused(catalog.describeTable("db_tables", "nope"), ErrorKind.NOT_FOUND);
        refused(catalog.describeTable("no_db", "cpu"), ErrorKind.NOT_FOUND);
    }

    @Test
    void refusesRetentionOutsideTimestreamsRanges() {
        await(catalog.createDatabase("db_ret", null, List.of()));
        refused(catalog.createTable("db_ret", "tbl0", new RetentionProperties(0, 1), null, null, null), ErrorKind.VALIDATION);
        refused(catalog.createTable("db_ret", "tbl0", new RetentionProperties(8767, 1), null, null, null),
                ErrorKind.VALIDATION);
        refused(catalog.createTable("db_ret", "tbl0", new RetentionProperties(1, 0), null, null, null), ErrorKind.VALIDATION);
        refused(catalog.createTable("db_ret", "tbl0", new RetentionProperties(1, 73001), null, null, null),
                ErrorKind.VALIDATION);
        TableDescription t = await(catalog.createTable("db_ret", "tbl0", new RetentionProperties(8766, 73000), null, null,
                null));
        assertThat(t.retention()).isEqualTo(new RetentionProperties(8766, 73000));
        refused(catalog.updateTable("db_ret", "tbl0", new RetentionProperties(1, 0), null, null), ErrorKind.VALIDATION);
        assertThat(await(catalog.describeTable("db_ret", "tbl0")).retention()).isEqualTo(t.retention());
    }

    @Test
    void checksMagneticStoreWriteProperties() {
        await(catalog.createDatabase("db_mag", null, List.of()));
        S3Location good = new S3Location("my-bucket.1", "rejects/", "SSE_S3", null);
        refused(catalog.createTable("db_mag", "tbl1", null, new MagneticStoreWriteProperties(false, good), null, null),
                ErrorKind.VALIDATION);
        for (S3Location bad : List.of(new S3Location("ab", null, null, null),
                new S3Location("Upper-Case", null, null, null), new S3Location("b".repeat(64), null, null, null),
                new S3Location("bucket", "p".repeat(929), null, null), new S3Location("bucket", "", null, null),
                new S3Location("bucket", null, "AES", null))) {
            refused(catalog.createTable("db_mag", "tbl1", null, new MagneticStoreWriteProperties(true, bad), null, null),
                    ErrorKind.VALIDATION);
        }
        MagneticStoreWriteProperties enabled = new MagneticStoreWriteProperties(true,
                new S3Location("b".repeat(63), "p".repeat(928), "SSE_KMS", "key"));
        assertThat(await(catalog.createTable("db_mag", "tbl1", null, enabled, null, null)).magneticStoreWrites())
                .isEqualTo(enabled);
        // Disabling while a location is kept is refused too; disabling without one is fine.
        refused(catalog.updateTable("db_mag", "tbl1", null, new MagneticStoreWriteProperties(false, good), null),
                ErrorKind.VALIDATION);
        assertThat(await(catalog.updateTable("db_mag", "tbl1", null, MagneticStoreWriteProperties.DISABLED, null))
                .magneticStoreWrites()).isEqualTo(MagneticStoreWriteProperties.DISABLED);
    }

    @Test
    void checksCompositePartitionKeys() {
        await(catalog.createDatabase("db_cdpk", null, List.of()));
        PartitionKey host = new PartitionKey(PartitionKey.Type.DIMENSION, "host", PartitionKey.Enforcement.REQUIRED);
        PartitionKey measure = new PartitionKey(PartitionKey.Type.MEASURE, null, null);
        refused(createWithKeys("tbl", List.of()), ErrorKind.VALIDATION);
        refused(createWithKeys("tbl", List.of(new PartitionKey(PartitionKey.Type.DIMENSION, null, null))),
                ErrorKind.VALIDATION);
        refused(createWithKeys("tbl", List.of(new PartitionKey(PartitionKey.Type.MEASURE, "m", null))),
                ErrorKind.VALIDATION);
        refused(createWithKeys("tbl", List.of(measure, measure)), ErrorKind.VALIDATION);
        refused(createWithKeys("tbl", List.of(host, host)), ErrorKind.VALIDATION);
        refused(createWithKeys("tbl", List.of(new PartitionKey(PartitionKey.Type.DIMENSION, "time", null))),
                ErrorKind.VALIDATION);

        assertThat(await(createWithKeys("tbl", List.of(host, measure))).partitionKeys()).containsExactly(host, measure);
        PartitionKey optionalHost = new PartitionKey(PartitionKey.Type.DIMENSION, "host",
                PartitionKey.Enforcement.OPTIONAL);
        assertThat(await(catalog.updateTable("db_cdpk", "tbl", null, null, List.of(optionalHost, measure)))
                .partitionKeys()).containsExactly(optionalHost, measure);
        // Name, type and order are fixed.
        refused(catalog.updateTable("db_cdpk", "tbl", null, null, List.of(measure, optionalHost)), ErrorKind.VALIDATION);
        refused(catalog.updateTable("db_cdpk", "tbl", null, null, List.of(optionalHost)), ErrorKind.VALIDATION);
        refused(catalog.updateTable("db_cdpk", "tbl", null, null, List.of(
                new PartitionKey(PartitionKey.Type.DIMENSION, "region", PartitionKey.Enforcement.OPTIONAL), measure)),
                ErrorKind.VALIDATION);
        assertThat(await(catalog.describeTable("db_cdpk", "tbl")).partitionKeys()).containsExactly(optionalHost, measure);
    }

    private CompletionStage<TableDescription> createWithKeys(String table, List<PartitionKey> keys) {
        return catalog.createTable("db_cdpk", table, null, null, keys, null);
    }

    @Test
    void raisingMemoryRetentionSetsTheFloorAndLoweringKeepsIt() {
        await(catalog.createDatabase("db_floor", null, List.of()));
        TableDescription t = await(catalog.createTable("db_floor", "tbl", new RetentionProperties(2, 10), null, null, null));
        clock.advance(Duration.ofMillis(60_000));
        long c1 = clock.millis();
        TableDescription raised = await(catalog.updateTable("db_floor", "tbl", new RetentionProperties(5, 10), null, null));
        assertThat(raised.memoryStoreFloorMillis()).isEqualTo(c1 - Duration.ofHours(2).toMillis());
        assertThat(raised.lastUpdatedTime()).isEqualTo(Instant.ofEpochMilli(c1));
        assertThat(raised.creationTime()).isEqualTo(t.creationTime());

        clock.advance(Duration.ofMillis(60_000));
        TableDescription lowered = await(catalog.updateTable("db_floor", "tbl", new RetentionProperties(1, 10), null, null));
        assertThat(lowered.memoryStoreFloorMillis()).isEqualTo(raised.memoryStoreFloorMillis());

        clock.advance(Duration.ofHours(3));
        long c3 = clock.millis();
        TableDescription again = await(catalog.updateTable("db_floor", "tbl", new RetentionProperties(4, 10), null, null));
        assertThat(again.memoryStoreFloorMillis()).isEqualTo(c3 - Duration.ofHours(1).toMillis());
        assertThat(catalog.table("db_floor", "tbl")).contains(again);
    }

    @Test
    void deletionMarksTheTableThenForgetsIt() {
        await(catalog.createDatabase("db_del", null, List.of()));
        TableDescription t = await(catalog.createTable("db_del", "tbl", null, null, null, List.of(new Tag("k", "v"))));
        TableDescription deleting = await(catalog.beginDeleteTable("db_del", "tbl"));
        assertThat(deleting.status()).isEqualTo(TableStatus.DELETING);
        assertThat(deleting.tableId()).isEqualTo(t.tableId());
        assertThat(await(catalog.describeTable("db_del", "tbl")).status()).isEqualTo(TableStatus.DELETING);
        assertThat(catalog.table("db_del", "tbl")).map(TableDescription::status).contains(TableStatus.DELETING);
        assertThat(catalog.tables()).contains(deleting);
        assertThat(await(catalog.beginDeleteTable("db_del", "tbl"))).isEqualTo(deleting);
        refused(catalog.createTable("db_del", "tbl", null, null, null, null), ErrorKind.CONFLICT);
        refused(catalog.updateTable("db_del", "tbl", RetentionProperties.DEFAULT, null, null), ErrorKind.CONFLICT);
        refused(catalog.listTags(t.arn()), ErrorKind.NOT_FOUND);
        refused(catalog.registerSchema(t.tableId(), delta(Map.of("m", MeasureType.DOUBLE), Map.of(), Set.of())),
                ErrorKind.NOT_FOUND);
        refused(catalog.deleteDatabase("db_del"), ErrorKind.VALIDATION);

        await(catalog.finishDeleteTable(t.tableId()));
        refused(catalog.describeTable("db_del", "tbl"), ErrorKind.NOT_FOUND);
        assertThat(catalog.table("db_del", "tbl")).isEmpty();
        assertThat(catalog.tables()).extracting(TableDescription::tableId).doesNotContain(t.tableId());
        refused(catalog.finishDeleteTable(t.tableId()), ErrorKind.NOT_FOUND);

        TableDescription recreated = await(catalog.createTable("db_del", "tbl", null, null, null, null));
        assertThat(recreated.tableId()).isNotEqualTo(t.tableId());
        assertThat(await(catalog.listTags(recreated.arn()))).isEmpty();
        assertThat(catalog.schema(recreated.tableId())).isEqualTo(TableSchema.EMPTY);
        refused(catalog.finishDeleteTable(recreated.tableId()), ErrorKind.CONFLICT);
        await(catalog.beginDeleteTable("db_del", "tbl"));
        await(catalog.finishDeleteTable(recreated.tableId()));
        await(catalog.deleteDatabase("db_del"));
    }

    @Test
    void tagsResourcesWithinTheLimits() {
        await(catalog.createDatabase("db_tags", null, List.of()));
        TableDescription t = await(catalog.createTable("db_tags", "tbl", null, null, null, List.of(new Tag("a", "1"))));
        await(catalog.tagResource(t.arn(), List.of(new Tag("b", ""), new Tag("a", "2"))));
        assertThat(await(catalog.listTags(t.arn()))).containsExactly(new Tag("a", "2"), new Tag("b", ""));
        await(catalog.untagResource(t.arn(), List.of("a", "zzz")));
        assertThat(await(catalog.listTags(t.arn()))).containsExactly(new Tag("b", ""));
        assertThat(await(catalog.listTags(ARN + "db_tags"))).isEmpty();

        refused(catalog.tagResource(t.arn(), List.of(new Tag("", "v"))), ErrorKind.VALIDATION);
        refused(catalog.tagResource(t.arn(), List.of(new Tag("k".repeat(129), "v"))), ErrorKind.VALIDATION);
        refused(catalog.tagResource(t.arn(), List.of(new Tag("k", "v".repeat(257)))), ErrorKind.VALIDATION);
        refused(catalog.tagResource(t.arn(), List.of(new Tag("k", "1"), new Tag("k", "2"))), ErrorKind.VALIDATION);
        refused(catalog.untagResource(t.arn(), List.of("")), ErrorKind.VALIDATION);
        refused(catalog.createTable("db_tags", "tbl2", null, null, null, tags(201)), ErrorKind.VALIDATION);
        await(catalog.tagResource(t.arn(), tags(199)));
        assertThat(await(catalog.listTags(t.arn()))).hasSize(200);
        refused(catalog.tagResource(t.arn(), List.of(new Tag("one-more", "x"))), ErrorKind.QUOTA_EXCEEDED);

        refused(catalog.listTags(ARN + "db_tags/table/none"), ErrorKind.NOT_FOUND);
        refused(catalog.listTags(ARN + "no_db"), ErrorKind.NOT_FOUND);
        refused(catalog.listTags("arn:aws:timestream:us-east-1:000000000000:database/db_tags"), ErrorKind.VALIDATION);
        refused(catalog.listTags(ARN + "db_tags/view/tbl"), ErrorKind.VALIDATION);
        refused(catalog.listTags(""), ErrorKind.VALIDATION);
        refused(catalog.listTags(ARN + "x".repeat(1000)), ErrorKind.VALIDATION);
    }

    private static List<Tag> tags(int n) {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tags.add(new Tag("key" + i, "value" + i));
        }
        return tags;
    }

    @Test
    void listsDatabasesAndTablesPageByPage() {
        for (String db : List.of("pg_a", "pg_b", "pg_c")) {
            await(catalog.createDatabase(db, null, List.of()));
            for (int i = 0; i < 3; i++) {
                await(catalog.createTable(db, "tbl" + i, null, null, null, null));
            }
        }
        List<String> names = new ArrayList<>();
        Page<TableDescription> page = await(catalog.listTables("pg_b", null, 2));
        page.items().forEach(t -> names.add(t.tableName()));
        assertThat(page.nextToken()).isNotNull();
        page = await(catalog.listTables("pg_b", page.nextToken(), 2));
        page.items().forEach(t -> names.add(t.tableName()));
        assertThat(page.nextToken()).isNull();
        assertThat(names).containsExactly("tbl0", "tbl1", "tbl2");

        // All databases: every table once, in (database, table) order, across page boundaries.
        List<String> all = new ArrayList<>();
        String token = null;
        do {
            Page<TableDescription> p = await(catalog.listTables(null, token, 4));
            assertThat(p.items().size()).isLessThanOrEqualTo(4);
            p.items().stream().filter(t -> t.databaseName().startsWith("pg_"))
                    .forEach(t -> all.add(t.databaseName() + "." + t.tableName()));
            token = p.nextToken();
        } while (token != null);
        assertThat(all).containsExactly("pg_a.tbl0", "pg_a.tbl1", "pg_a.tbl2", "pg_b.tbl0", "pg_b.tbl1", "pg_b.tbl2", "pg_c.tbl0",
                "pg_c.tbl1", "pg_c.tbl2");

        List<String> dbs = new ArrayList<>();
        token = null;
        do {
            Page<DatabaseDescription> p = await(catalog.listDatabases(token, 1));
            assertThat(p.items()).hasSizeLessThanOrEqualTo(1);
            p.items().forEach(d -> dbs.add(d.name()));
            token = p.nextToken();
        } while (token != null);
        assertThat(dbs).containsSubsequence("pg_a", "pg_b", "pg_c").isSorted().doesNotHaveDuplicates();
        assertThat(await(catalog.listDatabases(null, null)).items()).hasSizeLessThanOrEqualTo(20);

        refused(catalog.listTables("pg_a", null, 0), ErrorKind.VALIDATION);
        refused(catalog.listTables("pg_a", null, 21), ErrorKind.VALIDATION);
        refused(catalog.listDatabases(null, 21), ErrorKind.VALIDATION);
        refused(catalog.listTables("pg_a", "%%not-base64%%", 2), ErrorKind.VALIDATION);
        String tablesToken = await(catalog.listTables("pg_a", null, 1)).nextToken();
        refused(catalog.listDatabases(tablesToken, 1), ErrorKind.VALIDATION);
        refused(catalog.listTables("pg_b", tablesToken, 1), ErrorKind.VALIDATION);
        refused(catalog.listTables(null, CatalogRules.nextToken("tables", "no-slash"), 1), ErrorKind.VALIDATION);
        refused(catalog.listTables("no_such_db", null, null), ErrorKind.NOT_FOUND);
    }

    @Test
    void registersSchemaFirstWriterWinsAndSkipsWhatDoesNotFit() {
        await(catalog.createDatabase("db_schema", null, List.of()));
        String id = await(catalog.createTable("db_schema", "tbl", null, null, null, null)).tableId();
        TableSchema s1 = await(catalog.registerSchema(id, delta(Map.of("cpu", MeasureType.DOUBLE, "metrics",
                MeasureType.MULTI), Map.of("load", MeasureType.BIGINT), Set.of("host", "region"))));
        assertThat(s1.measures()).isEqualTo(Map.of("cpu", MeasureType.DOUBLE, "metrics", MeasureType.MULTI));
        assertThat(s1.attributes()).isEqualTo(Map.of("load", MeasureType.BIGINT));
        assertThat(s1.dimensions()).containsExactlyInAnyOrder("host", "region");
        assertThat(catalog.schema(id)).isEqualTo(s1);

        TableSchema s2 = await(catalog.registerSchema(id, delta(
                Map.of("cpu", MeasureType.BIGINT, "host", MeasureType.DOUBLE, "time", MeasureType.DOUBLE,
                        "ts_x", MeasureType.DOUBLE, "measure_name2", MeasureType.DOUBLE, "mem", MeasureType.DOUBLE),
                Map.of("load", MeasureType.DOUBLE, "region", MeasureType.VARCHAR, "measure_value", MeasureType.DOUBLE),
                Set.of("cpu", "load", "ts_non_existent_col", "d".repeat(61), "az"))));
        assertThat(s2.measures()).isEqualTo(Map.of("cpu", MeasureType.DOUBLE, "metrics", MeasureType.MULTI,
                "mem", MeasureType.DOUBLE));
        assertThat(s2.attributes()).isEqualTo(Map.of("load", MeasureType.BIGINT));
        assertThat(s2.dimensions()).containsExactlyInAnyOrder("host", "region", "az");
        assertThat(catalog.schema(id)).isEqualTo(s2);
        assertThat(catalog.schema("0000000000000000")).isEqualTo(TableSchema.EMPTY);
        refused(catalog.registerSchema("0000000000000000", delta(Map.of(), Map.of(), Set.of("x"))),
                ErrorKind.NOT_FOUND);
    }

    @Test
    void stopsAddingDimensionsAtTheTableLimit() {
        await(catalog.createDatabase("db_limit", null, List.of()));
        String id = await(catalog.createTable("db_limit", "tbl", null, null, null, null)).tableId();
        Set<String> dims = new java.util.HashSet<>();
        for (int i = 0; i < TableSchema.MAX_DIMENSION_NAMES + 5; i++) {
            dims.add(String.format("dim%03d", i));
        }
        TableSchema s = await(catalog.registerSchema(id, delta(Map.of(), Map.of(), dims)));
        assertThat(s.dimensions()).hasSize(TableSchema.MAX_DIMENSION_NAMES).contains("dim000", "dim127")
                .doesNotContain("dim128");
    }

    @Test
    void concurrentRegistrationsOfOneNameBindOneType() {
        await(catalog.createDatabase("db_race", null, List.of()));
        String id = await(catalog.createTable("db_race", "tbl", null, null, null, null)).tableId();
        List<CompletionStage<TableSchema>> stages = new ArrayList<>();
        MeasureType[] types = {MeasureType.DOUBLE, MeasureType.BIGINT, MeasureType.VARCHAR, MeasureType.BOOLEAN};
        for (int i = 0; i < 40; i++) {
            stages.add(catalog.registerSchema(id, delta(Map.of("speed", types[i % types.length]), Map.of(), Set.of())));
        }
        Set<MeasureType> seen = new java.util.HashSet<>();
        stages.forEach(s -> seen.add(await(s).measures().get("speed")));
        assertThat(seen).hasSize(1);
        assertThat(catalog.schema(id).measures().get("speed")).isEqualTo(seen.iterator().next());
    }

    static SchemaDelta delta(Map<String, MeasureType> measures, Map<String, MeasureType> attributes,
            Set<String> dimensions) {
        return new SchemaDelta(measures, attributes, dimensions);
    }
}
