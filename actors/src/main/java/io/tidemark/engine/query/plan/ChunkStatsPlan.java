package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.EngineSchemaProvider;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.aggregate.AggregateFunction;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.fragment.ChunkStatsAggregation;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
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
import io.tidemark.storage.chunk.ChunkStats;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.ColumnStats;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
        return scan.boundsPruneExactly(context.eval()) ? Optional.of(new Rows(context.eval())) : Optional.empty();
    }

    /** The rows of one shard's accepted chunks. */
    private final class Rows implements ChunkStatsAggregation {

        private final EvalContext eval;
        private final VectorBuilder[] builders;
        /** Per scanned column, its vector in the last {@link #ends} batch: kept while its value holds (vectors are immutable). */
        private final Vector[] endColumns;
        /** The chunk columns the last chunk had, and per scanned column its index there (-1: none, or time). */
        private List<ColumnSpec> lastColumns;
        private int[] chunkColumnOf;
        private int rowCount;
        private long bytes;

        Rows(EvalContext eval) {
            this.eval = eval;
            this.builders = new VectorBuilder[outputTypes.size()];
            for (int i = 0; i < builders.length; i++) {
                builders[i] = new VectorBuilder(outputTypes.get(i), 16);
            }
            this.endColumns = new Vector[scanColumns.size()];
        }

        @Override
        public boolean add(SeriesKey series, ChunkStats stats, List<ColumnSpec> columns, long fromNanos, long toNanos) {
            boolean oldestIn = stats.minTime() >= fromNanos && stats.minTime() <= toNanos;
            boolean newestIn = stats.maxTime() >= fromNanos && stats.maxTime() <= toNanos;
            for (Reach reach : reaches) {
                boolean answers = reach == Reach.NEWEST_ROW ? newestIn : reach == Reach.OLDEST_ROW ? oldestIn : oldestIn && newestIn;
                if (!answers) {
                    return false;
                }
            }
            Batch ends = ends(series, Math.max(stats.minTime(), fromNanos), Math.min(stats.maxTime(), toNanos));
            Vector[] keyValues = new Vector[keys.size()];
            for (int k = 0; k < keyValues.length; k++) {
                Vector key = keys.get(k).evaluate(ends, eval);
                Object first = key.get(0);
                Object last = key.get(1);
                if (first == null ? last != null : last == null || !Values.equal(key.type(), first, last)) {
                    return false;
                }
                keyValues[k] = key;
            }
            int[] chunkColumns = chunkColumns(columns);
            List<Vector[]> states = new ArrayList<>(functions.size());
            for (int i = 0; i < functions.size(); i++) {
                List<Integer> channels = argumentChannels.get(i);
                List<ColumnStats> arguments;
                if (channels.size() == 1) {
                    arguments = List.of(columnStats(stats, chunkColumns, channels.get(0)));
                } else if (channels.size() == 2) {
                    arguments = List.of(columnStats(stats, chunkColumns, channels.get(0)), columnStats(stats, chunkColumns, channels.get(1)));
                } else {
                    arguments = new ArrayList<>(channels.size());
                    for (int channel : channels) {
                        arguments.add(columnStats(stats, chunkColumns, channel));
                    }
                }
                Optional<Vector[]> state = functions.get(i).intermediateFromStats(stats.count(), arguments);
                if (state.isEmpty()) {
                    return false;
                }
                states.add(state.get());
            }
            int out = 0;
            for (Vector key : keyValues) {
                builders[out++].append(key, 0);
            }
            for (Vector[] state : states) {
                for (Vector value : state) {
                    builders[out++].append(value, 0);
                }
            }
            rowCount++;
            bytes += 8L * (2 + out - keyValues.length);
            return true;
        }

        @Override
        public long bytesScanned() {
            return bytes;
        }

        @Override
        public Batch finish() {
            List<Vector> columns = new ArrayList<>(builders.length);
            for (VectorBuilder builder : builders) {
                columns.add(builder.build());
            }
            return new Batch(columns, rowCount);
        }

        /**
         * The chunk's first and last rows in range as far as group keys can tell: its series' names
         * and those rows' times (nulls in the value columns). A name's vector is the last chunk's
         * while the name is the same (a series' chunks come one after another).
         */
        private Batch ends(SeriesKey series, long firstTime, long lastTime) {
            for (int c = 0; c < endColumns.length; c++) {
                ScanColumn column = scanColumns.get(c);
                Vector previous = endColumns[c];
                switch (column.role()) {
                    case DIMENSION:
                    case MEASURE_NAME:
                        String name = column.role() == ColumnRole.DIMENSION ? series.dimensionValue(column.name()) : series.measureName();
                        if (previous == null || !Objects.equals(previous.get(0), name)) {
                            endColumns[c] = Vector.constant(column.type(), name, 2);
                        }
                        break;
                    case TIMESTAMP:
                        endColumns[c] = Vector.ofLongs(column.type(), new long[] {firstTime, lastTime}, null, 2);
                        break;
                    default:
                        if (previous == null) {
                            endColumns[c] = Vector.nulls(column.type(), 2);
                        }
                }
            }
            return new Batch(Arrays.asList(endColumns), 2);
        }

        /** Per scanned column, its index in the chunk's columns: worked out again only when a chunk's columns differ from the last one's. */
        private int[] chunkColumns(List<ColumnSpec> columns) {
            if (columns != lastColumns && !columns.equals(lastColumns)) {
                int[] indexes = new int[scanColumns.size()];
                for (int channel = 0; channel < indexes.length; channel++) {
                    indexes[channel] = chunkColumnIndex(columns, scanColumns.get(channel));
                }
                chunkColumnOf = indexes;
                lastColumns = columns;
            }
            return chunkColumnOf;
        }

        /**
         * The stats of scanned column {@code channel} in the chunk: those of the chunk column of the
         * same name and type, or stats of no values when it has none; for {@code time}, its range
         * (times are present in every row, unique and ascending, so first is the minimum and last
         * the maximum).
         */
        private ColumnStats columnStats(ChunkStats stats, int[] chunkColumns, int channel) {
            ScanColumn column = scanColumns.get(channel);
            if (column.role() == ColumnRole.TIMESTAMP) {
                return new ColumnStats.LongStats(stats.count(), stats.minTime(), stats.maxTime(), 0, true, stats.minTime(), stats.maxTime());
            }
            int c = chunkColumns[channel];
            return c >= 0 ? stats.column(c) : noValues(column);
        }
    }

    /** The index of the chunk column a scan reads as {@code column} (same name and type), -1 when it has none or it is the time. */
    private static int chunkColumnIndex(List<ColumnSpec> columns, ScanColumn column) {
        if (column.role() == ColumnRole.TIMESTAMP) {
            return -1;
        }
        for (int c = 0; c < columns.size(); c++) {
            ColumnSpec spec = columns.get(c);
            if (spec.name().equals(column.name()) && EngineSchemaProvider.sqlType(spec.type()) == column.type()) {
                return c;
            }
        }
        return -1;
    }

    /** The stats of a scanned column in a chunk that has no column of its name and type: stats of no values. */
    private static ColumnStats noValues(ScanColumn column) {
        if (column.type() == PrimitiveType.DOUBLE) {
            return new ColumnStats.DoubleStats(0, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);
        }
        if (column.type() == PrimitiveType.BIGINT || column.type() == PrimitiveType.TIMESTAMP) {
            return new ColumnStats.LongStats(0, 0, 0, 0, false, 0, 0);
        }
        return column.type() == PrimitiveType.BOOLEAN ? new ColumnStats.BooleanStats(0, 0) : new ColumnStats.VarcharStats(0);
    }
}
