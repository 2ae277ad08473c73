package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.fragment.ValueBound;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.ColumnReference;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.DoubleLiteral;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.LongLiteral;
import io.tidemark.sql.type.PrimitiveType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conjuncts of a WHERE clause that chunk stats can rule out ({@link ValueBound}): a
 * comparison ({@code < <= > >= =}) of a DOUBLE measure value or multi-measure attribute of the
 * scanned table, read directly, with a numeric literal on either side. An integer literal counts
 * only while a double holds it exactly (|v| at most 2^53), as the comparison then is the double
 * one.
 */
final class ValueBounds {

    private static final long EXACT_IN_DOUBLE = 1L << 53;

    private ValueBounds() {
    }

    static List<ValueBound> of(Analysis analysis, Expression where, Layout layout) {
        List<ValueBound> bounds = new ArrayList<>();
        for (Expression conjunct : conjuncts(where)) {
            if (conjunct instanceof Comparison comparison) {
                bound(analysis, comparison, layout).ifPresent(bounds::add);
            }
        }
        return bounds;
    }

    private static List<Expression> conjuncts(Expression expression) {
        if (expression instanceof Logical logical && logical.operator() == Logical.Operator.AND) {
            List<Expression> terms = new ArrayList<>();
            logical.terms().forEach(term -> terms.addAll(conjuncts(term)));
            return terms;
        }
        return List.of(expression);
    }

    private static Optional<ValueBound> bound(Analysis analysis, Comparison comparison, Layout layout) {
        int left = doubleColumn(analysis, comparison.left(), layout);
        Optional<Double> right = literal(comparison.right());
        if (left >= 0 && right.isPresent()) {
            return operator(comparison.operator()).map(operator -> new ValueBound(left, operator, right.get()));
        }
        int column = doubleColumn(analysis, comparison.right(), layout);
        Optional<Double> constant = literal(comparison.left());
        if (column >= 0 && constant.isPresent()) {
            return operator(comparison.operator().swapped()).map(operator -> new ValueBound(column, operator, constant.get()));
        }
        return Optional.empty();
    }

    private static Optional<ValueBound.Operator> operator(Comparison.Operator operator) {
        switch (operator) {
            case LESS_THAN:
                return Optional.of(ValueBound.Operator.LESS);
            case LESS_THAN_OR_EQUAL:
                return Optional.of(ValueBound.Operator.LESS_OR_EQUAL);
            case GREATER_THAN:
                return Optional.of(ValueBound.Operator.GREATER);
            case GREATER_THAN_OR_EQUAL:
                return Optional.of(ValueBound.Operator.GREATER_OR_EQUAL);
            case EQUAL:
                return Optional.of(ValueBound.Operator.EQUAL);
            default:
                return Optional.empty();
        }
    }

    /** The channel of the DOUBLE value column the expression reads as it is, -1 if it is anything else. */
    private static int doubleColumn(Analysis analysis, Expression expression, Layout layout) {
        if (analysis.isOuterReference(expression)) {
            return -1;
        }
        Optional<Field> field = analysis.columnReference(expression);
        if (field.isEmpty() || field.get().type() != PrimitiveType.DOUBLE) {
            return -1;
        }
        ColumnRole role = field.get().origin().map(ColumnReference::role).orElse(null);
        if (role != ColumnRole.MEASURE_VALUE && role != ColumnRole.MULTI) {
            return -1;
        }
        return layout.channelOf(field.get());
    }

    private static Optional<Double> literal(Expression expression) {
        if (expression instanceof DoubleLiteral d) {
            return Optional.of(d.value());
        }
        if (expression instanceof LongLiteral l && l.value() >= -EXACT_IN_DOUBLE && l.value() <= EXACT_IN_DOUBLE) {
            return Optional.of((double) l.value());
        }
        return Optional.empty();
    }
}
