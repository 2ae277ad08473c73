package io.tidemark.http.wire.database;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.catalog.CatalogService;
import io.tidemark.engine.catalog.DatabaseDescription;
import io.tidemark.engine.catalog.Page;
import io.tidemark.http.wire.Members;
import io.tidemark.http.wire.Operation;
import io.tidemark.http.wire.OperationGroup;
import io.tidemark.http.wire.WireJson;
import io.tidemark.http.wire.WireRequest;
import io.tidemark.http.wire.tag.TagOperations;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Create/Describe/List/Update/DeleteDatabase over the engine's catalog. */
public final class DatabaseOperations implements OperationGroup {

    private final CatalogService catalog;

    public DatabaseOperations(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of(
                "CreateDatabase", this::create,
                "DescribeDatabase", this::describe,
                "ListDatabases", this::list,
                "UpdateDatabase", this::update,
                "DeleteDatabase", this::delete);
    }

    private CompletionStage<ObjectNode> create(WireRequest request) {
        Members m = request.members();
        return catalog.createDatabase(m.requiredString("DatabaseName"), m.string("KmsKeyId"), TagOperations.tags(m))
                .thenApply(DatabaseOperations::wrap);
    }

    private CompletionStage<ObjectNode> describe(WireRequest request) {
        return catalog.describeDatabase(request.members().requiredString("DatabaseName"))
                .thenApply(DatabaseOperations::wrap);
    }

    private CompletionStage<ObjectNode> list(WireRequest request) {
        Members m = request.members();
        return catalog.listDatabases(m.string("NextToken"), m.intValue("MaxResults")).thenApply(DatabaseOperations::page);
    }

    private CompletionStage<ObjectNode> update(WireRequest request) {
        Members m = request.members();
        return catalog.updateDatabase(m.requiredString("DatabaseName"), m.requiredString("KmsKeyId"))
                .thenApply(DatabaseOperations::wrap);
    }

    private CompletionStage<ObjectNode> delete(WireRequest request) {
        return catalog.deleteDatabase(request.members().requiredString("DatabaseName")).thenApply(done -> WireJson.object());
    }

    private static ObjectNode wrap(DatabaseDescription d) {
        ObjectNode out = WireJson.object();
        render(d, out.putObject("Database"));
        return out;
    }

    private static ObjectNode page(Page<DatabaseDescription> page) {
        ObjectNode out = WireJson.object();
        ArrayNode items = out.putArray("Databases");
        for (DatabaseDescription d : page.items()) {
            render(d, items.addObject());
        }
        WireJson.putIfPresent(out, "NextToken", page.nextToken());
        return out;
    }

    /** The model's {@code Database} structure. */
    static void render(DatabaseDescription d, ObjectNode node) {
        node.put("Arn", d.arn());
        node.put("DatabaseName", d.name());
        node.put("TableCount", d.tableCount());
        WireJson.putIfPresent(node, "KmsKeyId", d.kmsKeyId());
        node.put("CreationTime", WireJson.timestamp(d.creationTime()));
        node.put("LastUpdatedTime", WireJson.timestamp(d.lastUpdatedTime()));
    }
}
