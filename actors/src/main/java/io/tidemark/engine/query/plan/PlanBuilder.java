package io.tidemark.engine.query.plan;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.aggregate.AggregateRegistry;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.ExpressionCompiler;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.LongLiteral;
import io.tidemark.sql.ast.NestedQuery;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QueryBody;
import io.tidemark.sql.ast.QuerySpecification;
import io.tidemark.sql.ast.RowConstructor;
import io.tidemark.sql.ast.SetOperation;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.ast.Values;
import io.tidemark.sql.ast.WithQuery;
import io.tidemark.sql.format.SqlFormatter;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One planning pass over an analyzed statement (or over a correlated subquery for one binding of
 * its outer values): plans queries and query bodies, compiles expressions against layouts that
 * carry the bindings, and shares each WITH query's plan between its references.
 */
final class PlanBuilder {

    private static final EvalContext CONSTANT_EVAL = EvalContext.utc(0);

    private final Analysis analysis;
    private final ExpressionCompiler compiler;
    private final AggregateRegistry aggregates;
    private final Bindings bindings;
    private final Map<WithQuery, SharedNode> withPlans = new IdentityHashMap<>();
    private final Map<WithQuery, SharedNode> statementWithPlans;

    /**
     * @param statementWithPlans the WITH plans of the whole statement made without bindings, shared by
     *     every builder of the statement, so a subquery finds the WITH queries of its enclosing query
     */
    PlanBuilder(Analysis analysis, ExpressionCompiler compiler, AggregateRegistry aggregates, Bindings bindings,
            Map<WithQuery, SharedNode> statementWithPlans) {
        this.analysis = analysis;
        this.compiler = compiler;
        this.aggregates = aggregates;
        this.bindings = bindings;
        this.statementWithPlans = statementWithPlans;
    }

    Analysis analysis() {
        return analysis;
    }

    AggregateRegistry aggregates() {
        return aggregates;
    }

    VectorExpression compile(Expression expression, Layout layout) {
        return compiler.compile(expression, layout.toInput(bindings));
    }

    /** A query whose output channels are exactly {@code analysis.fields(query)}. */
    RelationPlan query(Query query) {
        for (WithQuery with : query.with()) {
            SharedNode plan = new SharedNode(with.name().value(), query(with.query()).node());
            withPlans.put(with, plan);
            if (bindings.fields().isEmpty()) {
                statementWithPlans.putIfAbsent(with, plan);
            }
        }
        Layout output = Layout.of(analysis.fields(query));
        if (query.body() instanceof QuerySpecification specification) {
            PlanNode node = new SpecificationPlanner(this, specification, query.orderBy(), count(query.offset(), 0), count(query.limit(), -1)).plan();
            return new RelationPlan(node, output);
        }
        RelationPlan body = body(query.body());
        List<SortKey> keys = new ArrayList<>();
        List<VectorExpression> hidden = new ArrayList<>();
        int width = output.size();
        for (SortItem item : query.orderBy()) {
            int channel;
            if (item.key() instanceof LongLiteral ordinal) {
                channel = (int) ordinal.value() - 1;
            } else {
                hidden.add(compile(item.key(), output));
                channel = width + hidden.size() - 1;
            }
            keys.add(sortKey(item, channel));
        }
        PlanNode node = body.node();
        if (!hidden.isEmpty()) {
            List<VectorExpression> projection = passThrough(node.outputTypes());
            projection.addAll(hidden);
            node = new ProjectNode(node, projection, texts(projection.size()));
        }
        node = orderAndLimit(node, keys, sortTexts(query.orderBy()), count(query.offset(), 0), count(query.limit(), -1), width);
        return new RelationPlan(node, output);
    }

    /** A query body whose output channels are {@code analysis.fields(body)}. */
    RelationPlan body(QueryBody body) {
        Layout output = Layout.of(analysis.fields(body));
        if (body instanceof QuerySpecification specification) {
            return new RelationPlan(new SpecificationPlanner(this, specification, List.of(), 0, -1).plan(), output);
        }
        if (body instanceof NestedQuery nested) {
            return new RelationPlan(query(nested.query()).node(), output);
        }
        if (body instanceof Values values) {
            return new RelationPlan(values(values, output), output);
        }
        SetOperation operation = (SetOperation) body;
        List<SqlType> types = output.fields().stream().map(Field::type).toList();
        PlanNode left = coerced(body(operation.left()).node(), types);
        PlanNode right = coerced(body(operation.right()).node(), types);
        return new RelationPlan(new SetOperationNode(left, right, operation.operator(), operation.distinct(), types), output);
    }

    /** The plan of a WITH query this builder or an uncorrelated one planned (else planned here, for this reference). */
    PlanNode withPlan(WithQuery with) {
        SharedNode plan = withPlans.get(with);
        if (plan == null) {
            plan = statementWithPlans.get(with);
        }
        return plan != null ? plan : query(with.query()).node();
    }

    private PlanNode values(Values values, Layout output) {
        List<SqlType> types = output.fields().stream().map(Field::type).toList();
        Layout none = Layout.of(List.of());
        List<List<VectorExpression>> rows = new ArrayList<>();
        for (Expression row : values.rows()) {
            List<Expression> cells = row instanceof RowConstructor constructor ? constructor.values() : List.of(row);
            rows.add(cells.stream().map(cell -> compile(cell, none)).toList());
        }
        return new ValuesNode(rows, types);
    }

    /** {@code node} with each channel coerced to {@code types} where its type differs. */
    static PlanNode coerced(PlanNode node, List<SqlType> types) {
        if (node.outputTypes().equals(types)) {
            return node;
        }
        List<VectorExpression> projection = new ArrayList<>();
        List<SqlType> actual = node.outputTypes();
        for (int i = 0; i < types.size(); i++) {
            projection.add(CoercedExpression.of(new ChannelExpression(i, actual.get(i)), types.get(i)));
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            texts.add(actual.get(i).equals(types.get(i)) ? "#" + i : "CAST(#" + i + " AS " + types.get(i).displayName() + ")");
        }
        return new ProjectNode(node, projection, texts);
    }

    /**
     * ORDER BY (keys are channels of {@code node}), OFFSET and LIMIT, then only the first
     * {@code width} channels (the sort keys computed for ordering only are dropped).
     */
    static PlanNode orderAndLimit(PlanNode node, List<SortKey> keys, List<String> keyTexts, long offset, long limit, int width) {
        PlanNode result = node;
        if (!keys.isEmpty() && limit >= 0) {
            result = new TopNNode(result, keys, offset + limit, keyTexts);
        } else if (!keys.isEmpty()) {
            result = new SortNode(result, keys, keyTexts);
        }
        if (offset > 0 || (limit >= 0 && keys.isEmpty())) {
            result = new LimitNode(result, offset, limit);
        }
        List<SqlType> types = result.outputTypes();
        if (types.size() > width) {
            result = new ProjectNode(result, passThrough(types.subList(0, width)), texts(width));
        }
        return result;
    }

    static SortKey sortKey(SortItem item, int channel) {
        return new SortKey(channel, item.ordering() != SortItem.Ordering.DESCENDING, item.nullOrdering() == SortItem.NullOrdering.FIRST);
    }

    static List<String> sortTexts(List<SortItem> items) {
        List<String> texts = new ArrayList<>();
        for (SortItem item : items) {
            boolean ascending = item.ordering() != SortItem.Ordering.DESCENDING;
            texts.add(sql(item.key()) + (ascending ? " ASC" : " DESC") + (item.nullOrdering() == SortItem.NullOrdering.FIRST ? " NULLS FIRST" : " NULLS LAST"));
        }
        return texts;
    }

    /** Channels {@code 0..types.size()} read unchanged. */
    static List<VectorExpression> passThrough(List<SqlType> types) {
        List<VectorExpression> channels = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            channels.add(new ChannelExpression(i, types.get(i)));
        }
        return channels;
    }

    /** EXPLAIN names for {@code count} channels read unchanged: {@code #0, #1 …}. */
    static List<String> texts(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add("#" + i);
        }
        return texts;
    }

    static String sql(Node node) {
        return SqlFormatter.formatSql(node);
    }

    /** "line 1:8: " for an error message about {@code node}. */
    static String at(Node node) {
        return "line " + node.location().line() + ":" + node.location().column() + ": ";
    }

    /** The value of an OFFSET or LIMIT clause ({@code absent} without one). */
    private long count(Optional<Expression> clause, long absent) {
        if (clause.isEmpty()) {
            return absent;
        }
        Vector value = compile(clause.get(), Layout.of(List.of())).evaluate(new Batch(List.of(), 1), CONSTANT_EVAL);
        if (value.isNull(0) || value.getLong(0) < 0) {
            throw EngineException.validation(at(clause.get()) + "OFFSET and LIMIT must be non-negative integers: value="
                    + value.get(0));
        }
        return value.getLong(0);
    }
}
