package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.aggregate.AggregateFunction;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.fragment.ChunkStatsAggregation;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.ColumnReference;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.analyzer.ScanPredicates;
import io.tidemark.sql.ast.AliasedRelation;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QuerySpecification;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.function.ResolvedFunction;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When a table fragment's PARTIAL aggregation may answer whole chunks from their header stats
 * (ARCHITECTURE §6): the WHERE clause is absent or only the pruning terms the scan applies
 * ({@link ScanPredicates#exact()}), every group key is a dimension, {@code measure_name},
 * {@code bin(time, constant)} or {@code date_trunc(constant, time)} (the last two are monotone in
 * time, so a chunk whose first and last times fall in one bin lies wholly in it), and every
 * aggregate is a plain count, sum, min, max or avg whose argument is a DOUBLE or BIGINT value
 * column read as it is (count: any value column, or none), a min or max of {@code time}, or a
 * min_by or max_by of such a value column by {@code time}. Per chunk, the aggregates decide from
 * the stats ({@link AggregateFunction#intermediateFromStats}); a chunk any of them declines is
 * decoded.
 *
 * <p>Most aggregates need the whole chunk inside the scanned range. max(time) and max_by(x, time)
 * depend only on the newest row in range: when that is the chunk's newest row, the chunk answers
 * them even if the range cuts off its older rows (lastpoint: the newest chunk of each series,
 * whatever the lookback), provided the keys are equal over the rows in range. Symmetrically
 * min(time) and min_by(x, time) with the oldest row.
 *
 * @param keys the group key expressions over the scanned columns (the projection's first channels)
 * @param functions the aggregates, in call order
 * @param argumentChannels per aggregate, the scanned columns it reads, in argument order (none for count(*))
 * @param reaches per aggregate, the rows of a chunk that must lie in the range for its stats to answer
 * @param outputTypes the keys' types, then each aggregate's intermediate types
 */
record ChunkStatsPlan(List<ScanColumn> scanColumns, TableScan scan, List<VectorExpression> keys,
        List<AggregateFunction> functions, List<List<Integer>> argumentChannels, List<Reach> reaches,
        List<SqlType> outputTypes) {

    private static final Set<String> ANSWERED = Set.of("count", "sum", "min", "max", "avg", "min_by", "max_by");

    /** The rows of a chunk an aggregate's state over the rows in range depends on. */
    enum Reach {
        /** Every row: the chunk must lie wholly in the range. */
        WHOLE_CHUNK,
        /** Only the newest row in range: the chunk's newest row must be in the range. */
        NEWEST_ROW,
        /** Only the oldest row in range: the chunk's oldest row must be in the range. */
        OLDEST_ROW
    }

    ChunkStatsPlan {
        scanColumns = List.copyOf(scanColumns);
        keys = List.copyOf(keys);
        functions = List.copyOf(functions);
        argumentChannels = argumentChannels.stream().map(List::copyOf).toList();
        reaches = List.copyOf(reaches);
        outputTypes = List.copyOf(outputTypes);
    }

    /** The plan for a grouped specification over one table fragment, if its shape allows one. */
    static Optional<ChunkStatsPlan> of(Analysis analysis, QuerySpecification specification, List<Expression> keys,
            List<FunctionCall> aggregates, AggregationPlan aggregation, Layout layout, RemoteSourceNode remote) {
        if (specification.where().isPresent() && !whereIsPruningOnly(analysis, specification)) {
            return Optional.empty();
        }
        for (Expression key : keys) {
            if (!constantPerChunk(analysis, key)) {
                return Optional.empty();
            }
        }
        List<AggregateFunction> functions = new ArrayList<>();
        List<List<Integer>> channels = new ArrayList<>();
        List<Reach> reaches = new ArrayList<>();
        for (int i = 0; i < aggregates.size(); i++) {
            FunctionCall call = aggregates.get(i);
            ResolvedFunction resolved = analysis.function(call).orElseThrow();
            String name = resolved.signature().name().toLowerCase(Locale.ROOT);
            if (call.distinct() || call.filter().isPresent() || !ANSWERED.contains(name)) {
                return Optional.empty();
            }
            List<Integer> arguments = new ArrayList<>();
            Reach reach = Reach.WHOLE_CHUNK;
            List<Expression> given = call.arguments();
            if (name.endsWith("_by")) {
                if (given.size() != 2 || !isTime(analysis, given.get(1))) {
                    return Optional.empty();
                }
                arguments.add(valueColumnChannel(analysis, given.get(0), resolved.argumentTypes().get(0), false, layout));
                arguments.add(layout.channelOf(analysis.columnReference(given.get(1)).orElseThrow()));
                reach = name.equals("max_by") ? Reach.NEWEST_ROW : Reach.OLDEST_ROW;
            } else if (given.size() == 1 && (name.equals("min") || name.equals("max")) && isTime(analysis, given.get(0))) {
                arguments.add(layout.channelOf(analysis.columnReference(given.get(0)).orElseThrow()));
                reach = name.equals("max") ? Reach.NEWEST_ROW : Reach.OLDEST_ROW;
            } else if (given.size() == 1) {
                arguments.add(valueColumnChannel(analysis, given.get(0), resolved.argumentTypes().get(0), name.equals("count"), layout));
            } else if (!given.isEmpty()) {
                return Optional.empty();
            }
            if (arguments.contains(-1)) {
                return Optional.empty();
            }
            functions.add(aggregation.calls().get(i).function());
            channels.add(arguments);
            reaches.add(reach);
        }
        List<SqlType> outputTypes = new ArrayList<>(aggregation.keyTypes());
        functions.forEach(function -> outputTypes.addAll(function.intermediateTypes()));
        return Optional.of(new ChunkStatsPlan(remote.pipeline().scanColumns(), remote.scan(),
                aggregation.projection().subList(0, keys.size()), functions, channels, reaches, outputTypes));
    }

    /**
     * True when every aggregate reads the whole chunk's rows and only value columns (count, sum,
     * min, max, avg; no min_by/max_by, no min/max of time): what a chunk's slice stats, which keep
     * no first or last values and no times, can answer.
     */
    boolean slicesMayAnswer() {
        for (int i = 0; i < functions.size(); i++) {
            if (reaches.get(i) != Reach.WHOLE_CHUNK) {
                return false;
            }
            for (int channel : argumentChannels.get(i)) {
                if (scanColumns.get(channel).role() == ColumnRole.TIMESTAMP) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isTime(Analysis analysis, Expression expression) {
        return role(analysis, expression).orElse(null) == ColumnRole.TIMESTAMP;
    }

    /** True when the WHERE clause holds only terms the scan's pruning applies ({@link ScanPredicates#exact()}). */
    static boolean whereIsPruningOnly(Analysis analysis, QuerySpecification specification) {
        Relation from = specification.from().orElse(null);
        if (from instanceof AliasedRelation aliased) {
            from = aliased.relation();
        }
        return from instanceof Table table && analysis.scanPredicates(table).map(ScanPredicates::exact).orElse(false);
    }

    private static boolean constantPerChunk(Analysis analysis, Expression key) {
        Optional<ColumnRole> role = role(analysis, key);
        if (role.isPresent()) {
            return role.get() == ColumnRole.DIMENSION || role.get() == ColumnRole.MEASURE_NAME;
        }
        if (!(key instanceof FunctionCall call) || call.window().isPresent() || call.arguments().size() != 2) {
            return false;
        }
        List<Expression> arguments = call.arguments();
        String name = call.name().parts().get(call.name().parts().size() - 1).value().toLowerCase(Locale.ROOT);
        if (name.equals("bin")) {
            return role(analysis, arguments.get(0)).orElse(null) == ColumnRole.TIMESTAMP && readsNothing(analysis, arguments.get(1));
        }
        if (name.equals("date_trunc")) {
            return readsNothing(analysis, arguments.get(0)) && role(analysis, arguments.get(1)).orElse(null) == ColumnRole.TIMESTAMP;
        }
        return false;
    }

    /** The channel of the value column an aggregate reads as it is, -1 if its argument is anything else. */
    private static int valueColumnChannel(Analysis analysis, Expression argument, SqlType argumentType, boolean anyType,
            Layout layout) {
        Optional<ColumnRole> role = role(analysis, argument);
        if (role.isEmpty() || (role.get() != ColumnRole.MEASURE_VALUE && role.get() != ColumnRole.MULTI)) {
            return -1;
        }
        Field field = analysis.columnReference(argument).orElseThrow();
        boolean numeric = field.type() == PrimitiveType.DOUBLE || field.type() == PrimitiveType.BIGINT;
        if (!field.type().equals(argumentType) || !(anyType || numeric)) {
            return -1;
        }
        return layout.channelOf(field);
    }

    /** The role of the table column an expression is, read directly (not from an enclosing query). */
    private static Optional<ColumnRole> role(Analysis analysis, Expression expression) {
        if (analysis.isOuterReference(expression)) {
            return Optional.empty();
        }
        return analysis.columnReference(expression).flatMap(Field::origin).map(ColumnReference::role);
    }

    /** True if the expression reads no column and runs no subquery (a constant such as {@code 1h}). */
    private static boolean readsNothing(Analysis analysis, Node node) {
        if (node instanceof Query || (node instanceof Expression e && analysis.columnReference(e).isPresent())) {
            return false;
        }
        return node.children().stream().allMatch(child -> readsNothing(analysis, child));
    }

    /** The stats path of one shard's run; empty when a time bound of this execution does not prune exactly. */
    Optional<ChunkStatsAggregation> open(QueryContext context) {
        return scan.boundsPruneExactly(context.eval()) ? Optional.of(new ChunkStatsRows(this, context.eval())) : Optional.empty();
    }
}
