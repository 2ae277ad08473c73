package io.tidemark.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.catalog.Arns;
import io.tidemark.http.wire.WireError;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a request names, read from its body or SQL, checked against a key's grants: the refusal is
 * AccessDeniedException 403 naming the key, the action and the resource as Timestream does; a
 * body or statement that cannot be read for sure is checked as acting on the whole node.
 */
class PermissionsTest {

    static final Arns ARNS = new Arns("us-east-1", "000000000000");
    static final String PREFIX = "arn:aws:timestream:us-east-1:000000000000:database/";

    /** READER reads metrics.* and ops.cpu and writes metrics.cpu; ADMIN has no allow. */
    final Permissions permissions = new Permissions(AccessKeysTest.parse("""
            [ { id = ADMIN, secret = a },
              { id = READER, secret = r, allow = [
                  { actions = [ read ], databases = [ metrics ] },
                  { actions = [ read ], databases = [ ops ], tables = [ cpu ] },
                  { actions = [ "timestream:WriteRecords" ], databases = [ metrics ], tables = [ cpu ] } ] } ]"""),
            ARNS);

    @Test
    void aRefusalIsAccessDeniedWithTimestreamsMessage() {
        WireError refused = operation("READER", Action.CREATE_TABLE,
                "{\"DatabaseName\":\"metrics\",\"TableName\":\"new\"}").orElseThrow();

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.type()).isEqualTo("AccessDeniedException");
        assertThat(refused.message()).isEqualTo("User: READER is not authorized to perform: timestream:CreateTable"
                + " on resource: " + PREFIX + "metrics/table/new because no grant of the key in"
                + " tidemark.http.access-keys allows timestream:CreateTable");
    }

    @Test
    void writeRecordsIsCheckedOnTheTableItsBodyNamesWhereverTheMembersAre() {
        String records = "\"Records\":[{\"Dimensions\":[{\"Name\":\"DatabaseName\",\"Value\":\"x\"}],"
                + "\"MeasureName\":\"TableName\",\"MeasureValue\":\"1\"}]";
        assertThat(operation("READER", Action.WRITE_RECORDS,
                "{" + records + ",\"DatabaseName\":\"metrics\",\"TableName\":\"cpu\"}")).isEmpty();
        assertThat(resource(operation("READER", Action.WRITE_RECORDS,
                "{\"DatabaseName\":\"metrics\"," + records + ",\"TableName\":\"mem\"}"))).isEqualTo(PREFIX + "metrics/table/mem");
        assertThat(operation("ADMIN", Action.WRITE_RECORDS, "{\"DatabaseName\":\"any\",\"TableName\":\"t\"}")).isEmpty();
    }

    @Test
    void aBodyThatCannotBeReadForSureIsCheckedOnTheWholeNode() {
        for (String body : new String[] {
                "{\"DatabaseName\":\"metrics\",\"TableName\":\"mem\",\"DatabaseName\":\"metrics\"}",
                "{\"DatabaseName\":\"metrics\",\"TableName\":7}",
                "{\"DatabaseName\":\"metrics\",\"TableName\":\"cpu\"",
                "{\"DatabaseName\":\"metrics\",\"TableName\":\"cpu\"} {}",
                "[\"metrics\"]",
                "",
                "{\"TableName\":\"cpu\"}"}) {
            assertThat(resource(operation("READER", Action.WRITE_RECORDS, body))).as(body).isEqualTo("*");
            assertThat(operation("ADMIN", Action.WRITE_RECORDS, body)).as(body).isEmpty();
        }
    }

    @Test
    void databaseOperationsNeedTheWholeDatabaseAndListingEveryDatabaseNeedsEveryOne() {
        assertThat(operation("READER", Action.LIST_TABLES, "{\"DatabaseName\":\"metrics\"}")).isEmpty();
        assertThat(operation("READER", Action.DESCRIBE_DATABASE, "{\"DatabaseName\":\"metrics\"}")).isEmpty();
        assertThat(resource(operation("READER", Action.LIST_TABLES, "{\"DatabaseName\":\"ops\"}")))
                .isEqualTo(PREFIX + "ops");
        assertThat(resource(operation("READER", Action.LIST_TABLES, "{}"))).isEqualTo("*");
        assertThat(resource(operation("READER", Action.LIST_DATABASES, "{\"MaxResults\":5}"))).isEqualTo("*");
        assertThat(operation("READER", Action.DESCRIBE_TABLE, "{\"DatabaseName\":\"ops\",\"TableName\":\"cpu\"}"))
                .isEmpty();
        assertThat(operation("READER", Action.DESCRIBE_ENDPOINTS, "")).isEmpty();
        assertThat(operation("READER", Action.CANCEL_QUERY, "{\"QueryId\":\"abc\"}")).isEmpty();
    }

    @Test
    void tagOperationsAreCheckedOnTheirArn() {
        assertThat(operation("READER", Action.LIST_TAGS_FOR_RESOURCE,
                "{\"ResourceARN\":\"" + PREFIX + "ops/table/cpu\"}")).isEmpty();
        assertThat(resource(operation("READER", Action.LIST_TAGS_FOR_RESOURCE,
                "{\"ResourceARN\":\"" + PREFIX + "ops/table/mem\"}"))).isEqualTo(PREFIX + "ops/table/mem");
        assertThat(resource(operation("READER", Action.TAG_RESOURCE,
                "{\"ResourceARN\":\"" + PREFIX + "metrics\",\"Tags\":[]}"))).isEqualTo(PREFIX + "metrics");
        assertThat(resource(operation("READER", Action.LIST_TAGS_FOR_RESOURCE,
                "{\"ResourceARN\":\"arn:aws:timestream:eu-west-1:1:database/metrics\"}"))).isEqualTo("*");
    }

    @Test
    void aQueryNeedsReadOnEveryTableItReads() {
        assertThat(statement("SELECT * FROM metrics.cpu c JOIN \"ops\".\"cpu\" o ON c.host = o.host")).isEmpty();
        assertThat(resource(statement("SELECT * FROM metrics.cpu WHERE host IN (SELECT host FROM ops.mem)")))
                .isEqualTo(PREFIX + "ops/table/mem");
        assertThat(resource(statement("WITH recent AS (SELECT * FROM logs.app) SELECT * FROM recent")))
                .isEqualTo(PREFIX + "logs/table/app");
        assertThat(statement("WITH recent AS (SELECT * FROM metrics.cpu) SELECT * FROM recent r, recent s")).isEmpty();
        assertThat(statement("SELECT 1")).isEmpty();
        assertThat(statement("DESCRIBE ops.cpu")).isEmpty();
        assertThat(resource(statement("SHOW MEASURES FROM ops.mem"))).isEqualTo(PREFIX + "ops/table/mem");
        assertThat(statement("SHOW TABLES FROM metrics")).isEmpty();
        assertThat(resource(statement("SHOW TABLES FROM ops"))).isEqualTo(PREFIX + "ops");
        assertThat(resource(statement("SHOW DATABASES"))).isEqualTo("*");
        assertThat(resource(statement("SELECT * FROM a.b.c"))).isEqualTo("*");
        assertThat(resource(statement("SELEKT 1"))).isEqualTo("*");
        assertThat(permissions.checkStatement("ADMIN", "SELEKT 1")).isEmpty();
    }

    @Test
    void theWireQueryIsCheckedOnItsQueryString() {
        assertThat(operation("READER", Action.QUERY, "{\"QueryString\":\"SELECT * FROM metrics.mem\",\"MaxRows\":1}"))
                .isEmpty();
        WireError refused = operation("READER", Action.PREPARE_QUERY,
                "{\"QueryString\":\"SELECT * FROM logs.app\"}").orElseThrow();
        assertThat(refused.message()).contains("timestream:PrepareQuery on resource: " + PREFIX + "logs/table/app");
    }

    private Optional<WireError> operation(String key, Action action, String body) {
        return permissions.checkOperation(key, action, body.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<WireError> statement(String sql) {
        return permissions.checkStatement("READER", sql);
    }

    /** The resource a refusal names. */
    private static String resource(Optional<WireError> refusal) {
        String message = refusal.orElseThrow(() -> new AssertionError("expected a refusal")).message();
        return message.substring(message.indexOf(" on resource: ") + 14, message.indexOf(" because "));
    }
}
