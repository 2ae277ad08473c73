package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.BetweenPredicate;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.InList;
import io.tidemark.sql.ast.InPredicate;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.StringLiteral;
import io.tidemark.sql.type.PrimitiveType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Derives {@link ScanPredicates} from an analyzed WHERE clause over one catalog table. */
final class ScanPredicateExtractor {

    private final Analysis analysis;
    private final List<ScanPredicates.TimeBound> timeBounds = new ArrayList<>();
    private final Map<String, Set<String>> values = new LinkedHashMap<>();

    private ScanPredicateExtractor(Analysis analysis) {
        this.analysis = analysis;
    }

    static ScanPredicates extract(Analysis analysis, TableReference table, Expression where) {
        ScanPredicateExtractor extractor = new ScanPredicateExtractor(analysis);
        boolean exact = true;
        for (Expression term : extractor.conjuncts(where)) {
            exact &= extractor.term(term);
        }
        return new ScanPredicates(table, extractor.timeBounds, extractor.values, exact);
    }

    private List<Expression> conjuncts(Expression expression) {
        if (expression instanceof Logical logical && logical.operator() == Logical.Operator.AND) {
            List<Expression> terms = new ArrayList<>();
            logical.terms().forEach(term -> terms.addAll(conjuncts(term)));
            return terms;
        }
        return List.of(expression);
    }

    /** Takes the term's predicate if it is one of the kinds kept; true if it was. */
    private boolean term(Expression term) {
        if (term instanceof Comparison comparison) {
            return comparison(comparison);
        } else if (term instanceof BetweenPredicate between && !between.negated() && hasRole(between.value(), ColumnRole.TIMESTAMP)
                && isConstant(between.min()) && isConstant(between.max())) {
            timeBounds.add(new ScanPredicates.TimeBound(Comparison.Operator.GREATER_THAN_OR_EQUAL, between.min()));
            timeBounds.add(new ScanPredicates.TimeBound(Comparison.Operator.LESS_THAN_OR_EQUAL, between.max()));
            return true;
        } else if (term instanceof InPredicate in && !in.negated() && in.valueList() instanceof InList list && isNameColumn(in.value())
                && list.values().stream().allMatch(StringLiteral.class::isInstance)) {
            Set<String> allowed = new LinkedHashSet<>();
            list.values().forEach(value -> allowed.add(((StringLiteral) value).value()));
            restrict(in.value(), allowed);
            return true;
        }
        return false;
    }

    private boolean comparison(Comparison comparison) {
        Comparison.Operator operator = comparison.operator();
        Expression column = comparison.left();
        Expression value = comparison.right();
        if (role(column).isEmpty()) {
            column = comparison.right();
            value = comparison.left();
            operator = operator.swapped();
        }
        if (!operator.bounds() || !isConstant(value)) {
            return false;
        }
        if (hasRole(column, ColumnRole.TIMESTAMP) && analysis.type(value) != PrimitiveType.UNKNOWN) {
            timeBounds.add(new ScanPredicates.TimeBound(operator, value));
            return true;
        } else if (operator == Comparison.Operator.EQUAL && isNameColumn(column) && value instanceof StringLiteral literal) {
            restrict(column, Set.of(literal.value()));
            return true;
        }
        return false;
    }

    private void restrict(Expression column, Set<String> allowed) {
        String name = analysis.columnReference(column).orElseThrow().origin().orElseThrow().column();
        values.merge(name, new LinkedHashSet<>(allowed), (current, more) -> {
            current.retainAll(more);
            return current;
        });
    }

    private boolean isNameColumn(Expression expression) {
        return hasRole(expression, ColumnRole.DIMENSION) || hasRole(expression, ColumnRole.MEASURE_NAME);
    }

    private boolean hasRole(Expression expression, ColumnRole wanted) {
        return role(expression).map(role -> role == wanted).orElse(false);
    }

    /** The role of the table column an expression reads directly (not through an enclosing query). */
    private Optional<ColumnRole> role(Expression expression) {
        if (analysis.isOuterReference(expression)) {
            return Optional.empty();
        }
        return analysis.columnReference(expression).flatMap(Field::origin).map(ColumnReference::role);
    }

    /** True if the expression reads no column, runs no subquery and is not random. */
    private boolean isConstant(Node node) {
        if (node instanceof Query || (node instanceof Expression expression && analysis.columnReference(expression).isPresent())) {
            return false;
        }
        if (node instanceof FunctionCall call) {
            String name = call.name().parts().get(call.name().parts().size() - 1).value().toLowerCase(Locale.ROOT);
            if (name.equals("rand") || name.equals("random") || Aggregates.isAggregate(analysis, call) || call.window().isPresent()) {
                return false;
            }
        }
        return node.children().stream().allMatch(this::isConstant);
    }
}
