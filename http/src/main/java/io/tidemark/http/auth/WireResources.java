package io.tidemark.http.auth;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.catalog.Arns;
import java.util.Map;
import java.util.Set;

/**
 * The resources a Timestream request names, read from its raw body before the operation reads it:
 * only the top-level string members {@code DatabaseName}, {@code TableName}, {@code ResourceARN}
 * and {@code QueryString}, by {@link TopLevelMembers}; everything else (WriteRecords' records) is
 * skipped unread. A body whose members cannot be read for sure (not JSON, a member of another
 * type or given twice, a table without its database, an ARN of another node) names
 * {@link Resource#ACCOUNT}: the operation refuses such a body anyway, and a key allowed everything
 * still gets the operation's own error for it.
 */
final class WireResources {

    private static final Set<String> MEMBERS = Set.of("DatabaseName", "TableName", "ResourceARN", "QueryString");

    private WireResources() {
    }

    static Set<Resource> of(Action action, byte[] body, Arns arns) {
        Map<String, String> members = TopLevelMembers.read(body, MEMBERS);
        if (members == null) {
            return Set.of(Resource.ACCOUNT);
        }
        String database = members.get("DatabaseName");
        switch (action.scope()) {
            case DATABASE:
                return Set.of(database == null ? Resource.ACCOUNT : Resource.database(database));
            case TABLE:
                String table = members.get("TableName");
                return Set.of(database == null || table == null ? Resource.ACCOUNT : Resource.table(database, table));
            case RESOURCE_ARN:
                return Set.of(arn(members.get("ResourceARN"), arns));
            case STATEMENT:
                String sql = members.get("QueryString");
                return sql == null ? Set.of(Resource.ACCOUNT) : StatementResources.of(sql);
            default:
                return Set.of(Resource.ACCOUNT);
        }
    }

    private static Resource arn(String arn, Arns arns) {
        try {
            Arns.Resource named = arns.parse(arn);
            return new Resource(named.database(), named.table());
        } catch (EngineException e) {
            return Resource.ACCOUNT;
        }
    }
}
