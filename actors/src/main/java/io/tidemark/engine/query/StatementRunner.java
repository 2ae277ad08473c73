package io.tidemark.engine.query;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.QueryService.ParameterMapping;
import io.tidemark.engine.query.QueryService.PreparedColumn;
import io.tidemark.engine.query.QueryService.PreparedQuery;
import io.tidemark.engine.query.fragment.FragmentRunner;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.plan.BatchCursor;
import io.tidemark.engine.query.plan.StatementPlan;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.ColumnReference;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.analyzer.SemanticException;
import io.tidemark.sql.ast.Parameter;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.ast.Unload;
import io.tidemark.sql.parser.ParseException;
import io.tidemark.sql.parser.SqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one SQL statement to its rows on the calling (blocking) thread: parse, analyze against the
 * catalog, then answer SHOW and DESCRIBE from the catalog or plan the statement and execute the
 * plan through the fragment runner. The user's errors come out as VALIDATION
 * {@link EngineException}s with the parser's or analyzer's {@code line L:C: ...} text; UNLOAD is
 * refused as not supported yet. Queries are parsed, analyzed and planned once per statement text
 * while the tables they read keep their schema ({@link StatementCache}). Shared by every query.
 */
final class StatementRunner {

    /** A statement's result: its columns and every row (none for a streamed statement: its rows went through its cursor). */
    record Executed(List<OutputColumn> columns, Batch rows) {
    }

    /** A statement started as a cursor over its rows; closing the cursor ends the statement. */
    record Opened(List<OutputColumn> columns, BatchCursor rows) {
    }

    private final SqlParser parser = new SqlParser();
    private final StatementCache statements;
    private final CatalogStatements catalogStatements;
    private final Function<Analysis, StatementPlan> planner;
    private final FragmentRunner fragments;

    /** @param planner plans a query or EXPLAIN (the query planner's {@code plan}) */
    /** @param cachedStatements how many statement texts {@link StatementCache} keeps (0: none) */
    StatementRunner(EngineSchemaProvider schema, CatalogStatements catalogStatements, Function<Analysis, StatementPlan> planner,
            FragmentRunner fragments, int cachedStatements) {
        this.statements = new StatementCache(schema, cachedStatements);
        this.catalogStatements = catalogStatements;
        this.planner = planner;
        this.fragments = fragments;
    }

    Executed run(String sql, QueryContext context) {
        try {
            StatementCache.Prepared statement = prepared(sql);
            Analysis analysis = statement.analysis();
            requireNoParameters(analysis);
            context.checkRunning();
            if (CatalogStatements.answers(analysis.statement())) {
                return new Executed(analysis.outputColumns(), catalogStatements.execute(analysis));
            }
            StatementPlan plan = statement.takePlan(planner);
            Batch rows;
            try {
                rows = plan.execute(context, fragments.forStatement(sql));
            } finally {
                statement.givePlanBack(plan);
            }
            // the rows are held until the last page is read: they count against the query's memory
            context.reserveMemory(ResultSizes.all(rows));
            return new Executed(plan.columns(), rows);
        } catch (QueryFunctionException e) {
            throw EngineException.validation(e.getMessage());
        }
    }

    /**
     * Starts the statement as {@link #run} does, but hands its rows out through a cursor
     * ({@link StatementPlan#open}) rather than holding them all: a pipeline's rows stream from the
     * shards. The statement's plan is used by the cursor until it is closed.
     */
    Opened open(String sql, QueryContext context) {
        try {
            StatementCache.Prepared statement = prepared(sql);
            Analysis analysis = statement.analysis();
            requireNoParameters(analysis);
            context.checkRunning();
            if (CatalogStatements.answers(analysis.statement())) {
                return new Opened(analysis.outputColumns(), BatchCursor.of(catalogStatements.execute(analysis), context));
            }
            StatementPlan plan = statement.takePlan(planner);
            BatchCursor rows;
            try {
                rows = plan.open(context, fragments.forStatement(sql));
            } catch (RuntimeException e) {
                statement.givePlanBack(plan);
                throw e;
            }
            return new Opened(plan.columns(), new BatchCursor() {
                private boolean closed;

                @Override
                public Optional<Batch> next() {
                    return rows.next();
                }

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        rows.close();
                        statement.givePlanBack(plan);
                    }
                }
            });
        } catch (QueryFunctionException e) {
            throw EngineException.validation(e.getMessage());
        }
    }

    /** The result columns and {@code @name} parameters of a statement, without running it (PrepareQuery). */
    PreparedQuery prepare(String sql) {
        Analysis analysis = prepared(sql).analysis();
        List<PreparedColumn> columns = new ArrayList<>();
        List<OutputColumn> output = analysis.outputColumns();
        List<Field> fields = analysis.statement() instanceof Query query ? analysis.fields(query) : List.of();
        for (int i = 0; i < output.size(); i++) {
            OutputColumn column = output.get(i);
            Optional<ColumnReference> origin = i < fields.size() ? fields.get(i).origin() : Optional.empty();
            boolean named = i < fields.size() && fields.get(i).name().isPresent();
            boolean aliased = named && origin.map(o -> !o.column().equals(column.name())).orElse(true);
            columns.add(new PreparedColumn(column.name(), column.type(), origin.map(o -> o.table().database()),
                    origin.map(o -> o.table().table()), aliased));
        }
        return new PreparedQuery(sql, columns, parameters(analysis));
    }

    /** The cached statement of {@code sql}, or {@code sql} parsed and analyzed now (and cached). */
    private StatementCache.Prepared prepared(String sql) {
        Optional<StatementCache.Prepared> cached = statements.lookUp(sql);
        if (cached.isPresent()) {
            return cached.get();
        }
        Statement statement;
        try {
            statement = parser.parseStatement(sql);
        } catch (ParseException e) {
            throw EngineException.validation(e.getMessage());
        }
        if (statement instanceof Unload) {
            throw EngineException.validation("UNLOAD is not supported yet");
        }
        try {
            return statements.analyze(sql, statement);
        } catch (SemanticException e) {
            throw EngineException.validation(e.getMessage());
        }
    }

    /** The statement's {@code @name} parameters with their types, as PrepareQuery lists them. */
    private static List<ParameterMapping> parameters(Analysis analysis) {
        List<ParameterMapping> parameters = new ArrayList<>();
        analysis.parameters().forEach((name, type) -> parameters.add(new ParameterMapping(name, type)));
        return parameters;
    }

    /**
     * Refuses a statement with {@code @name} parameters: nothing binds them when it runs as a
     * query (a scheduled query binds {@code @scheduled_runtime}); PrepareQuery lists them.
     */
    private static void requireNoParameters(Analysis analysis) {
        List<Parameter> uses = analysis.parameterUses();
        if (!uses.isEmpty()) {
            Parameter first = uses.get(0);
            throw EngineException.validation("line " + first.location().line() + ":" + first.location().column()
                    + ": Query has unbound parameter @" + first.name() + ": a query's parameters are bound only when"
                    + " it runs as a scheduled query (PrepareQuery lists them)");
        }
    }
}
