package io.tidemark.http.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Timestream actions an access key may be granted, one per operation of both services, each in
 * one of the groups a grant may name ({@code read}, {@code write}, {@code admin}) and with the
 * {@link Scope} of resource a request of it names. The endpoints that are not Timestream
 * operations are checked as one of these: {@code POST /sql} and the WebSocket {@code /subscribe}
 * as {@link #QUERY}, the line protocol writes as {@link #WRITE_RECORDS}.
 */
public enum Action {
    DESCRIBE_ENDPOINTS("DescribeEndpoints", Group.READ, Scope.ANY_KEY),
    DESCRIBE_ACCOUNT_SETTINGS("DescribeAccountSettings", Group.READ, Scope.ACTION_ONLY),
    LIST_DATABASES("ListDatabases", Group.READ, Scope.ACCOUNT),
    DESCRIBE_DATABASE("DescribeDatabase", Group.READ, Scope.DATABASE),
    LIST_TABLES("ListTables", Group.READ, Scope.DATABASE),
    DESCRIBE_TABLE("DescribeTable", Group.READ, Scope.TABLE),
    LIST_TAGS_FOR_RESOURCE("ListTagsForResource", Group.READ, Scope.RESOURCE_ARN),
    QUERY("Query", Group.READ, Scope.STATEMENT),
    PREPARE_QUERY("PrepareQuery", Group.READ, Scope.STATEMENT),
    CANCEL_QUERY("CancelQuery", Group.READ, Scope.ACTION_ONLY),
    DESCRIBE_SCHEDULED_QUERY("DescribeScheduledQuery", Group.READ, Scope.ACCOUNT),
    LIST_SCHEDULED_QUERIES("ListScheduledQueries", Group.READ, Scope.ACCOUNT),
    DESCRIBE_BATCH_LOAD_TASK("DescribeBatchLoadTask", Group.READ, Scope.ACCOUNT),
    LIST_BATCH_LOAD_TASKS("ListBatchLoadTasks", Group.READ, Scope.ACCOUNT),

    WRITE_RECORDS("WriteRecords", Group.WRITE, Scope.TABLE),
    CREATE_BATCH_LOAD_TASK("CreateBatchLoadTask", Group.WRITE, Scope.ACCOUNT),
    RESUME_BATCH_LOAD_TASK("ResumeBatchLoadTask", Group.WRITE, Scope.ACCOUNT),

    CREATE_DATABASE("CreateDatabase", Group.ADMIN, Scope.DATABASE),
    UPDATE_DATABASE("UpdateDatabase", Group.ADMIN, Scope.DATABASE),
    DELETE_DATABASE("DeleteDatabase", Group.ADMIN, Scope.DATABASE),
    CREATE_TABLE("CreateTable", Group.ADMIN, Scope.TABLE),
    UPDATE_TABLE("UpdateTable", Group.ADMIN, Scope.TABLE),
    DELETE_TABLE("DeleteTable", Group.ADMIN, Scope.TABLE),
    TAG_RESOURCE("TagResource", Group.ADMIN, Scope.RESOURCE_ARN),
    UNTAG_RESOURCE("UntagResource", Group.ADMIN, Scope.RESOURCE_ARN),
    UPDATE_ACCOUNT_SETTINGS("UpdateAccountSettings", Group.ADMIN, Scope.ACCOUNT),
    CREATE_SCHEDULED_QUERY("CreateScheduledQuery", Group.ADMIN, Scope.ACCOUNT),
    UPDATE_SCHEDULED_QUERY("UpdateScheduledQuery", Group.ADMIN, Scope.ACCOUNT),
    DELETE_SCHEDULED_QUERY("DeleteScheduledQuery", Group.ADMIN, Scope.ACCOUNT),
    EXECUTE_SCHEDULED_QUERY("ExecuteScheduledQuery", Group.ADMIN, Scope.ACCOUNT);

    /** The groups of actions a grant may name instead of the actions themselves. */
    public enum Group {
        /** Reading data and metadata: Query, Describe*, List* … */
        READ,
        /** Writing records. */
        WRITE,
        /** Creating, changing and deleting databases, tables, tags and settings. */
        ADMIN
    }

    /** What a request of the action names, and so what a grant must cover to allow it. */
    public enum Scope {
        /** Nothing: every key that authenticates may (endpoint discovery must work for any client). */
        ANY_KEY,
        /** No resource: any grant naming the action allows it. */
        ACTION_ONLY,
        /** Every database and table of the node. */
        ACCOUNT,
        /** The database {@code DatabaseName} (every database when the member is absent). */
        DATABASE,
        /** The table {@code DatabaseName}.{@code TableName}. */
        TABLE,
        /** The database or table its {@code ResourceARN} names. */
        RESOURCE_ARN,
        /** Every table its SQL statement reads. */
        STATEMENT
    }

    private static final Map<String, Action> BY_OPERATION = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(a -> a.operation.toLowerCase(Locale.ROOT), Function.identity()));

    private final String operation;
    private final Group group;
    private final Scope scope;

    Action(String operation, Group group, Scope scope) {
        this.operation = operation;
        this.group = group;
        this.scope = scope;
    }

    /** The operation name, as in {@code X-Amz-Target} after {@code Timestream_20181101.}. */
    public String operation() {
        return operation;
    }

    /** The action's IAM-style name, {@code timestream:<Operation>}. */
    public String iamName() {
        return "timestream:" + operation;
    }

    public Group group() {
        return group;
    }

    public Scope scope() {
        return scope;
    }

    /** The action of an operation name, ignoring case as IAM does. */
    public static Optional<Action> ofOperation(String operation) {
        return Optional.ofNullable(BY_OPERATION.get(operation.toLowerCase(Locale.ROOT)));
    }
}
