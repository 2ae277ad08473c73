package io.tidemark.engine.query.plan;

import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.ast.AliasedRelation;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Join;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.Table;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The WHERE conjuncts of a query over joined catalog tables that also run inside one table's
 * fragment: a conjunct that reads only that table's columns (no subquery, lambda or random
 * function), when the table's rows can be dropped before the join without changing the result
 * (it is not on the null-padded side of an outer join). The final part still applies the whole
 * WHERE clause; these copies only make fragments send fewer rows.
 */
final class JoinFilters {

    /** A catalog table of the FROM clause (aliased or not), the fields the query sees it by, and whether filtering it early is safe. */
    private record Leaf(Relation relation, List<Field> fields, boolean filterable) {
    }

    private final Map<Relation, List<Expression>> byRelation = new IdentityHashMap<>();

    private JoinFilters() {
    }

    static JoinFilters none() {
        return new JoinFilters();
    }

    static JoinFilters of(Analysis analysis, Relation from, Expression where) {
        JoinFilters filters = new JoinFilters();
        if (!(from instanceof Join)) {
            return filters;
        }
        List<Leaf> leaves = new ArrayList<>();
        collect(analysis, from, true, leaves);
        for (Expression conjunct : conjuncts(where)) {
            List<Field> read = new ArrayList<>();
            if (!reads(analysis, conjunct, read) || read.isEmpty()) {
                continue;
            }
            for (Leaf leaf : leaves) {
                if (leaf.filterable() && read.stream().allMatch(field -> RelationPlanner.indexOf(leaf.fields(), field) >= 0)) {
                    filters.byRelation.computeIfAbsent(leaf.relation(), r -> new ArrayList<>()).add(conjunct);
                }
            }
        }
        return filters;
    }

    /** The conjuncts to run in the fragment of a catalog table, named by the FROM item (the table or its alias). */
    List<Expression> of(Relation table) {
        return byRelation.getOrDefault(table, List.of());
    }

    private static void collect(Analysis analysis, Relation relation, boolean filterable, List<Leaf> leaves) {
        Relation inner = relation instanceof AliasedRelation aliased ? aliased.relation() : relation;
        if (inner instanceof Table table && analysis.namedQuery(table).isEmpty()) {
            leaves.add(new Leaf(relation, analysis.fields(relation), filterable));
        } else if (relation instanceof Join join) {
            boolean left = filterable && (join.type() != Join.Type.RIGHT && join.type() != Join.Type.FULL);
            boolean right = filterable && (join.type() != Join.Type.LEFT && join.type() != Join.Type.FULL);
            collect(analysis, join.left(), left, leaves);
            collect(analysis, join.right(), right, leaves);
        }
    }

    private static List<Expression> conjuncts(Expression condition) {
        if (condition instanceof Logical logical && logical.operator() == Logical.Operator.AND) {
            List<Expression> terms = new ArrayList<>();
            logical.terms().forEach(term -> terms.addAll(conjuncts(term)));
            return terms;
        }
        return List.of(condition);
    }

    /** Adds the fields {@code node} reads to {@code read}; false if it cannot run early (a subquery, lambda or random value). */
    private static boolean reads(Analysis analysis, Node node, List<Field> read) {
        if (node instanceof Query || node instanceof Lambda) {
            return false;
        }
        if (node instanceof FunctionCall call) {
            String name = call.name().parts().get(call.name().parts().size() - 1).value().toLowerCase(Locale.ROOT);
            if (name.equals("rand") || name.equals("random")) {
                return false;
            }
        }
        if (node instanceof Expression expression) {
            Optional<Field> field = analysis.columnReference(expression);
            if (field.isPresent()) {
                if (!analysis.isOuterReference(expression)) {
                    read.add(field.get());
                }
                return true;
            }
        }
        for (Node child : node.children()) {
            if (!reads(analysis, child, read)) {
                return false;
            }
        }
        return true;
    }
}
