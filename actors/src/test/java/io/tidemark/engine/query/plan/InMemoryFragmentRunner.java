package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.fragment.FragmentPipeline;
import io.tidemark.engine.query.fragment.FragmentRunner;
import io.tidemark.engine.query.fragment.FragmentSink;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.fragment.ScanRequest;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.analyzer.CatalogColumn;
import io.tidemark.sql.analyzer.CatalogTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fragment runner over tables held as one Batch each (channels in catalog column order): splits
 * a table's rows round-robin into three shards, prunes them by the request's time range and
 * values as the engine does, feeds each shard's rows to its own sink two rows at a time, and
 * returns every shard's output. Records the requests it served.
 */
final class InMemoryFragmentRunner implements FragmentRunner {

    static final int SHARDS = 3;

    private final Map<String, CatalogTable> schemas;
    private final Map<String, Batch> rows;
    final List<ScanRequest> requests = new CopyOnWriteArrayList<>();

    InMemoryFragmentRunner(Map<String, CatalogTable> schemas, Map<String, Batch> rows) {
        this.schemas = schemas;
        this.rows = rows;
    }

    @Override
    public CompletionStage<List<Batch>> run(ScanRequest request, FragmentPipeline pipeline, QueryContext context) {
        requests.add(request);
        String name = request.database() + "." + request.table();
        CatalogTable table = schemas.get(name);
        Batch all = rows.get(name);
        List<Batch> outputs = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            int[] positions = new int[all.rowCount()];
            int count = 0;
            for (int row = shard; row < all.rowCount(); row += SHARDS) {
                if (matches(table, all, row, request)) {
                    positions[count++] = row;
                }
            }
            Batch shardRows = project(table, all.select(positions, count), request.columns());
            FragmentSink sink = pipeline.open(context);
            for (int from = 0; from < shardRows.rowCount(); from += 2) {
                sink.accept(shardRows.slice(from, Math.min(from + 2, shardRows.rowCount())));
            }
            outputs.add(sink.finish());
        }
        return CompletableFuture.completedFuture(outputs);
    }

    private static boolean matches(CatalogTable table, Batch all, int row, ScanRequest request) {
        long time = all.column(channel(table, "time")).getLong(row);
        if (time < request.fromNanos() || time > request.toNanos()) {
            return false;
        }
        for (Map.Entry<String, Set<String>> allowed : request.values().entrySet()) {
            Vector column = all.column(channel(table, allowed.getKey()));
            if (column.isNull(row) || !allowed.getValue().contains((String) column.getObject(row))) {
                return false;
            }
        }
        return true;
    }

    private static Batch project(CatalogTable table, Batch batch, List<ScanColumn> columns) {
        List<Vector> projected = new ArrayList<>();
        for (ScanColumn column : columns) {
            projected.add(batch.column(channel(table, column.name())));
        }
        return new Batch(projected, batch.rowCount());
    }

    private static int channel(CatalogTable table, String name) {
        List<CatalogColumn> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name + " in " + table.table());
    }
}
