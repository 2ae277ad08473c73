package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.fragment.ChunkStatsAggregation;
import io.tidemark.engine.query.fragment.FragmentPipeline;
import io.tidemark.engine.query.fragment.FragmentSink;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.fragment.ScanFilter;
import io.tidemark.engine.query.fragment.ValueBound;
import io.tidemark.engine.query.operator.Filter;
import io.tidemark.engine.query.operator.HashAggregation;
import io.tidemark.engine.query.operator.TopN;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fragment of a query over one catalog table, run on every shard: the WHERE filter, then a
 * projection (the scanned columns when empty), then either a PARTIAL aggregation (group keys and
 * aggregate arguments are the projection), a top-N (sort keys appended by the projection), or
 * nothing (rows go to the final part as they are, at most {@code rowLimit} of them when it is not
 * negative). A PARTIAL aggregation may also answer whole chunks from their stats ({@code statsPlan}).
 * {@code whereImpliedBy}: the scan whose pruning already guarantees the WHERE clause (it holds only
 * pruning terms); when that scan's bounds prune exactly for a run, the shards skip the filter,
 * since every row the scan delivers satisfies it.
 * {@code filterReads}: the scanned channels the filter reads and the conjuncts chunk stats can
 * rule out, when the planner knows them; the shards then hand the filter to the scan
 * ({@link FragmentSink#scanFilter()}), which skips the chunks the bounds rule out and decodes the
 * other value columns only for chunks with rows that pass.
 */
record TablePipeline(List<ScanColumn> scanColumns, Optional<VectorExpression> filter, String filterText,
        List<VectorExpression> projection, List<String> projectionTexts, Optional<PartialAggregation> aggregation,
        Optional<PartialTopN> topN, long rowLimit, Optional<ChunkStatsPlan> statsPlan, Optional<TableScan> whereImpliedBy,
        Optional<FilterReads> filterReads) implements FragmentPipeline {

    /** Input: the projection, keys first. Output: the keys, then each call's intermediate states. */
    record PartialAggregation(List<SqlType> keyTypes, List<HashAggregation.AggregateCall> calls, List<String> keyTexts,
            List<String> callTexts) {
    }

    record PartialTopN(List<SortKey> keys, long count, List<String> texts) {
    }

    /** What the filter reads: the scanned channels, and the conjuncts {@code column op constant} chunk stats can rule out. */
    record FilterReads(List<Integer> channels, List<ValueBound> bounds) {

        FilterReads {
            channels = List.copyOf(channels);
            bounds = List.copyOf(bounds);
        }
    }

    TablePipeline {
        scanColumns = List.copyOf(scanColumns);
        projection = List.copyOf(projection);
        projectionTexts = List.copyOf(projectionTexts);
    }

    /** A pipeline whose filter, if any, the shards evaluate inside the fragment's sink. */
    TablePipeline(List<ScanColumn> scanColumns, Optional<VectorExpression> filter, String filterText,
            List<VectorExpression> projection, List<String> projectionTexts, Optional<PartialAggregation> aggregation,
            Optional<PartialTopN> topN, long rowLimit, Optional<ChunkStatsPlan> statsPlan, Optional<TableScan> whereImpliedBy) {
        this(scanColumns, filter, filterText, projection, projectionTexts, aggregation, topN, rowLimit, statsPlan, whereImpliedBy,
                Optional.empty());
    }

    /** A pipeline that decodes every chunk it reads. */
    TablePipeline(List<ScanColumn> scanColumns, Optional<VectorExpression> filter, String filterText,
            List<VectorExpression> projection, List<String> projectionTexts, Optional<PartialAggregation> aggregation,
            Optional<PartialTopN> topN, long rowLimit) {
        this(scanColumns, filter, filterText, projection, projectionTexts, aggregation, topN, rowLimit, Optional.empty(), Optional.empty());
    }

    /** A copy whose filter the shards skip when {@code scan} prunes exactly. */
    TablePipeline impliedBy(TableScan scan) {
        return new TablePipeline(scanColumns, filter, filterText, projection, projectionTexts, aggregation, topN, rowLimit, statsPlan,
                Optional.of(scan), filterReads);
    }

    /** A copy whose filter reads only {@code reads.channels()} of the scanned rows, so the scan may run it before decoding the rest. */
    TablePipeline filterReading(FilterReads reads) {
        return new TablePipeline(scanColumns, filter, filterText, projection, projectionTexts, aggregation, topN, rowLimit, statsPlan,
                whereImpliedBy, Optional.of(reads));
    }

    /** Reads the columns and sends them on unchanged. */
    static TablePipeline scan(List<ScanColumn> columns) {
        return new TablePipeline(columns, Optional.empty(), "", List.of(), List.of(), Optional.empty(), Optional.empty(), -1);
    }

    @Override
    public List<SqlType> outputTypes() {
        if (aggregation.isPresent()) {
            List<SqlType> types = new ArrayList<>(aggregation.get().keyTypes());
            aggregation.get().calls().forEach(call -> types.addAll(call.function().intermediateTypes()));
            return types;
        }
        return projectedTypes();
    }

    private List<SqlType> projectedTypes() {
        if (projection.isEmpty()) {
            return scanColumns.stream().map(ScanColumn::type).toList();
        }
        return projection.stream().map(VectorExpression::type).toList();
    }

    @Override
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        aggregation.ifPresent(a -> lines.add(AggregateNode.describe(HashAggregation.Step.PARTIAL, a.keyTexts(), a.callTexts())
                + (statsPlan.isPresent() ? " (chunk stats)" : "")));
        topN.ifPresent(t -> lines.add("TopN[" + t.count() + " by " + String.join(", ", t.texts()) + "]"));
        if (rowLimit >= 0) {
            lines.add("Limit[" + rowLimit + "]");
        }
        if (aggregation.isEmpty() && topN.isEmpty() && !projection.isEmpty()) {
            lines.add("Project[" + String.join(", ", projectionTexts) + "]");
        }
        filter.ifPresent(f -> lines.add("Filter[(" + filterText + ")]" + (whereImpliedBy.isPresent() ? " (implied by the scan's pruning)" : "")));
        lines.add("Scan[columns=[" + String.join(", ", scanColumns.stream().map(ScanColumn::name).toList()) + "]]");
        return lines;
    }

    /** {@inheritDoc} EXPLAIN leaves out the projection under an aggregation or a top-N; it is added. */
    @Override
    public String fingerprint() {
        return FragmentPipeline.super.fingerprint() + "\nProject[" + String.join(", ", projectionTexts) + "]";
    }

    @Override
    public Optional<ChunkStatsAggregation> chunkStats(QueryContext context) {
        return statsPlan.flatMap(plan -> plan.open(context));
    }

    @Override
    public FragmentSink open(QueryContext context) {
        return new Sink(context);
    }

    /** One shard's run of the pipeline. */
    private final class Sink implements FragmentSink {

        private final QueryContext context;
        private final HashAggregation partial;
        private final TopN top;
        private final boolean filtering;
        private final List<Batch> rows = new ArrayList<>();
        private long rowCount;
        private long held;

        Sink(QueryContext context) {
            this.context = context;
            this.partial = aggregation.map(a -> new HashAggregation(HashAggregation.Step.PARTIAL,
                    AggregateNode.keyChannels(a.keyTypes().size()), a.keyTypes(), a.calls(), context)).orElse(null);
            this.top = topN.map(t -> new TopN(projectedTypes(), t.keys(), t.count(), context)).orElse(null);
            this.filtering = filter.isPresent() && !whereImpliedBy.map(scan -> scan.boundsPruneExactly(context.eval())).orElse(false);
        }

        /**
         * The filter, for the scan to evaluate before decoding the columns it does not read; not
         * under a row limit, whose rows past the limit are never filtered (nor fail the filter).
         */
        @Override
        public Optional<ScanFilter> scanFilter() {
            if (!filtering || filterReads.isEmpty() || rowLimit >= 0) {
                return Optional.empty();
            }
            return Optional.of(new ScanFilter(filter.get(), context.eval(), filterReads.get().channels(), filterReads.get().bounds()));
        }

        @Override
        public void accept(Batch scanned) {
            context.checkRunning();
            if (rowLimit >= 0 && rowCount >= rowLimit) {
                return;
            }
            keep(filtering ? Filter.apply(scanned, filter.get().evaluate(scanned, context.eval())) : scanned);
        }

        @Override
        public void acceptFiltered(Batch passed) {
            context.checkRunning();
            keep(passed);
        }

        /** Projects the rows that passed and aggregates, ranks or holds them. */
        private void keep(Batch passed) {
            Batch batch = passed;
            if (!projection.isEmpty()) {
                batch = ProjectNode.project(batch, projection, context.eval());
            }
            if (partial != null) {
                partial.add(batch);
            } else if (top != null) {
                top.add(batch);
            } else if (batch.rowCount() > 0) {
                if (rowLimit >= 0 && rowCount + batch.rowCount() > rowLimit) {
                    batch = batch.slice(0, (int) (rowLimit - rowCount));
                }
                rowCount += batch.rowCount();
                long size = PlanExecutor.estimateBytes(batch);
                context.reserveMemory(size);
                held += size;
                rows.add(batch);
            }
        }

        @Override
        public Batch finish() {
            if (partial != null) {
                return partial.finish();
            }
            if (top != null) {
                return top.finish();
            }
            context.releaseMemory(held);
            held = 0;
            return Batch.concat(rows, projectedTypes());
        }
    }
}
