package io.tidemark.sql.format;

import io.tidemark.sql.ast.AliasedRelation;
import io.tidemark.sql.ast.AllColumns;
import io.tidemark.sql.ast.AstVisitor;
import io.tidemark.sql.ast.Describe;
import io.tidemark.sql.ast.Explain;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.GroupBy;
import io.tidemark.sql.ast.Join;
import io.tidemark.sql.ast.JoinOn;
import io.tidemark.sql.ast.JoinUsing;
import io.tidemark.sql.ast.NestedQuery;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Property;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QuerySpecification;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.Select;
import io.tidemark.sql.ast.SetOperation;
import io.tidemark.sql.ast.ShowDatabases;
import io.tidemark.sql.ast.ShowMeasures;
import io.tidemark.sql.ast.ShowTables;
import io.tidemark.sql.ast.SingleColumn;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.ast.TableSubquery;
import io.tidemark.sql.ast.Unload;
import io.tidemark.sql.ast.Unnest;
import io.tidemark.sql.ast.Values;
import io.tidemark.sql.ast.WithQuery;
import java.util.regex.Pattern;

/**
 * Prints statements, queries and relations (see {@link SqlFormatter} for the guarantees);
 * expressions go to {@link ExpressionFormatter}.
 */
final class StatementFormatter implements AstVisitor<String, Void> {

    private final ExpressionFormatter expressions = new ExpressionFormatter(this);

    String format(Node node) {
        return node.accept(this, null);
    }

    @Override
    public String visitNode(Node node, Void context) {
        return expressions.format(node);
    }

    @Override
    public String visitQuery(Query node, Void context) {
        StringBuilder sql = new StringBuilder();
        if (!node.with().isEmpty()) {
            sql.append("WITH ").append(expressions.formatList(node.with())).append(' ');
        }
        sql.append(format(node.body()));
        if (!node.orderBy().isEmpty()) {
            sql.append(" ORDER BY ").append(expressions.formatList(node.orderBy()));
        }
        node.offset().ifPresent(offset -> sql.append(" OFFSET ").append(format(offset)));
        node.limit().ifPresent(limit -> sql.append(" LIMIT ").append(format(limit)));
        return sql.toString();
    }

    @Override
    public String visitWithQuery(WithQuery node, Void context) {
        String columns = node.columnNames().isEmpty() ? "" : " (" + expressions.formatList(node.columnNames()) + ")";
        return ExpressionFormatter.identifier(node.name()) + columns + " AS (" + format(node.query()) + ")";
    }

    private static final Pattern LEADING_ALL = Pattern.compile("ALL\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public String visitQuerySpecification(QuerySpecification node, Void context) {
        StringBuilder sql = new StringBuilder(format(node.select()));
        node.from().ifPresent(from -> sql.append(" FROM ").append(format(from)));
        node.where().ifPresent(where -> sql.append(" WHERE ").append(format(where)));
        node.groupBy().ifPresent(groupBy -> sql.append(' ').append(format(groupBy)));
        node.having().ifPresent(having -> sql.append(" HAVING ").append(format(having)));
        return sql.toString();
    }

    @Override
    public String visitSelect(Select node, Void context) {
        String items = expressions.formatList(node.items());
        // ALL is not reserved, so a first item that reads "ALL ..." (a column named all) would be
        // read back as the quantifier: then the default quantifier is written out
        String quantifier = node.distinct() ? "DISTINCT " : LEADING_ALL.matcher(items).lookingAt() ? "ALL " : "";
        return "SELECT " + quantifier + items;
    }

    @Override
    public String visitAllColumns(AllColumns node, Void context) {
        return node.prefix().map(prefix -> format(prefix) + ".*").orElse("*");
    }

    @Override
    public String visitSingleColumn(SingleColumn node, Void context) {
        return format(node.expression())
                + node.alias().map(alias -> " AS " + ExpressionFormatter.identifier(alias)).orElse("");
    }

    @Override
    public String visitGroupBy(GroupBy node, Void context) {
        String keys = node.keys().isEmpty() ? "()" : expressions.formatList(node.keys());
        return "GROUP BY " + (node.distinct() ? "DISTINCT " : "") + keys;
    }

    @Override
    public String visitSetOperation(SetOperation node, Void context) {
        return format(node.left()) + " " + node.operator() + (node.distinct() ? " " : " ALL ") + format(node.right());
    }

    @Override
    public String visitValues(Values node, Void context) {
        return "VALUES " + expressions.formatList(node.rows());
    }

    @Override
    public String visitNestedQuery(NestedQuery node, Void context) {
        return "(" + format(node.query()) + ")";
    }

    @Override
    public String visitTable(Table node, Void context) {
        return format(node.name());
    }

    @Override
    public String visitAliasedRelation(AliasedRelation node, Void context) {
        String columns = node.columnNames().isEmpty() ? "" : " (" + expressions.formatList(node.columnNames()) + ")";
        return grouped(node.relation()) + " AS " + ExpressionFormatter.identifier(node.alias()) + columns;
    }

    @Override
    public String visitJoin(Join node, Void context) {
        if (node.type() == Join.Type.IMPLICIT) {
            return format(node.left()) + ", " + format(node.right());
        }
        String left = isImplicitJoin(node.left()) ? "(" + format(node.left()) + ")" : format(node.left());
        String criteria = node.criteria().map(c -> " " + format(c)).orElse("");
        return left + " " + node.type() + " JOIN " + grouped(node.right()) + criteria;
    }

    private static boolean isImplicitJoin(Relation relation) {
        return relation instanceof Join && ((Join) relation).type() == Join.Type.IMPLICIT;
    }

    /** A join in parentheses (it is the operand of another join or of an alias), anything else bare. */
    private String grouped(Relation relation) {
        return relation instanceof Join ? "(" + format(relation) + ")" : format(relation);
    }

    @Override
    public String visitJoinOn(JoinOn node, Void context) {
        return "ON " + format(node.condition());
    }

    @Override
    public String visitJoinUsing(JoinUsing node, Void context) {
        return "USING (" + expressions.formatList(node.columns()) + ")";
    }

    @Override
    public String visitTableSubquery(TableSubquery node, Void context) {
        return "(" + format(node.query()) + ")";
    }

    @Override
    public String visitUnnest(Unnest node, Void context) {
        return "UNNEST(" + expressions.formatList(node.expressions()) + ")"
                + (node.withOrdinality() ? " WITH ORDINALITY" : "");
    }

    @Override
    public String visitExplain(Explain node, Void context) {
        return "EXPLAIN " + format(node.statement());
    }

    @Override
    public String visitShowDatabases(ShowDatabases node, Void context) {
        return "SHOW DATABASES" + node.like().map(like -> " LIKE " + format(like)).orElse("");
    }

    @Override
    public String visitShowTables(ShowTables node, Void context) {
        return "SHOW TABLES" + node.database().map(db -> " FROM " + ExpressionFormatter.identifier(db)).orElse("")
                + node.like().map(like -> " LIKE " + format(like)).orElse("");
    }

    @Override
    public String visitShowMeasures(ShowMeasures node, Void context) {
        return "SHOW MEASURES FROM " + format(node.table()) + node.like().map(like -> " LIKE " + format(like)).orElse("");
    }

    @Override
    public String visitDescribe(Describe node, Void context) {
        return "DESCRIBE " + format(node.table());
    }

    @Override
    public String visitUnload(Unload node, Void context) {
        String with = node.properties().isEmpty() ? "" : " WITH (" + expressions.formatList(node.properties()) + ")";
        return "UNLOAD (" + format(node.query()) + ") TO " + format(node.destination()) + with;
    }

    @Override
    public String visitProperty(Property node, Void context) {
        return ExpressionFormatter.identifier(node.name()) + " = " + format(node.value());
    }

    @Override
    public String visitExpression(Expression node, Void context) {
        return expressions.format(node);
    }
}
