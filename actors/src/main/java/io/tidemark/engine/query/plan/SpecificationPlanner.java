package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.sql.analyzer.Aggregates;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.analyzer.TreeEquality;
import io.tidemark.sql.ast.AliasedRelation;
import io.tidemark.sql.ast.AllColumns;
import io.tidemark.sql.ast.DereferenceExpression;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.LongLiteral;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QuerySpecification;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.SelectItem;
import io.tidemark.sql.ast.SingleColumn;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.ast.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans one query specification clause by clause: FROM → WHERE → GROUP BY and aggregates →
 * HAVING → window functions → select list (+ ORDER BY keys not in it, as hidden channels) →
 * DISTINCT → ORDER BY → OFFSET/LIMIT → hidden channels dropped. Over a single catalog table the
 * WHERE filter and either the partial aggregation or a top-N move into the table's fragment.
 */
final class SpecificationPlanner {

    /** A select-list output: an expression, or a column {@code *} expands to. */
    private record Output(Optional<Expression> expression, Field starField) {
    }

    private final PlanBuilder builder;
    private final Analysis analysis;
    private final QuerySpecification specification;
    private final List<SortItem> orderBy;
    private final long offset;
    private final long limit;

    SpecificationPlanner(PlanBuilder builder, QuerySpecification specification, List<SortItem> orderBy, long offset, long limit) {
        this.builder = builder;
        this.analysis = builder.analysis();
        this.specification = specification;
        this.orderBy = orderBy;
        this.offset = offset;
        this.limit = limit;
    }

    /** The plan; its output channels are exactly {@code analysis.fields(specification)}. */
    PlanNode plan() {
        JoinFilters joinFilters = specification.from().isPresent() && specification.where().isPresent()
                ? JoinFilters.of(analysis, specification.from().get(), specification.where().get()) : JoinFilters.none();
        RelationPlan source = specification.from().map(relation -> new RelationPlanner(builder, joinFilters).plan(relation))
                .orElse(new RelationPlan(new SingleRowNode(), Layout.of(List.of())));
        List<Output> outputs = outputs(source.layout());
        List<Expression> selected = new ArrayList<>();
        outputs.forEach(output -> output.expression().ifPresent(selected::add));
        List<Expression> sortExpressions = orderBy.stream().map(SortItem::key).filter(key -> !(key instanceof LongLiteral)).toList();
        List<Node> aggregated = new ArrayList<>(selected);
        specification.having().ifPresent(aggregated::add);
        aggregated.addAll(sortExpressions);
        List<FunctionCall> aggregates = Aggregates.aggregates(analysis, aggregated);
        boolean grouped = specification.groupBy().isPresent() || specification.having().isPresent() || !aggregates.isEmpty();
        List<Node> windowed = new ArrayList<>(selected);
        windowed.addAll(sortExpressions);
        List<FunctionCall> windows = Aggregates.aggregatesAndWindows(analysis, windowed).stream().filter(call -> call.window().isPresent()).toList();

        RelationPlan current;
        if (fragmentOf(source).isPresent()) {
            current = fragment(fragmentOf(source).get(), source.layout(), outputs, aggregates, grouped, windows);
        } else {
            current = source;
            if (specification.where().isPresent()) {
                Expression where = specification.where().get();
                current = new RelationPlan(new FilterNode(current.node(), builder.compile(where, current.layout()), PlanBuilder.sql(where)), current.layout());
            }
            if (grouped) {
                AggregationPlan aggregation = AggregationPlan.of(builder, analysis.groupingKeys(specification), aggregates, current.layout());
                current = new RelationPlan(aggregation.single(current.node()), aggregation.output());
            }
        }
        if (specification.having().isPresent()) {
            Expression having = specification.having().get();
            current = new RelationPlan(new FilterNode(current.node(), builder.compile(having, current.layout()), PlanBuilder.sql(having)), current.layout());
        }
        if (!windows.isEmpty()) {
            if (windows.stream().anyMatch(call -> readsAny(call, analysis.fields(specification)))) {
                current = withOutputs(current, outputs);
            }
            current = WindowPlan.plan(builder, current, windows);
        }
        return select(current, outputs);
    }

    /**
     * {@code current} followed by the select-list outputs that hold no window call, each under its
     * output field: a window call in ORDER BY resolves names to the outputs first
     * ({@code ORDER BY row_number() OVER (ORDER BY time)} reads the output {@code time}), so the
     * window step must find them in its input.
     */
    private RelationPlan withOutputs(RelationPlan current, List<Output> outputs) {
        List<Field> outputFields = analysis.fields(specification);
        List<VectorExpression> projection = PlanBuilder.passThrough(current.node().outputTypes());
        List<String> texts = PlanBuilder.texts(projection.size());
        List<Field> added = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Output output = outputs.get(i);
            if (output.expression().isEmpty()) {
                Field field = output.starField();
                projection.add(new ChannelExpression(current.layout().channelOf(field), field.type()));
                texts.add(field.name().orElse("?"));
            } else if (Aggregates.aggregatesAndWindows(analysis, List.of(output.expression().get())).stream()
                    .noneMatch(call -> call.window().isPresent())) {
                projection.add(builder.compile(output.expression().get(), current.layout()));
                texts.add(PlanBuilder.sql(output.expression().get()));
            } else {
                continue;
            }
            added.add(outputFields.get(i));
        }
        return new RelationPlan(new ProjectNode(current.node(), projection, texts), current.layout().append(Layout.of(added)));
    }

    /** The table fragment the specification reads directly (FROM one catalog table, aliased or not). */
    private Optional<RemoteSourceNode> fragmentOf(RelationPlan source) {
        Relation from = specification.from().orElse(null);
        if (from instanceof AliasedRelation aliased) {
            from = aliased.relation();
        }
        if (from instanceof Table && source.node() instanceof RemoteSourceNode remote) {
            return Optional.of(remote);
        }
        return Optional.empty();
    }

    /**
     * WHERE, then a partial aggregation, a top-N or the rows themselves (only the columns read after
     * WHERE, at most OFFSET + LIMIT of them when nothing reorders or merges them), inside the
     * table's fragment; the final part merges. An ordered aggregate is computed in one step over
     * the filtered rows.
     */
    private RelationPlan fragment(RemoteSourceNode remote, Layout layout, List<Output> outputs, List<FunctionCall> aggregates,
            boolean grouped, List<FunctionCall> windows) {
        List<ScanColumn> scanColumns = remote.pipeline().scanColumns();
        Optional<VectorExpression> filter = specification.where().map(where -> builder.compile(where, layout));
        String filterText = specification.where().map(PlanBuilder::sql).orElse("");
        boolean whereImplied = specification.where().isPresent() && ChunkStatsPlan.whereIsPruningOnly(analysis, specification);
        if (grouped) {
            List<Expression> keys = analysis.groupingKeys(specification);
            AggregationPlan aggregation = AggregationPlan.of(builder, keys, aggregates, layout);
            if (aggregation.ordered()) {
                TablePipeline rows = filterReads(new TablePipeline(scanColumns, filter, filterText, List.of(), List.of(),
                        Optional.empty(), Optional.empty(), -1), layout);
                return new RelationPlan(aggregation.single(new RemoteSourceNode(remote.scan(), rows)), aggregation.output());
            }
            TablePipeline pipeline = new TablePipeline(scanColumns, filter, filterText, aggregation.projection(),
                    aggregation.projectionTexts(), Optional.of(aggregation.partial()), Optional.empty(), -1,
                    ChunkStatsPlan.of(analysis, specification, keys, aggregates, aggregation, layout, remote), Optional.empty());
            pipeline = filterReads(pipeline, layout);
            if (whereImplied) {
                pipeline = pipeline.impliedBy(remote.scan());
            }
            return new RelationPlan(aggregation.last(new RemoteSourceNode(remote.scan(), pipeline)), aggregation.output());
        }
        boolean reordered = !windows.isEmpty() || specification.select().distinct();
        List<Field> kept = new ArrayList<>();
        List<VectorExpression> projection = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int channel : channelsReadAfterWhere(layout, outputs)) {
            Field field = layout.fields().get(channel);
            kept.add(field);
            projection.add(new ChannelExpression(channel, field.type()));
            texts.add(field.name().orElse("#" + channel));
        }
        Optional<List<VectorExpression>> sortKeys = limit >= 0 && !orderBy.isEmpty() && !reordered
                ? pushableSortKeys(layout, outputs) : Optional.empty();
        if (sortKeys.isPresent()) {
            List<SortKey> keys = new ArrayList<>();
            Layout withKeys = Layout.of(kept).append(Layout.anonymous(orderBy.size()));
            List<Field> outputFields = analysis.fields(specification);
            for (int i = 0; i < orderBy.size(); i++) {
                keys.add(PlanBuilder.sortKey(orderBy.get(i), projection.size()));
                if (outputIndex(orderBy.get(i).key(), outputs, outputFields) < 0) {
                    withKeys = withKeys.withComputed(orderBy.get(i).key(), projection.size());
                }
                projection.add(sortKeys.get().get(i));
                texts.add(PlanBuilder.sql(orderBy.get(i).key()));
            }
            TablePipeline.PartialTopN topN = new TablePipeline.PartialTopN(keys, offset + limit, PlanBuilder.sortTexts(orderBy));
            TablePipeline pipeline = filterReads(new TablePipeline(scanColumns, filter, filterText, projection, texts, Optional.empty(),
                    Optional.of(topN), -1), layout);
            if (whereImplied) {
                pipeline = pipeline.impliedBy(remote.scan());
            }
            return new RelationPlan(new RemoteSourceNode(remote.scan(), pipeline), withKeys);
        }
        long rowLimit = limit >= 0 && orderBy.isEmpty() && !reordered ? offset + limit : -1;
        boolean narrowed = kept.size() < layout.size();
        TablePipeline pipeline = new TablePipeline(scanColumns, filter, filterText, narrowed ? projection : List.of(),
                narrowed ? texts : List.of(), Optional.empty(), Optional.empty(), rowLimit);
        pipeline = filterReads(pipeline, layout);
        if (whereImplied) {
            pipeline = pipeline.impliedBy(remote.scan());
        }
        return new RelationPlan(new RemoteSourceNode(remote.scan(), pipeline), narrowed ? Layout.of(kept) : layout);
    }

    /** The pipeline told which of the table's channels its WHERE clause reads (none to tell without one). */
    private TablePipeline filterReads(TablePipeline pipeline, Layout layout) {
        if (specification.where().isEmpty()) {
            return pipeline;
        }
        boolean[] read = new boolean[layout.size()];
        markRead(specification.where().get(), layout, read);
        return pipeline.filterReading(new TablePipeline.FilterReads(channels(read),
                ValueBounds.of(analysis, specification.where().get(), layout)));
    }

    /** The channels of the table's rows that some clause after WHERE reads (also from inside a subquery), in order. */
    private List<Integer> channelsReadAfterWhere(Layout layout, List<Output> outputs) {
        boolean[] read = new boolean[layout.size()];
        List<Node> roots = new ArrayList<>();
        for (Output output : outputs) {
            if (output.expression().isPresent()) {
                roots.add(output.expression().get());
            } else {
                read[layout.channelOf(output.starField())] = true;
            }
        }
        orderBy.forEach(roots::add);
        for (Node root : roots) {
            markRead(root, layout, read);
        }
        return channels(read);
    }

    private static List<Integer> channels(boolean[] read) {
        List<Integer> channels = new ArrayList<>();
        for (int channel = 0; channel < read.length; channel++) {
            if (read[channel]) {
                channels.add(channel);
            }
        }
        return channels;
    }

    private void markRead(Node node, Layout layout, boolean[] read) {
        if (node instanceof Expression expression) {
            analysis.columnReference(expression).map(layout::channelOf).filter(channel -> channel >= 0).ifPresent(channel -> read[channel] = true);
        }
        for (Node child : node.children()) {
            markRead(child, layout, read);
        }
    }

    /** The ORDER BY keys compiled over the table's rows, if none needs more than the row (an output alias inside an expression). */
    private Optional<List<VectorExpression>> pushableSortKeys(Layout layout, List<Output> outputs) {
        List<Field> outputFields = analysis.fields(specification);
        List<VectorExpression> keys = new ArrayList<>();
        for (SortItem item : orderBy) {
            int output = outputIndex(item.key(), outputs, outputFields);
            if (output >= 0) {
                Output target = outputs.get(output);
                keys.add(target.expression().isPresent() ? builder.compile(target.expression().get(), layout)
                        : new ChannelExpression(layout.channelOf(target.starField()), target.starField().type()));
            } else if (readsAny(item.key(), outputFields)) {
                return Optional.empty();
            } else {
                keys.add(builder.compile(item.key(), layout));
            }
        }
        return Optional.of(keys);
    }

    /**
     * The select list (with hidden ORDER BY keys), DISTINCT, ORDER BY, OFFSET/LIMIT, over the rows
     * of {@code current}. A hidden key that reads an output name ({@code ORDER BY total * 2}) is
     * computed over the input's channels followed by the outputs.
     */
    private PlanNode select(RelationPlan current, List<Output> outputs) {
        List<Field> outputFields = analysis.fields(specification);
        List<VectorExpression> projection = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Output output : outputs) {
            if (output.expression().isPresent()) {
                projection.add(builder.compile(output.expression().get(), current.layout()));
                texts.add(PlanBuilder.sql(output.expression().get()));
            } else {
                Field field = output.starField();
                projection.add(new ChannelExpression(current.layout().channelOf(field), field.type()));
                texts.add(field.name().orElse("?"));
            }
        }
        List<SortKey> keys = new ArrayList<>();
        List<Expression> hidden = new ArrayList<>();
        for (SortItem item : orderBy) {
            int output = outputIndex(item.key(), outputs, outputFields);
            if (output < 0) {
                hidden.add(item.key());
                output = outputs.size() + hidden.size() - 1;
            }
            keys.add(PlanBuilder.sortKey(item, output));
        }
        PlanNode node;
        if (hidden.stream().noneMatch(key -> readsAny(key, outputFields))) {
            for (Expression key : hidden) {
                projection.add(builder.compile(key, current.layout()));
                texts.add(PlanBuilder.sql(key));
            }
            node = new ProjectNode(current.node(), projection, texts);
        } else {
            int width = current.layout().size();
            List<VectorExpression> withOutputs = PlanBuilder.passThrough(current.node().outputTypes());
            List<String> withTexts = PlanBuilder.texts(width);
            withOutputs.addAll(projection);
            withTexts.addAll(texts);
            Layout combined = current.layout().append(Layout.of(outputFields));
            List<VectorExpression> finalProjection = new ArrayList<>();
            List<String> finalTexts = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                finalProjection.add(new ChannelExpression(width + i, projection.get(i).type()));
                finalTexts.add(texts.get(i));
            }
            for (Expression key : hidden) {
                finalProjection.add(builder.compile(key, combined));
                finalTexts.add(PlanBuilder.sql(key));
            }
            node = new ProjectNode(new ProjectNode(current.node(), withOutputs, withTexts), finalProjection, finalTexts);
        }
        if (specification.select().distinct()) {
            node = new DistinctNode(node);
        }
        return PlanBuilder.orderAndLimit(node, keys, PlanBuilder.sortTexts(orderBy), offset, limit, outputs.size());
    }

    /** The select-list position an ORDER BY key names (an ordinal, an output name, or the same expression), or -1. */
    private int outputIndex(Expression key, List<Output> outputs, List<Field> outputFields) {
        if (key instanceof LongLiteral ordinal) {
            return (int) ordinal.value() - 1;
        }
        Optional<Field> named = analysis.columnReference(key);
        if (named.isPresent() && RelationPlanner.indexOf(outputFields, named.get()) >= 0) {
            return RelationPlanner.indexOf(outputFields, named.get());
        }
        for (int i = 0; i < outputs.size(); i++) {
            Optional<Expression> expression = outputs.get(i).expression();
            if (expression.isPresent() && TreeEquality.same(expression.get(), key)) {
                return i;
            }
        }
        return -1;
    }

    /** True if {@code node} reads one of {@code fields} (an output name used inside an ORDER BY expression). */
    private boolean readsAny(Node node, List<Field> fields) {
        if (node instanceof Query) {
            return false;
        }
        if (node instanceof Expression expression) {
            Optional<Field> field = analysis.columnReference(expression);
            if (field.isPresent()) {
                return RelationPlanner.indexOf(fields, field.get()) >= 0;
            }
        }
        return node.children().stream().anyMatch(child -> readsAny(child, fields));
    }

    /** The select list with every {@code *} expanded to the FROM fields it names. */
    private List<Output> outputs(Layout source) {
        List<Field> fromFields = specification.from().map(analysis::fields).orElse(List.of());
        List<Output> outputs = new ArrayList<>();
        for (SelectItem item : specification.select().items()) {
            if (item instanceof SingleColumn column) {
                outputs.add(new Output(Optional.of(column.expression()), null));
                continue;
            }
            AllColumns all = (AllColumns) item;
            for (Field field : fromFields) {
                if (all.prefix().isEmpty() || prefixMatches(all.prefix().get(), field.qualifier())) {
                    outputs.add(new Output(Optional.empty(), field));
                }
            }
        }
        return outputs;
    }

    private static boolean prefixMatches(Expression prefix, List<String> qualifier) {
        List<Identifier> parts = new ArrayList<>();
        Expression current = prefix;
        while (current instanceof DereferenceExpression dereference) {
            parts.add(0, dereference.field());
            current = dereference.base();
        }
        if (!(current instanceof Identifier first)) {
            return false;
        }
        parts.add(0, first);
        if (parts.size() > qualifier.size()) {
            return false;
        }
        int offset = qualifier.size() - parts.size();
        for (int i = 0; i < parts.size(); i++) {
            Identifier part = parts.get(i);
            String name = qualifier.get(offset + i);
            if (part.delimited() ? !part.value().equals(name) : !part.value().equalsIgnoreCase(name)) {
                return false;
            }
        }
        return true;
    }
}
