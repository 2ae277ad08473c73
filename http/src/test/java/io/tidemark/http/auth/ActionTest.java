package io.tidemark.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the group and the resource scope of every operation, as docs/api.md "Access keys and
 * permissions" lists them: moving an operation to another group changes what existing keys may do.
 */
class ActionTest {

    @Test
    void everyOperationHasItsDocumentedGroupAndScope() {
        Map<String, String> actual = new TreeMap<>();
        Arrays.stream(Action.values()).forEach(a -> actual.put(a.operation(), a.group() + " " + a.scope()));

        assertThat(actual).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry("DescribeEndpoints", "READ ANY_KEY"),
                Map.entry("DescribeAccountSettings", "READ ACTION_ONLY"),
                Map.entry("ListDatabases", "READ ACCOUNT"),
                Map.entry("DescribeDatabase", "READ DATABASE"),
                Map.entry("ListTables", "READ DATABASE"),
                Map.entry("DescribeTable", "READ TABLE"),
                Map.entry("ListTagsForResource", "READ RESOURCE_ARN"),
                Map.entry("Query", "READ STATEMENT"),
                Map.entry("PrepareQuery", "READ STATEMENT"),
                Map.entry("CancelQuery", "READ ACTION_ONLY"),
                Map.entry("DescribeScheduledQuery", "READ ACCOUNT"),
                Map.entry("ListScheduledQueries", "READ ACCOUNT"),
                Map.entry("DescribeBatchLoadTask", "READ ACCOUNT"),
                Map.entry("ListBatchLoadTasks", "READ ACCOUNT"),
                Map.entry("WriteRecords", "WRITE TABLE"),
                Map.entry("CreateBatchLoadTask", "WRITE ACCOUNT"),
                Map.entry("ResumeBatchLoadTask", "WRITE ACCOUNT"),
                Map.entry("CreateDatabase", "ADMIN DATABASE"),
                Map.entry("UpdateDatabase", "ADMIN DATABASE"),
                Map.entry("DeleteDatabase", "ADMIN DATABASE"),
                Map.entry("CreateTable", "ADMIN TABLE"),
                Map.entry("UpdateTable", "ADMIN TABLE"),
                Map.entry("DeleteTable", "ADMIN TABLE"),
                Map.entry("TagResource", "ADMIN RESOURCE_ARN"),
                Map.entry("UntagResource", "ADMIN RESOURCE_ARN"),
                Map.entry("UpdateAccountSettings", "ADMIN ACCOUNT"),
                Map.entry("CreateScheduledQuery", "ADMIN ACCOUNT"),
                Map.entry("UpdateScheduledQuery", "ADMIN ACCOUNT"),
                Map.entry("DeleteScheduledQuery", "ADMIN ACCOUNT"),
                Map.entry("ExecuteScheduledQuery", "ADMIN ACCOUNT"))));
    }

    @Test
    void operationNamesAreFoundInAnyCaseAndUnknownOnesAreNot() {
        assertThat(Action.ofOperation("WriteRecords")).contains(Action.WRITE_RECORDS);
        assertThat(Action.ofOperation("writerecords")).contains(Action.WRITE_RECORDS);
        assertThat(Action.ofOperation("WriteRecord")).isEmpty();
        assertThat(Action.WRITE_RECORDS.iamName()).isEqualTo("timestream:WriteRecords");
    }
}
