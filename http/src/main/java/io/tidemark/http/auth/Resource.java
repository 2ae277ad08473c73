package io.tidemark.http.auth;

import io.tidemark.engine.catalog.Arns;

/**
 * What a request acts on: a table ({@code database.table}), a whole database (null {@code table}:
 * the database and every table in it), or the whole node ({@link #ACCOUNT}: both null). A grant
 * covers a "whole" part only with {@code "*"}, so a key granted one table cannot act on its
 * database as a whole, and a key granted one database cannot list every database.
 *
 * @param database the database, or null for every database
 * @param table the table, or null for every table of {@code database}
 */
public record Resource(String database, String table) {

    /** Every database and table of the node. */
    public static final Resource ACCOUNT = new Resource(null, null);

    public Resource {
        if (database == null && table != null) {
            throw new IllegalArgumentException("cannot name a table without its database: table=" + table);
        }
    }

    public static Resource database(String database) {
        return new Resource(database, null);
    }

    public static Resource table(String database, String table) {
        return new Resource(database, table);
    }

    /** The resource as an error message names it: the table's or database's ARN, or {@code *} for the node. */
    public String arn(Arns arns) {
        if (database == null) {
            return "*";
        }
        return table == null ? arns.database(database) : arns.table(database, table);
    }
}
