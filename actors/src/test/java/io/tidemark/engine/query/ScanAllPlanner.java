package io.tidemark.engine.query;

import io.tidemark.engine.query.fragment.FragmentRunner;
import io.tidemark.engine.query.fragment.PassThroughPipeline;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.fragment.ScanRequest;
import io.tidemark.engine.query.plan.StatementPlan;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.ColumnReference;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A minimal planner for the service's tests: a query whose select list names columns of one
 * table is planned as a full scan of those columns through the fragment runner, with a
 * pass-through fragment. {@code beforeScan} sees the query's context first (a test may hold the
 * query there to cancel it).
 */
final class ScanAllPlanner implements Function<Analysis, StatementPlan> {

    private final Consumer<QueryContext> beforeScan;

    ScanAllPlanner(Consumer<QueryContext> beforeScan) {
        this.beforeScan = beforeScan;
    }

    @Override
    public StatementPlan apply(Analysis analysis) {
        List<Field> fields = analysis.fields((Query) analysis.statement());
        List<ScanColumn> columns = fields.stream().map(f -> {
            ColumnReference origin = f.origin().orElseThrow();
            return new ScanColumn(origin.column(), f.type(), origin.role());
        }).toList();
        ColumnReference first = fields.get(0).origin().orElseThrow();
        ScanRequest request = new ScanRequest(first.table().database(), first.table().table(), columns, Long.MIN_VALUE,
                Long.MAX_VALUE, Map.of());
        List<SqlType> types = columns.stream().map(ScanColumn::type).toList();
        return new StatementPlan() {
            @Override
            public List<OutputColumn> columns() {
                return analysis.outputColumns();
            }

            @Override
            public String explain() {
                return "Scan[" + first.table() + "]";
            }

            @Override
            public Batch execute(QueryContext context, FragmentRunner runner) {
                beforeScan.accept(context);
                List<Batch> parts = runner.run(request, new PassThroughPipeline(types), context).toCompletableFuture().join();
                return Batch.concat(parts, types);
            }
        };
    }
}
