package io.tidemark.http.auth;

import io.tidemark.sql.ast.Describe;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.QualifiedName;
import io.tidemark.sql.ast.ShowDatabases;
import io.tidemark.sql.ast.ShowMeasures;
import io.tidemark.sql.ast.ShowTables;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.parser.SqlParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The resources a SQL statement reads, from its syntax tree (no catalog needed): every
 * {@code "database"."table"} in a FROM clause, subquery or WITH query, the table of
 * {@code DESCRIBE} and {@code SHOW MEASURES}, the database of {@code SHOW TABLES FROM}, the whole
 * node for {@code SHOW DATABASES} and {@code SHOW TABLES} without a database. Names are taken as
 * written, as the engine resolves them (exact match). A one-part name is a WITH query's (the engine
 * refuses any other), whose own tables are read where it is defined. A statement that does not
 * parse, or names a table with more than two parts, reads {@link Resource#ACCOUNT}: the engine
 * refuses it anyway, and a key allowed everything still gets the engine's error for it.
 */
final class StatementResources {

    private static final SqlParser PARSER = new SqlParser();

    private StatementResources() {
    }

    static Set<Resource> of(String sql) {
        Statement statement;
        try {
            statement = PARSER.parseStatement(sql);
        } catch (RuntimeException e) {
            return Set.of(Resource.ACCOUNT);
        }
        Set<Resource> resources = new LinkedHashSet<>();
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(statement);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof Table table) {
                resources.add(table(table.name(), true));
            } else if (node instanceof Describe describe) {
                resources.add(table(describe.table(), false));
            } else if (node instanceof ShowMeasures show) {
                resources.add(table(show.table(), false));
            } else if (node instanceof ShowTables show) {
                resources.add(show.database().map(d -> Resource.database(d.value())).orElse(Resource.ACCOUNT));
            } else if (node instanceof ShowDatabases) {
                resources.add(Resource.ACCOUNT);
            }
            node.children().forEach(pending::push);
        }
        resources.remove(null);
        return resources;
    }

    /**
     * The table {@code name} names; null for a WITH query's name where one may stand.
     *
     * @param withQueryAllowed whether a one-part name is a WITH query's (FROM) rather than a mistake
     */
    private static Resource table(QualifiedName name, boolean withQueryAllowed) {
        List<Identifier> parts = name.parts();
        if (parts.size() == 2) {
            return Resource.table(parts.get(0).value(), parts.get(1).value());
        }
        return parts.size() == 1 && withQueryAllowed ? null : Resource.ACCOUNT;
    }
}
