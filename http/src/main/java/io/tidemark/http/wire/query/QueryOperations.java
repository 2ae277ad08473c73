package io.tidemark.http.wire.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.query.QueryInsights;
import io.tidemark.engine.query.QueryService;
import io.tidemark.engine.query.QueryService.PreparedColumn;
import io.tidemark.engine.query.QueryService.PreparedQuery;
import io.tidemark.engine.query.QueryService.QueryPage;
import io.tidemark.engine.query.QueryService.QueryRequest;
import io.tidemark.engine.query.QueryService.QueryStatus;
import io.tidemark.http.wire.Members;
import io.tidemark.http.wire.Operation;
import io.tidemark.http.wire.OperationGroup;
import io.tidemark.http.wire.WireError;
import io.tidemark.http.wire.WireJson;
import io.tidemark.http.wire.WireRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Query, CancelQuery and PrepareQuery of the timestream-query service. The members the engine
 * does not check (ClientToken, NextToken, QueryId, ValidateOnly) are checked here against the
 * model's constraints, with Timestream's wording; QueryString and MaxRows are checked by the
 * engine, in the same wording. A Query page is rendered as {@code QueryId}, {@code NextToken}
 * (absent on the last page), {@code Rows}, {@code ColumnInfo} (on every page) and
 * {@code QueryStatus}, and with {@code QueryInsights {Mode: ENABLED_WITH_RATE_CONTROL}} the whole
 * query's {@code QueryInsightsResponse} on every page; see {@link ResultJson} for the values.
 */
public final class QueryOperations implements OperationGroup {

    private static final Pattern QUERY_ID = Pattern.compile("[a-zA-Z0-9]+");

    private final QueryService queries;

    public QueryOperations(QueryService queries) {
        this.queries = queries;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of("Query", this::query, "CancelQuery", this::cancel, "PrepareQuery", this::prepare);
    }

    private CompletionStage<ObjectNode> query(WireRequest request) {
        Members m = request.members();
        String queryString = m.requiredString("QueryString");
        String clientToken = m.string("ClientToken");
        if (clientToken != null) {
            checkLength("clientToken", null, clientToken, 32, 128);
        }
        String nextToken = m.string("NextToken");
        if (nextToken != null) {
            checkLength("nextToken", nextToken, nextToken, 1, 2048);
        }
        Integer maxRows = m.intValue("MaxRows");
        Members insights = m.object("QueryInsights");
        boolean insightsEnabled = false;
        if (insights != null) {
            String mode = insights.requiredString("Mode");
            if (!mode.equals("ENABLED_WITH_RATE_CONTROL") && !mode.equals("DISABLED")) {
                throw WireError.validation("1 validation error detected: Value '" + mode + "' at 'queryInsights.mode'"
                        + " failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [ENABLED_WITH_RATE_CONTROL, DISABLED]").exception();
            }
            insightsEnabled = mode.equals("ENABLED_WITH_RATE_CONTROL");
        }
        return queries.query(new QueryRequest(queryString, Optional.ofNullable(clientToken),
                Optional.ofNullable(nextToken), Optional.ofNullable(maxRows), insightsEnabled))
                .thenApply(QueryOperations::render);
    }

    private CompletionStage<ObjectNode> cancel(WireRequest request) {
        Members m = request.members();
        String queryId = m.requiredString("QueryId");
        checkLength("queryId", queryId, queryId, 1, 64);
        if (!QUERY_ID.matcher(queryId).matches()) {
            throw WireError.validation("1 validation error detected: Value '" + queryId + "' at 'queryId' failed to"
                    + " satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9]+").exception();
        }
        return queries.cancel(queryId).thenApply(message -> {
            ObjectNode out = WireJson.object();
            message.ifPresent(text -> out.put("CancellationMessage", text));
            return out;
        });
    }

    /** Only {@code ValidateOnly = true} is supported by Timestream too; it is what an absent member means here. */
    private CompletionStage<ObjectNode> prepare(WireRequest request) {
        Members m = request.members();
        String queryString = m.requiredString("QueryString");
        Boolean validateOnly = m.bool("ValidateOnly");
        if (Boolean.FALSE.equals(validateOnly)) {
            throw WireError.validation("cannot prepare query: only ValidateOnly=true is supported").exception();
        }
        return queries.prepare(queryString).thenApply(QueryOperations::render);
    }

    private static ObjectNode render(QueryPage page) {
        ObjectNode out = WireJson.object();
        out.put("QueryId", page.queryId());
        page.nextToken().ifPresent(token -> out.put("NextToken", token));
        out.putPOJO("Rows", ResultJson.rows(page.rows()));
        out.putPOJO("ColumnInfo", ResultJson.columnInfo(page.columns()));
        QueryStatus status = page.status();
        out.putObject("QueryStatus")
                .put("ProgressPercentage", status.progressPercentage())
                .put("CumulativeBytesScanned", status.cumulativeBytesScanned())
                .put("CumulativeBytesMetered", status.cumulativeBytesMetered());
        page.insights().ifPresent(insights -> render(insights, out.putObject("QueryInsightsResponse")));
        return out;
    }

    /** QueryInsightsResponse: the Unload* members are left out (UNLOAD is not supported). */
    private static void render(QueryInsights insights, ObjectNode out) {
        insights.spatialCoverage().ifPresent(max -> {
            ObjectNode node = out.putObject("QuerySpatialCoverage").putObject("Max");
            node.put("Value", max.value()).put("TableArn", max.tableArn());
            max.partitionKey().forEach(node.putArray("PartitionKey")::add);
        });
        insights.temporalRange().ifPresent(max -> out.putObject("QueryTemporalRange").putObject("Max")
                .put("Value", max.nanos()).put("TableArn", max.tableArn()));
        out.put("QueryTableCount", insights.tableCount());
        out.put("OutputRows", insights.outputRows());
        out.put("OutputBytes", insights.outputBytes());
    }

    private static ObjectNode render(PreparedQuery prepared) {
        ObjectNode out = WireJson.object();
        out.put("QueryString", prepared.queryString());
        ArrayNode columns = out.putArray("Columns");
        for (PreparedColumn column : prepared.columns()) {
            ObjectNode item = columns.addObject();
            item.put("Name", column.name());
            item.putPOJO("Type", ResultJson.type(column.type()));
            column.databaseName().ifPresent(db -> item.put("DatabaseName", db));
            column.tableName().ifPresent(table -> item.put("TableName", table));
            item.put("Aliased", column.aliased());
        }
        ArrayNode parameters = out.putArray("Parameters");
        prepared.parameters().forEach(p -> parameters.addObject().put("Name", p.name())
                .putPOJO("Type", ResultJson.type(p.type())));
        return out;
    }

    /**
     * Fails unless {@code value} has {@code min..max} characters.
     *
     * @param shown the value as the message may show it; null for a sensitive member
     */
    private static void checkLength(String member, String shown, String value, int min, int max) {
        String bound;
        if (value.length() < min) {
            bound = "greater than or equal to " + min;
        } else if (value.length() > max) {
            bound = "less than or equal to " + max;
        } else {
            return;
        }
        throw WireError.validation("1 validation error detected: Value " + (shown == null ? "" : "'" + shown + "' ")
                + "at '" + member + "' failed to satisfy constraint: Member must have length " + bound).exception();
    }
}
