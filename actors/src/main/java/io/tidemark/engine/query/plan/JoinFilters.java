package io.tidemark.engine.query.plan;

import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.ast.AliasedRelation;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Join;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.ast.Unnest;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the WHERE clause of a query over joined relations lets the joins below it do early, where
 * dropping rows before the join cannot change the result (not on the null-padded side of an outer
 * join): a conjunct that reads only one catalog table's columns (no subquery, lambda or random
 * function) also runs in that table's fragment, and a conjunct {@code l = r} whose sides read the
 * two inputs of an inner, cross or implicit join also becomes an equi-key of that join (so
 * {@code FROM a, b WHERE a.x = b.x} is a hash join, not a cross product). The final part still
 * applies the whole WHERE clause; these copies only make fewer rows flow.
 */
final class JoinFilters {

    /** A catalog table of the FROM clause (aliased or not), the fields the query sees it by, and whether filtering it early is safe. */
    private record Leaf(Relation relation, List<Field> fields, boolean filterable) {
    }

    private final Map<Relation, List<Expression>> byRelation = new IdentityHashMap<>();
    private final Map<Join, List<Expression>> equalities = new IdentityHashMap<>();

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
        List<Join> innerJoins = new ArrayList<>();
        collect(analysis, from, true, leaves, innerJoins);
        for (Expression conjunct : conjuncts(where)) {
            if (conjunct instanceof Comparison comparison && comparison.operator() == Comparison.Operator.EQUAL) {
                filters.equality(analysis, comparison, innerJoins);
            }
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

    /** The equalities of the WHERE clause that join {@code join}'s two inputs. */
    List<Expression> equalities(Join join) {
        return equalities.getOrDefault(join, List.of());
    }

    private void equality(Analysis analysis, Comparison comparison, List<Join> innerJoins) {
        List<Field> left = new ArrayList<>();
        List<Field> right = new ArrayList<>();
        if (!reads(analysis, comparison.left(), left) || !reads(analysis, comparison.right(), right) || left.isEmpty() || right.isEmpty()) {
            return;
        }
        for (Join join : innerJoins) {
            List<Field> leftFields = analysis.fields(join.left());
            List<Field> rightFields = analysis.fields(join.right());
            if ((within(left, leftFields) && within(right, rightFields)) || (within(left, rightFields) && within(right, leftFields))) {
                equalities.computeIfAbsent(join, j -> new ArrayList<>()).add(comparison);
                return;
            }
        }
    }

    private static boolean within(List<Field> read, List<Field> fields) {
        return read.stream().allMatch(field -> RelationPlanner.indexOf(fields, field) >= 0);
    }

    /** The conjuncts to run in the fragment of a catalog table, named by the FROM item (the table or its alias). */
    List<Expression> of(Relation table) {
        return byRelation.getOrDefault(table, List.of());
    }

    private static void collect(Analysis analysis, Relation relation, boolean filterable, List<Leaf> leaves, List<Join> innerJoins) {
        Relation inner = relation instanceof AliasedRelation aliased ? aliased.relation() : relation;
        if (inner instanceof Table table && analysis.namedQuery(table).isEmpty()) {
            leaves.add(new Leaf(relation, analysis.fields(relation), filterable));
        } else if (relation instanceof Join join) {
            boolean inside = join.type() == Join.Type.INNER || join.type() == Join.Type.CROSS || join.type() == Join.Type.IMPLICIT;
            if (filterable && inside && !isUnnest(join.right())) {
                innerJoins.add(join);
            }
            boolean left = filterable && (join.type() != Join.Type.RIGHT && join.type() != Join.Type.FULL);
            boolean right = filterable && (join.type() != Join.Type.LEFT && join.type() != Join.Type.FULL);
            collect(analysis, join.left(), left, leaves, innerJoins);
            collect(analysis, join.right(), right, leaves, innerJoins);
        }
    }

    private static boolean isUnnest(Relation relation) {
        return relation instanceof Unnest || (relation instanceof AliasedRelation aliased && aliased.relation() instanceof Unnest);
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
