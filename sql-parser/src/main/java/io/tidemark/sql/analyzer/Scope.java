package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.WithQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names visible at one point of a query: the fields of the FROM clause (or of a lambda's
 * parameters, or of the select list for ORDER BY), the WITH queries, and the enclosing scope.
 * A scope marked {@code queryBoundary} starts a subquery: fields found beyond it are outer
 * (correlated) references.
 */
final class Scope {

    /** A WITH query with the relation its body produces. */
    record NamedQuery(WithQuery query, List<Field> fields) {
    }

    /** A resolved name and whether it was found beyond a query boundary. */
    record Resolution(Field field, boolean outer) {
    }

    private final Optional<Scope> parent;
    private final List<Field> fields;
    private final Map<String, NamedQuery> namedQueries;
    private final boolean queryBoundary;

    private Scope(Optional<Scope> parent, List<Field> fields, Map<String, NamedQuery> namedQueries, boolean queryBoundary) {
        this.parent = parent;
        this.fields = List.copyOf(fields);
        this.namedQueries = Map.copyOf(namedQueries);
        this.queryBoundary = queryBoundary;
    }

    static Scope root() {
        return new Scope(Optional.empty(), List.of(), Map.of(), true);
    }

    /** A scope for a subquery (or query) nested in {@code this}: its names are searched first, then ours as outer references. */
    Scope subquery(List<Field> newFields) {
        return new Scope(Optional.of(this), newFields, Map.of(), true);
    }

    /** A scope at the same query level (lambda parameters, ORDER BY output names, UNNEST's lateral view). */
    Scope nested(List<Field> newFields) {
        return new Scope(Optional.of(this), newFields, Map.of(), false);
    }

    /** A scope adding WITH queries, visible to the body and every subquery. */
    Scope withNamedQueries(Map<String, NamedQuery> queries) {
        return new Scope(Optional.of(this), List.of(), queries, false);
    }

    Optional<NamedQuery> namedQuery(String name) {
        NamedQuery query = namedQueries.get(name.toLowerCase(Locale.ROOT));
        if (query != null) {
            return Optional.of(query);
        }
        return parent.flatMap(p -> p.namedQuery(name));
    }

    /**
     * Resolves a possibly qualified column name: the innermost scope with a match wins; more than
     * one match within a scope is ambiguous. Empty if no scope has it.
     */
    Optional<Resolution> resolve(List<Identifier> qualifier, Identifier name) {
        boolean outer = false;
        for (Scope scope = this; scope != null; scope = scope.parent.orElse(null)) {
            List<Field> matches = new ArrayList<>();
            for (Field field : scope.fields) {
                if (field.name().isPresent() && Names.matches(name, field.name().get()) && qualifierMatches(qualifier, field.qualifier())) {
                    matches.add(field);
                }
            }
            if (matches.size() > 1) {
                throw new SemanticException(name.location(), "Column '" + Names.display(qualifier, name) + "' is ambiguous");
            }
            if (matches.size() == 1) {
                return Optional.of(new Resolution(matches.get(0), outer));
            }
            outer |= scope.queryBoundary;
        }
        return Optional.empty();
    }

    private static boolean qualifierMatches(List<Identifier> wanted, List<String> actual) {
        if (wanted.size() > actual.size()) {
            return false;
        }
        int offset = actual.size() - wanted.size();
        for (int i = 0; i < wanted.size(); i++) {
            if (!Names.matches(wanted.get(i), actual.get(offset + i))) {
                return false;
            }
        }
        return true;
    }
}
