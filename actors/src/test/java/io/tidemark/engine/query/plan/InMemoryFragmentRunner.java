package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.fragment.FragmentPipeline;
import io.tidemark.engine.query.fragment.FragmentRunner;
import io.tidemark.engine.query.fragment.FragmentSink;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.fragment.ScanFilter;
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
 *
 * <p>When a sink offers its filter to the scan ({@link FragmentSink#scanFilter()}), the runner
 * evaluates it as the shards' decoder does, over rows whose channels the filter does not read are
 * nulls, and hands the sink the rows that pass: every query test so checks that the planner names
 * every channel a WHERE clause reads.
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
            ScanFilter filter = sink.scanFilter().orElse(null);
            for (int from = 0; from < shardRows.rowCount(); from += 2) {
                Batch slice = shardRows.slice(from, Math.min(from + 2, shardRows.rowCount()));
                if (filter == null) {
                    sink.accept(slice);
                } else {
                    int[] passed = filter.survivors(readOnly(filter, slice));
                    sink.acceptFiltered(slice.select(passed, passed.length));
                }
            }
            outputs.add(sink.finish());
        }
        return CompletableFuture.completedFuture(outputs);
    }

    /** The batch with nulls in the channels the filter does not read. */
    private static Batch readOnly(ScanFilter filter, Batch batch) {
        List<Vector> columns = new ArrayList<>();
        for (int c = 0; c < batch.columnCount(); c++) {
            columns.add(filter.reads(c) ? batch.column(c) : Vector.nulls(batch.column(c).type(), batch.rowCount()));
        }
        return new Batch(columns, batch.rowCount());
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
