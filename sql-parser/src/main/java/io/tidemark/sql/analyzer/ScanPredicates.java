package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.Expression;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the WHERE clause of a query over one catalog table says about the rows it can return, for
 * pruning: bounds on {@code time}, and the values {@code measure_name} and dimensions must take.
 * Taken only from the top-level AND terms of the form {@code time <op> constant},
 * {@code time BETWEEN constant AND constant}, {@code column = 'literal'} and
 * {@code column IN ('literal', ...)}; every returned row satisfies them, but the full WHERE
 * clause must still be applied. A column whose value set is empty matches no row.
 *
 * @param timeBounds {@code time <operator> value}, with {@code time} moved to the left
 * @param values allowed values per column ({@code measure_name} or a dimension), intersected over the terms
 * @param exact true when every top-level AND term of the WHERE clause is one of the terms above, so
 *     the clause says no more than these predicates (as long as each time bound's value is a
 *     timestamp: a bound a scan cannot use leaves the filtering to the clause)
 */
public record ScanPredicates(TableReference table, List<TimeBound> timeBounds, Map<String, Set<String>> values,
        boolean exact) {

    public ScanPredicates {
        Objects.requireNonNull(table, "table");
        timeBounds = List.copyOf(timeBounds);
        values = Map.copyOf(values);
    }

    /** {@code time <operator> value}; the operator is one of {@code < <= > >= =}, the value an expression without columns. */
    public record TimeBound(Comparison.Operator operator, Expression value) {
        public TimeBound {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }
    }
}
