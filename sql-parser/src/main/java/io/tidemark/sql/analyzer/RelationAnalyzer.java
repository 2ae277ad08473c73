package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.AliasedRelation;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Join;
import io.tidemark.sql.ast.JoinOn;
import io.tidemark.sql.ast.JoinUsing;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.ast.TableSubquery;
import io.tidemark.sql.ast.Unnest;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import io.tidemark.sql.type.TypeCoercion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a FROM item into the fields it makes visible: catalog tables (or WITH queries), aliases
 * with column lists, derived tables, joins and UNNEST. The right side of a join may refer to the
 * left side's columns only when it is an UNNEST ({@code CROSS JOIN UNNEST(ts)}). A USING join
 * keeps one copy of each USING column, the left one. UNNEST of a timeseries gives the columns
 * {@code time} and {@code value}; of an array, one unnamed column (or the row's fields for an
 * array of rows); of a map, two unnamed columns; WITH ORDINALITY adds a bigint.
 */
final class RelationAnalyzer {

    private final Analysis analysis;
    private final SchemaProvider schema;
    private final ExpressionAnalyzer expressions;
    private final QueryAnalyzer queries;

    RelationAnalyzer(Analysis analysis, SchemaProvider schema, ExpressionAnalyzer expressions, QueryAnalyzer queries) {
        this.analysis = analysis;
        this.schema = schema;
        this.expressions = expressions;
        this.queries = queries;
    }

    /** The fields of {@code relation}; {@code scope} is the enclosing one (outer queries, WITH, a lateral left side). */
    List<Field> analyze(Relation relation, Scope scope) {
        List<Field> fields = fieldsOf(relation, scope);
        analysis.recordFields(relation, fields);
        return fields;
    }

    private List<Field> fieldsOf(Relation relation, Scope scope) {
        if (relation instanceof Table table) {
            return table(table, scope);
        }
        if (relation instanceof AliasedRelation aliased) {
            return aliased(aliased, scope);
        }
        if (relation instanceof TableSubquery subquery) {
            return queries.analyzeQuery(subquery.query(), scope).stream()
                    .map(field -> field.renamed(List.of(), field.name())).toList();
        }
        if (relation instanceof Join join) {
            return join(join, scope);
        }
        return unnest((Unnest) relation, scope);
    }

    private List<Field> table(Table table, Scope scope) {
        List<Identifier> parts = table.name().parts();
        String written = parts.stream().map(Identifier::value).collect(Collectors.joining("."));
        if (parts.size() == 1) {
            Optional<Scope.NamedQuery> named = scope.namedQuery(parts.get(0).value());
            if (named.isPresent()) {
                analysis.recordNamedQuery(table, named.get().query());
                return named.get().fields().stream().map(f -> f.renamed(List.of(parts.get(0).value()), f.name())).toList();
            }
            throw new SemanticException(table.location(), "Table '" + written + "' must be qualified with its database: \"<database>\".\"" + written + "\"");
        }
        if (parts.size() > 2) {
            throw new SemanticException(table.location(), "Too many dots in table name: " + written);
        }
        String database = parts.get(0).value();
        String name = parts.get(1).value();
        if (!schema.databaseExists(database)) {
            throw SemanticException.locatedAtEnd(table.location(), "Requested database '" + database + "' not found for identifier '" + written + "'");
        }
        CatalogTable catalogTable = schema.table(database, name)
                .orElseThrow(() -> new SemanticException(table.location(), "Table '" + written + "' does not exist"));
        TableReference reference = new TableReference(database, name);
        analysis.recordTable(reference);
        return catalogTable.columns().stream()
                .map(c -> new Field(List.of(database, name), Optional.of(c.name()), c.type(), Optional.of(new ColumnReference(reference, c.name(), c.role()))))
                .toList();
    }

    private List<Field> aliased(AliasedRelation aliased, Scope scope) {
        List<Field> fields = analyze(aliased.relation(), scope);
        List<Identifier> columns = aliased.columnNames();
        if (!columns.isEmpty() && columns.size() != fields.size()) {
            throw new SemanticException(aliased.location(), "Column alias list has " + columns.size() + " entries but '"
                    + aliased.alias().value() + "' has " + fields.size() + " columns available");
        }
        List<Field> renamed = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Optional<String> name = columns.isEmpty() ? fields.get(i).name() : Optional.of(columns.get(i).value());
            renamed.add(fields.get(i).renamed(List.of(aliased.alias().value()), name));
        }
        return renamed;
    }

    private List<Field> join(Join join, Scope scope) {
        List<Field> left = analyze(join.left(), scope);
        boolean lateral = join.right() instanceof Unnest
                || (join.right() instanceof AliasedRelation aliased && aliased.relation() instanceof Unnest);
        List<Field> right = analyze(join.right(), lateral ? scope.subquery(left) : scope);
        List<Field> all = new ArrayList<>(left);
        all.addAll(right);
        if (join.criteria().isEmpty()) {
            return all;
        }
        if (join.criteria().get() instanceof JoinOn on) {
            expressions.analyzeCondition(on.condition(), scope.subquery(all), "JOIN ON clause");
            List<FunctionCall> misplaced = Aggregates.aggregatesAndWindows(analysis, List.of(on.condition()));
            if (!misplaced.isEmpty()) {
                throw new SemanticException(misplaced.get(0).location(),
                        "Join clause cannot contain aggregations or window functions: " + Aggregates.list(misplaced));
            }
            return all;
        }
        Set<Field> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Identifier column : ((JoinUsing) join.criteria().get()).columns()) {
            Field l = usingField(left, column, "left");
            Field r = usingField(right, column, "right");
            if (TypeCoercion.commonSuperType(l.type(), r.type()).isEmpty()) {
                throw new SemanticException(column.location(), "Column types of left and right side are different: "
                        + l.type().displayName() + " vs " + r.type().displayName());
            }
            l.origin().ifPresent(analysis::recordColumnRead);
            r.origin().ifPresent(analysis::recordColumnRead);
            dropped.add(r);
        }
        return all.stream().filter(f -> !dropped.contains(f)).toList();
    }

    private static Field usingField(List<Field> fields, Identifier column, String side) {
        List<Field> matches = fields.stream().filter(f -> f.name().isPresent() && Names.matches(column, f.name().get())).toList();
        if (matches.size() != 1) {
            throw new SemanticException(column.location(), "Column '" + column.value() + "' is "
                    + (matches.isEmpty() ? "missing from " : "ambiguous in ") + side + " side of join");
        }
        return matches.get(0);
    }

    private List<Field> unnest(Unnest unnest, Scope scope) {
        List<Field> fields = new ArrayList<>();
        for (Expression expression : unnest.expressions()) {
            SqlType type = expressions.analyze(expression, scope);
            if (type instanceof TimeSeriesType series) {
                fields.add(unnamed(Optional.of("time"), PrimitiveType.TIMESTAMP));
                fields.add(unnamed(Optional.of("value"), series.valueType()));
            } else if (type instanceof ArrayType array && array.elementType() instanceof RowType row) {
                row.fields().forEach(f -> fields.add(unnamed(f.name(), f.type())));
            } else if (type instanceof ArrayType array) {
                fields.add(unnamed(Optional.empty(), array.elementType()));
            } else if (type instanceof MapType map) {
                fields.add(unnamed(Optional.empty(), map.keyType()));
                fields.add(unnamed(Optional.empty(), map.valueType()));
            } else if (type == PrimitiveType.UNKNOWN) {
                fields.add(unnamed(Optional.empty(), PrimitiveType.UNKNOWN));
            } else {
                throw new SemanticException(expression.location(), "Cannot unnest type: " + type.displayName());
            }
        }
        if (unnest.withOrdinality()) {
            fields.add(unnamed(Optional.empty(), PrimitiveType.BIGINT));
        }
        return fields;
    }

    private static Field unnamed(Optional<String> name, SqlType type) {
        return new Field(List.of(), name, type, Optional.empty());
    }
}
