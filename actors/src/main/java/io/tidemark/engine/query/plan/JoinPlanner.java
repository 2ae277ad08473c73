package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.operator.Joins;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Join;
import io.tidemark.sql.ast.JoinOn;
import io.tidemark.sql.ast.JoinUsing;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TypeCoercion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a join of two planned sides: ON conditions split into equi-keys (a conjunct
 * {@code l = r} where one side reads only the left relation and the other only the right) and a
 * residual over the joined row, plus the WHERE clause's equalities between the sides of an inner
 * or cross join (as keys only: the WHERE clause itself still runs after the join); USING columns
 * become equi-keys, and after a RIGHT or FULL join the kept (left) USING column takes the right
 * value where the left one is null.
 */
final class JoinPlanner {

    private final PlanBuilder builder;
    private final Analysis analysis;
    private final Join join;
    private final RelationPlan left;
    private final RelationPlan right;
    private final List<Expression> leftKeys = new ArrayList<>();
    private final List<Expression> rightKeys = new ArrayList<>();
    private final List<Expression> residual = new ArrayList<>();
    private final List<Expression> whereEqualities;

    /** @param whereEqualities equalities of the WHERE clause between the two sides (an inner join's extra equi-keys) */
    JoinPlanner(PlanBuilder builder, Join join, RelationPlan left, RelationPlan right, List<Expression> whereEqualities) {
        this.builder = builder;
        this.analysis = builder.analysis();
        this.join = join;
        this.left = left;
        this.right = right;
        this.whereEqualities = whereEqualities;
    }

    RelationPlan plan() {
        Joins.Type type = RelationPlanner.joinType(join.type());
        if (join.criteria().isPresent() && join.criteria().get() instanceof JoinUsing using) {
            return using(type, using);
        }
        join.criteria().ifPresent(criteria -> conjuncts(((JoinOn) criteria).condition()).forEach(this::classify));
        whereEqualities.forEach(this::classify);
        residual.removeAll(whereEqualities);
        if (type == Joins.Type.CROSS && !leftKeys.isEmpty()) {
            type = Joins.Type.INNER;
        }
        List<VectorExpression> leftExtra = new ArrayList<>();
        List<VectorExpression> rightExtra = new ArrayList<>();
        for (int i = 0; i < leftKeys.size(); i++) {
            VectorExpression l = builder.compile(leftKeys.get(i), left.layout());
            VectorExpression r = builder.compile(rightKeys.get(i), right.layout());
            SqlType common = TypeCoercion.commonSuperType(l.type(), r.type()).orElse(l.type());
            leftExtra.add(CoercedExpression.of(l, common));
            rightExtra.add(CoercedExpression.of(r, common));
        }
        PlanNode leftNode = withExtra(left.node(), leftExtra, leftKeys);
        PlanNode rightNode = withExtra(right.node(), rightExtra, rightKeys);
        Layout leftLayout = left.layout().append(Layout.anonymous(leftExtra.size()));
        Layout joined = leftLayout.append(right.layout().append(Layout.anonymous(rightExtra.size())));
        Optional<VectorExpression> condition = Optional.empty();
        if (!residual.isEmpty()) {
            Expression combined = residual.size() == 1 ? residual.get(0) : null;
            if (combined != null) {
                condition = Optional.of(builder.compile(combined, joined));
            } else {
                condition = Optional.of(new ConjunctionExpression(residual.stream().map(e -> builder.compile(e, joined)).toList()));
            }
        }
        List<Integer> leftChannels = range(left.layout().size(), leftExtra.size());
        List<Integer> rightChannels = range(right.layout().size(), rightExtra.size());
        String text = describe();
        return new RelationPlan(new JoinNode(leftNode, rightNode, type, leftChannels, rightChannels, condition, text), joined);
    }

    private RelationPlan using(Joins.Type type, JoinUsing using) {
        List<Field> leftFields = analysis.fields(join.left());
        List<Field> rightFields = analysis.fields(join.right());
        List<Integer> leftChannels = new ArrayList<>();
        List<Integer> rightChannels = new ArrayList<>();
        List<VectorExpression> leftExtra = new ArrayList<>();
        List<VectorExpression> rightExtra = new ArrayList<>();
        List<SqlType> leftTypes = left.node().outputTypes();
        List<SqlType> rightTypes = right.node().outputTypes();
        List<int[]> kept = new ArrayList<>();
        for (Identifier column : using.columns()) {
            int l = left.layout().channelOf(named(leftFields, column));
            int r = right.layout().channelOf(named(rightFields, column));
            SqlType common = TypeCoercion.commonSuperType(leftTypes.get(l), rightTypes.get(r)).orElse(leftTypes.get(l));
            leftExtra.add(CoercedExpression.of(new ChannelExpression(l, leftTypes.get(l)), common));
            rightExtra.add(CoercedExpression.of(new ChannelExpression(r, rightTypes.get(r)), common));
            leftChannels.add(leftTypes.size() + leftExtra.size() - 1);
            rightChannels.add(rightTypes.size() + rightExtra.size() - 1);
            kept.add(new int[] {l, r});
        }
        PlanNode leftNode = withExtra(left.node(), leftExtra, List.of());
        PlanNode rightNode = withExtra(right.node(), rightExtra, List.of());
        Layout leftLayout = left.layout().append(Layout.anonymous(leftExtra.size()));
        Layout joined = leftLayout.append(right.layout().append(Layout.anonymous(rightExtra.size())));
        String text = "using=" + String.join(", ", using.columns().stream().map(Identifier::value).toList());
        PlanNode node = new JoinNode(leftNode, rightNode, type, leftChannels, rightChannels, Optional.empty(), text);
        if (type == Joins.Type.RIGHT || type == Joins.Type.FULL) {
            List<SqlType> types = node.outputTypes();
            List<VectorExpression> projection = PlanBuilder.passThrough(types);
            List<String> texts = PlanBuilder.texts(types.size());
            for (int[] pair : kept) {
                int rightChannel = leftLayout.size() + pair[1];
                projection.set(pair[0], new CoalesceExpression(projection.get(pair[0]), projection.get(rightChannel)));
                texts.set(pair[0], "coalesce(#" + pair[0] + ", #" + rightChannel + ")");
            }
            node = new ProjectNode(node, projection, texts);
        }
        return new RelationPlan(node, joined);
    }

    private static Field named(List<Field> fields, Identifier column) {
        for (Field field : fields) {
            if (field.name().isPresent() && (column.delimited() ? column.value().equals(field.name().get())
                    : column.value().equalsIgnoreCase(field.name().get()))) {
                return field;
            }
        }
        throw new IllegalStateException("cannot find USING column " + column.value());
    }

    private static PlanNode withExtra(PlanNode node, List<VectorExpression> extra, List<Expression> texts) {
        if (extra.isEmpty()) {
            return node;
        }
        List<VectorExpression> projection = PlanBuilder.passThrough(node.outputTypes());
        List<String> names = PlanBuilder.texts(projection.size());
        for (int i = 0; i < extra.size(); i++) {
            names.add(i < texts.size() ? PlanBuilder.sql(texts.get(i)) : "key" + i);
        }
        projection.addAll(extra);
        return new ProjectNode(node, projection, names);
    }

    private static List<Integer> range(int from, int count) {
        List<Integer> channels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            channels.add(from + i);
        }
        return channels;
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < leftKeys.size(); i++) {
            parts.add(PlanBuilder.sql(leftKeys.get(i)) + " = " + PlanBuilder.sql(rightKeys.get(i)));
        }
        if (!residual.isEmpty()) {
            parts.add("filter=" + String.join(" AND ", residual.stream().map(PlanBuilder::sql).toList()));
        }
        return String.join(", ", parts);
    }

    private static List<Expression> conjuncts(Expression condition) {
        if (condition instanceof Logical logical && logical.operator() == Logical.Operator.AND) {
            List<Expression> terms = new ArrayList<>();
            logical.terms().forEach(term -> terms.addAll(conjuncts(term)));
            return terms;
        }
        return List.of(condition);
    }

    private void classify(Expression term) {
        if (term instanceof Comparison comparison && comparison.operator() == Comparison.Operator.EQUAL) {
            Side a = side(comparison.left());
            Side b = side(comparison.right());
            if (a == Side.LEFT && b == Side.RIGHT) {
                leftKeys.add(comparison.left());
                rightKeys.add(comparison.right());
                return;
            }
            if (a == Side.RIGHT && b == Side.LEFT) {
                leftKeys.add(comparison.right());
                rightKeys.add(comparison.left());
                return;
            }
        }
        residual.add(term);
    }

    /** Which side's columns an expression reads: only the left's, only the right's, or neither/both/unknown. */
    private enum Side { LEFT, RIGHT, NONE, MIXED }

    private Side side(Node node) {
        if (node instanceof Query || node instanceof Lambda) {
            return Side.MIXED;
        }
        if (node instanceof Expression expression && analysis.columnReference(expression).isPresent()) {
            if (analysis.isOuterReference(expression)) {
                return Side.NONE;
            }
            Field field = analysis.columnReference(expression).get();
            if (left.layout().channelOf(field) >= 0) {
                return Side.LEFT;
            }
            return right.layout().channelOf(field) >= 0 ? Side.RIGHT : Side.MIXED;
        }
        Side result = Side.NONE;
        for (Node child : node.children()) {
            Side side = side(child);
            if (side == Side.MIXED || (result != Side.NONE && side != Side.NONE && side != result)) {
                return Side.MIXED;
            }
            if (side != Side.NONE) {
                result = side;
            }
        }
        return result;
    }
}
