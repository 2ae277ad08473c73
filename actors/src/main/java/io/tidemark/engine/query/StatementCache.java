package io.tidemark.engine.query;

import io.tidemark.engine.query.EngineSchemaProvider.ResolvedTable;
import io.tidemark.engine.query.EngineSchemaProvider.TableVersion;
import io.tidemark.engine.query.plan.StatementPlan;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Analyzer;
import io.tidemark.sql.analyzer.CatalogTable;
import io.tidemark.sql.analyzer.SchemaProvider;
import io.tidemark.sql.ast.ExistsPredicate;
import io.tidemark.sql.ast.Explain;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.ast.SubqueryExpression;
import io.tidemark.sql.function.FunctionCatalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Queries (and EXPLAINs) parsed, analyzed and planned once per statement text, while every table
 * the analysis read keeps its version (the catalog's table id and schema,
 * {@link EngineSchemaProvider.TableVersion}): a column added, a table dropped or created again
 * under the same name makes the next run analyze the text afresh. A cached plan evaluates
 * everything that depends on the query's start instant ({@code now()}, {@code ago()},
 * {@code current_*}, the scan's time bounds and so its pruning) per execution, from the
 * execution's {@code EvalContext}, so reusing it changes no answer.
 *
 * <p>A plan is run by one execution at a time: each cached statement keeps a few idle plans,
 * an execution takes one (or plans anew when all are busy) and gives it back. A statement with a
 * subquery in an expression is planned for every execution from its cached analysis (its
 * compiled subqueries keep their last result, which must neither outlive the execution nor be
 * held by the cache). SHOW and DESCRIBE are not cached (the catalog answers them at once).
 * Bounded: past {@code maxStatements} the least recently run statement is dropped; 0 caches
 * nothing. A text is cached from its second run on: its first only leaves its hash behind, so
 * texts run once (a window or host list drawn per request) cost the cache nothing but a hash,
 * rather than filling it with analyses and plans that live long enough to burden the collector
 * and are never used again. Thread-safe.
 */
final class StatementCache {

    /** Idle plans kept per statement: enough for the same text run by a few clients at once. */
    private static final int MAX_IDLE_PLANS = 4;

    private static final FunctionCatalog FUNCTIONS = FunctionCatalog.builtin();

    /** A table an analysis looked up, and what it found (empty: no such ACTIVE table). */
    private record TableRead(String database, String table, Optional<TableVersion> version) {
    }

    /** An analyzed statement, the table versions it was analyzed against, and its idle plans. */
    static final class Prepared {

        private final Analysis analysis;
        private final List<TableRead> reads;
        private final boolean reusablePlans;
        private final ConcurrentLinkedQueue<StatementPlan> idle = new ConcurrentLinkedQueue<>();
        private final AtomicInteger idleCount = new AtomicInteger();

        private Prepared(Analysis analysis, List<TableRead> reads, boolean reusablePlans) {
            this.analysis = analysis;
            this.reads = List.copyOf(reads);
            this.reusablePlans = reusablePlans;
        }

        Analysis analysis() {
            return analysis;
        }

        /** An idle plan of this statement, or a new one from {@code planner}; give it back when done. */
        StatementPlan takePlan(Function<Analysis, StatementPlan> planner) {
            StatementPlan plan = idle.poll();
            if (plan == null) {
                return planner.apply(analysis);
            }
            idleCount.decrementAndGet();
            return plan;
        }

        /** Keeps {@code plan} for the next execution, if this statement's plans are reusable and few are idle. */
        void givePlanBack(StatementPlan plan) {
            if (reusablePlans && idleCount.incrementAndGet() <= MAX_IDLE_PLANS) {
                idle.add(plan);
            } else if (reusablePlans) {
                idleCount.decrementAndGet();
            }
        }
    }

    private final EngineSchemaProvider schema;
    private final int maxStatements;
    /** Hashes of texts run once, by slot; a collision only admits a text on its first run. Racy by design. */
    private final int[] seenOnce;
    /** Statement text → its prepared statement, least recently used first; guarded by itself. */
    private final LinkedHashMap<String, Prepared> statements;

    StatementCache(EngineSchemaProvider schema, int maxStatements) {
        this.schema = schema;
        this.maxStatements = maxStatements;
        this.seenOnce = new int[Integer.highestOneBit(Math.max(1, maxStatements) * 8 - 1) * 2];
        this.statements = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
                return size() > maxStatements;
            }
        };
    }

    /**
     * The cached statement of {@code sql} if every table it read still has the version it was
     * analyzed against; else empty (the caller analyzes it with {@link #analyze}).
     */
    Optional<Prepared> lookUp(String sql) {
        if (maxStatements == 0) {
            return Optional.empty();
        }
        Prepared prepared;
        synchronized (statements) {
            prepared = statements.get(sql);
        }
        if (prepared == null) {
            return Optional.empty();
        }
        for (TableRead read : prepared.reads) {
            Optional<TableVersion> now = schema.version(read.database(), read.table());
            if (now.isPresent() != read.version().isPresent()
                    || (now.isPresent() && !now.get().sameAs(read.version().get()))) {
                synchronized (statements) {
                    statements.remove(sql, prepared);
                }
                return Optional.empty();
            }
        }
        return Optional.of(prepared);
    }

    /**
     * Analyzes {@code statement} (parsed from {@code sql}), recording the table versions it reads,
     * and caches it when it is a query or EXPLAIN. Throws the analyzer's {@code SemanticException}.
     */
    Prepared analyze(String sql, Statement statement) {
        List<TableRead> reads = new ArrayList<>();
        SchemaProvider recording = new SchemaProvider() {
            @Override
            public boolean databaseExists(String database) {
                // a query's analysis asks before each table lookup: the table's version (or its absence) covers it
                return schema.databaseExists(database);
            }

            @Override
            public Optional<CatalogTable> table(String database, String table) {
                Optional<ResolvedTable> resolved = schema.resolve(database, table);
                reads.add(new TableRead(database, table, resolved.map(ResolvedTable::version)));
                return resolved.map(ResolvedTable::columns);
            }
        };
        Analysis analysis = new Analyzer(recording, FUNCTIONS).analyze(statement);
        Prepared prepared = new Prepared(analysis, reads, !hasExpressionSubquery(statement));
        boolean cacheable = statement instanceof Query || statement instanceof Explain;
        if (cacheable && maxStatements > 0 && seenBefore(sql)) {
            synchronized (statements) {
                statements.put(sql, prepared);
            }
        }
        return prepared;
    }

    /** True if {@code sql} (its hash) was run before; else remembers it. */
    private boolean seenBefore(String sql) {
        int hash = sql.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (seenOnce.length - 1);
        if (seenOnce[slot] == hash) {
            return true;
        }
        seenOnce[slot] = hash;
        return false;
    }

    /** True when an expression of the statement is a subquery (scalar, IN, EXISTS, quantified). */
    private static boolean hasExpressionSubquery(Statement statement) {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(statement);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof SubqueryExpression || node instanceof ExistsPredicate) {
                return true;
            }
            for (Node child : node.children()) {
                pending.push(child);
            }
        }
        return false;
    }
}
