package io.tidemark.http.wire.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.Engine;
import io.tidemark.engine.catalog.Page;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.http.wire.Members;
import io.tidemark.http.wire.Operation;
import io.tidemark.http.wire.OperationGroup;
import io.tidemark.http.wire.WireJson;
import io.tidemark.http.wire.WireRequest;
import io.tidemark.http.wire.tag.TagOperations;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Create/Describe/List/Update/DeleteTable; deletion goes through the engine so the table's data goes too. */
public final class TableOperations implements OperationGroup {

    private final Engine engine;

    public TableOperations(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of(
                "CreateTable", this::create,
                "DescribeTable", this::describe,
                "ListTables", this::list,
                "UpdateTable", this::update,
                "DeleteTable", this::delete);
    }

    private CompletionStage<ObjectNode> create(WireRequest request) {
        Members m = request.members();
        return engine.catalog().createTable(m.requiredString("DatabaseName"), m.requiredString("TableName"),
                TableShapes.retention(m), TableShapes.magneticStoreWrites(m), TableShapes.partitionKeys(m),
                TagOperations.tags(m)).thenApply(TableOperations::wrap);
    }

    private CompletionStage<ObjectNode> describe(WireRequest request) {
        Members m = request.members();
        return engine.catalog().describeTable(m.requiredString("DatabaseName"), m.requiredString("TableName"))
                .thenApply(TableOperations::wrap);
    }

    private CompletionStage<ObjectNode> list(WireRequest request) {
        Members m = request.members();
        return engine.catalog().listTables(m.string("DatabaseName"), m.string("NextToken"), m.intValue("MaxResults"))
                .thenApply(TableOperations::page);
    }

    private CompletionStage<ObjectNode> update(WireRequest request) {
        Members m = request.members();
        return engine.catalog().updateTable(m.requiredString("DatabaseName"), m.requiredString("TableName"),
                TableShapes.retention(m), TableShapes.magneticStoreWrites(m), TableShapes.partitionKeys(m))
                .thenApply(TableOperations::wrap);
    }

    private CompletionStage<ObjectNode> delete(WireRequest request) {
        Members m = request.members();
        return engine.deleteTable(m.requiredString("DatabaseName"), m.requiredString("TableName"))
                .thenApply(done -> WireJson.object());
    }

    private static ObjectNode wrap(TableDescription t) {
        ObjectNode out = WireJson.object();
        TableShapes.render(t, out.putObject("Table"));
        return out;
    }

    private static ObjectNode page(Page<TableDescription> page) {
        ObjectNode out = WireJson.object();
        ArrayNode items = out.putArray("Tables");
        for (TableDescription t : page.items()) {
            TableShapes.render(t, items.addObject());
        }
        WireJson.putIfPresent(out, "NextToken", page.nextToken());
        return out;
    }
}
