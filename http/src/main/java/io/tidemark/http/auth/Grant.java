package io.tidemark.http.auth;

import java.util.Set;

/**
 * One {@code allow} entry of an access key: these actions on these tables of these databases.
 * {@code "*"} in {@code databases} or {@code tables} stands for every name, present and future,
 * and is the only pattern: other names match exactly (Timestream names are case-sensitive).
 *
 * @param actions the actions allowed, never empty
 * @param databases database names or {@code "*"}, never empty
 * @param tables table names or {@code "*"}, never empty
 */
public record Grant(Set<Action> actions, Set<String> databases, Set<String> tables) {

    public static final String ANY = "*";

    public Grant {
        if (actions.isEmpty() || databases.isEmpty() || tables.isEmpty()) {
            throw new IllegalArgumentException("cannot make a grant that allows nothing: actions=" + actions
                    + ", databases=" + databases + ", tables=" + tables);
        }
        actions = Set.copyOf(actions);
        databases = Set.copyOf(databases);
        tables = Set.copyOf(tables);
    }

    /** Whether this grant allows {@code action} on {@code resource}. */
    public boolean allows(Action action, Resource resource) {
        return actions.contains(action) && matches(databases, resource.database()) && matches(tables, resource.table());
    }

    /** Whether this grant allows {@code action} on some resource. */
    public boolean allows(Action action) {
        return actions.contains(action);
    }

    /** A name, or "every" (null), against the grant's names: "every" only matches {@code "*"}. */
    private static boolean matches(Set<String> names, String name) {
        return names.contains(ANY) || (name != null && names.contains(name));
    }
}
