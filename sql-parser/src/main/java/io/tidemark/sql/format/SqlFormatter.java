package io.tidemark.sql.format;

import io.tidemark.sql.ast.Node;

/**
 * Prints a syntax tree back to SQL, on one line, such that parsing the text gives the same tree
 * (ignoring source locations): the round-trip property the parser tests check. Keywords are
 * upper case, names are printed as written (quoted when they were quoted or cannot be read back
 * unquoted), every alias gets AS, operands are parenthesized only where precedence requires,
 * {@code x::t} prints as {@code CAST(x AS t)} and {@code position(a IN b)} as {@code strpos(b, a)}.
 */
public final class SqlFormatter {

    private SqlFormatter() {
    }

    /** The SQL text of a statement, expression or any other node. */
    public static String formatSql(Node node) {
        return new StatementFormatter().format(node);
    }
}
