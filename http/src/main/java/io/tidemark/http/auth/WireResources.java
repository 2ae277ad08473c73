package io.tidemark.http.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tidemark.engine.EngineException;
import io.tidemark.engine.catalog.Arns;
import io.tidemark.http.wire.WireJson;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The resources a Timestream request names, read from its raw body before the operation reads it:
 * only the top-level string members {@code DatabaseName}, {@code TableName}, {@code ResourceARN}
 * and {@code QueryString}; everything else (WriteRecords' records) is skipped by a streaming
 * parser without building a tree. A body whose members cannot be read for sure (not JSON, a
 * member of another type or given twice, a table without its database, an ARN of another node)
 * names {@link Resource#ACCOUNT}: the operation refuses such a body anyway, and a key allowed
 * everything still gets the operation's own error for it.
 */
final class WireResources {

    private static final Set<String> MEMBERS = Set.of("DatabaseName", "TableName", "ResourceARN", "QueryString");

    private WireResources() {
    }

    static Set<Resource> of(Action action, byte[] body, Arns arns) {
        Map<String, String> members = members(body);
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

    /** The top-level string members of interest; null when the body is not read for sure. */
    private static Map<String, String> members(byte[] body) {
        Map<String, String> found = new HashMap<>();
        try (JsonParser parser = WireJson.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!MEMBERS.contains(name)) {
                    parser.skipChildren();
                } else if (value != JsonToken.VALUE_STRING || found.put(name, parser.getText()) != null) {
                    return null;
                }
            }
            return parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null ? found : null;
        } catch (IOException e) {
            return null;
        }
    }
}
