package io.tidemark.http.wire;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of both Timestream services this build does not run yet (scheduled queries,
 * batch loads, account-settings updates). Each answers a ValidationException that says so, rather than
 * the UnknownOperationException of a name Timestream does not have.
 */
public final class UnsupportedOperations implements OperationGroup {

    static final List<String> NAMES = List.of(
            "UpdateAccountSettings",
            "CreateScheduledQuery", "DescribeScheduledQuery", "ListScheduledQueries", "UpdateScheduledQuery",
            "DeleteScheduledQuery", "ExecuteScheduledQuery",
            "CreateBatchLoadTask", "DescribeBatchLoadTask", "ListBatchLoadTasks", "ResumeBatchLoadTask");

    @Override
    public Map<String, Operation> operations() {
        Map<String, Operation> ops = new HashMap<>();
        for (String name : NAMES) {
            ops.put(name, request -> {
                throw WireError.validation("cannot run " + name
                        + ": the operation is not supported by this build of Tidemark").exception();
            });
        }
        return ops;
    }
}
