package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.DereferenceExpression;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an expression of an aggregation query (select item, HAVING, ORDER BY): every column of
 * the FROM clause it reads must be inside an aggregate, be a GROUP BY key, or sit inside an
 * expression that is itself a GROUP BY key. Columns of enclosing queries are constants here.
 */
final class AggregationChecker {

    private final Analysis analysis;
    private final List<Expression> groupingKeys;
    private final Set<Field> groupedFields;
    private final Set<Field> sourceFields;

    AggregationChecker(Analysis analysis, List<Expression> groupingKeys, Set<Field> groupedFields, Set<Field> sourceFields) {
        this.analysis = analysis;
        this.groupingKeys = List.copyOf(groupingKeys);
        this.groupedFields = groupedFields;
        this.sourceFields = sourceFields;
    }

    void check(Node node) {
        if (node instanceof Query) {
            return;
        }
        if (node instanceof Expression expression && groupingKeys.stream().anyMatch(key -> TreeEquality.same(key, expression))) {
            return;
        }
        if (node instanceof FunctionCall call && Aggregates.isAggregate(analysis, call)) {
            return;
        }
        if (node instanceof Identifier || node instanceof DereferenceExpression) {
            Optional<Field> field = analysis.columnReference((Expression) node);
            if (field.isPresent()) {
                if (sourceFields.contains(field.get()) && !groupedFields.contains(field.get())) {
                    throw new SemanticException(node.location(), "'" + ExpressionAnalyzer.sql(node)
                            + "' must be an aggregate expression or appear in GROUP BY clause");
                }
                return;
            }
        }
        for (Node child : node.children()) {
            check(child);
        }
    }
}
