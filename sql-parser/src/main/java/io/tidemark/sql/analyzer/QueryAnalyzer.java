package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.AliasedRelation;
import io.tidemark.sql.ast.AllColumns;
import io.tidemark.sql.ast.DereferenceExpression;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.GroupBy;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.LongLiteral;
import io.tidemark.sql.ast.NestedQuery;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QueryBody;
import io.tidemark.sql.ast.QuerySpecification;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.RowConstructor;
import io.tidemark.sql.ast.SelectItem;
import io.tidemark.sql.ast.SetOperation;
import io.tidemark.sql.ast.SingleColumn;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.ast.Values;
import io.tidemark.sql.ast.WithQuery;
import io.tidemark.sql.function.FunctionCatalog;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TypeCoercion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Analyzes queries: WITH, set operations, VALUES, and query specifications with their clauses in
 * SQL's logical order (FROM, WHERE, SELECT, GROUP BY, HAVING, ORDER BY, LIMIT). GROUP BY keys are
 * FROM columns, expressions over them, or select-list ordinals (output aliases are not visible
 * there, as in Trino); ORDER BY sees output names first, then FROM columns, and takes ordinals.
 */
final class QueryAnalyzer {

    private final Analysis analysis;
    private final ExpressionAnalyzer expressions;
    private final RelationAnalyzer relations;

    QueryAnalyzer(Analysis analysis, SchemaProvider schema, FunctionCatalog functions) {
        this.analysis = analysis;
        this.expressions = new ExpressionAnalyzer(analysis, functions, this::analyzeQuery);
        this.relations = new RelationAnalyzer(analysis, schema, expressions, this);
    }

    /** The output fields of {@code query}; {@code outer} holds enclosing queries' names (correlation) and WITH queries. */
    List<Field> analyzeQuery(Query query, Scope outer) {
        Scope scope = outer;
        Map<String, Scope.NamedQuery> named = new LinkedHashMap<>();
        for (WithQuery with : query.with()) {
            List<Field> fields = analyzeQuery(with.query(), scope);
            if (!with.columnNames().isEmpty()) {
                if (with.columnNames().size() != fields.size()) {
                    throw new SemanticException(with.location(), "WITH column alias list has " + with.columnNames().size()
                            + " entries but WITH query '" + with.name().value() + "' has " + fields.size() + " columns");
                }
                List<Field> renamed = new ArrayList<>();
                for (int i = 0; i < fields.size(); i++) {
                    renamed.add(fields.get(i).renamed(List.of(), Optional.of(with.columnNames().get(i).value())));
                }
                fields = renamed;
            }
            analysis.recordFields(with, fields);
            named.put(with.name().value().toLowerCase(Locale.ROOT), new Scope.NamedQuery(with, fields));
            scope = outer.withNamedQueries(named);
        }
        List<Field> fields;
        if (query.body() instanceof QuerySpecification specification) {
            fields = new SpecificationAnalysis(specification, scope, query.orderBy()).run();
            analysis.recordFields(specification, fields);
        } else {
            fields = analyzeBody(query.body(), scope);
            Scope outputScope = scope.subquery(fields);
            for (SortItem item : query.orderBy()) {
                if (item.key() instanceof LongLiteral ordinal) {
                    checkOrderable(item, fields.get(outputAt(fields, ordinal, "ORDER BY")).type());
                } else {
                    checkOrderable(item, expressions.analyze(item.key(), outputScope));
                }
            }
        }
        analysis.recordFields(query, fields);
        Scope countScope = scope.subquery(List.of());
        query.offset().ifPresent(offset -> requireCount(offset, countScope, "OFFSET"));
        query.limit().ifPresent(limit -> requireCount(limit, countScope, "LIMIT"));
        return fields;
    }

    private void requireCount(Expression count, Scope scope, String clause) {
        SqlType type = expressions.analyze(count, scope);
        if (!TypeCoercion.canCoerce(type, PrimitiveType.BIGINT)) {
            throw new SemanticException(count.location(), clause + " must be an integer (actual: " + type.displayName() + ")");
        }
    }

    private List<Field> analyzeBody(QueryBody body, Scope scope) {
        List<Field> fields = bodyFields(body, scope);
        analysis.recordFields(body, fields);
        return fields;
    }

    private List<Field> bodyFields(QueryBody body, Scope scope) {
        if (body instanceof QuerySpecification specification) {
            return new SpecificationAnalysis(specification, scope, List.of()).run();
        }
        if (body instanceof NestedQuery nested) {
            return analyzeQuery(nested.query(), scope);
        }
        if (body instanceof Values values) {
            return values(values, scope);
        }
        SetOperation operation = (SetOperation) body;
        List<Field> left = analyzeBody(operation.left(), scope);
        List<Field> right = analyzeBody(operation.right(), scope);
        String name = operation.operator().name();
        if (left.size() != right.size()) {
            throw new SemanticException(operation.right().location(), name + " query has different number of fields: " + left.size() + ", " + right.size());
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            SqlType l = left.get(i).type();
            SqlType r = right.get(i).type();
            int column = i + 1;
            SqlType common = TypeCoercion.commonSuperType(l, r).orElseThrow(() -> new SemanticException(operation.right().location(),
                    "column " + column + " in " + name + " query has incompatible types: " + l.displayName() + ", " + r.displayName()));
            boolean distinct = operation.distinct() || operation.operator() != SetOperation.Operator.UNION;
            if (distinct && !common.isComparable()) {
                throw new SemanticException(operation.location(), "Type " + common.displayName() + " is not comparable and therefore cannot be used in "
                        + name + (operation.operator() == SetOperation.Operator.UNION ? " DISTINCT" : ""));
            }
            fields.add(new Field(List.of(), left.get(i).name(), common, Optional.empty()));
        }
        return fields;
    }

    private List<Field> values(Values values, Scope scope) {
        Scope rowScope = scope.subquery(List.of());
        List<List<SqlType>> rows = new ArrayList<>();
        for (Expression row : values.rows()) {
            List<SqlType> types = new ArrayList<>();
            if (row instanceof RowConstructor constructor) {
                constructor.values().forEach(value -> types.add(expressions.analyze(value, rowScope)));
                analysis.recordType(row, new RowType(types.stream().map(RowType.Field::anonymous).toList()));
            } else {
                types.add(expressions.analyze(row, rowScope));
            }
            if (!rows.isEmpty() && rows.get(0).size() != types.size()) {
                throw new SemanticException(row.location(), "Values rows have mismatched sizes: " + rows.get(0).size() + " vs " + types.size());
            }
            rows.add(types);
        }
        List<Field> fields = new ArrayList<>();
        for (int column = 0; column < rows.get(0).size(); column++) {
            List<SqlType> types = new ArrayList<>();
            for (List<SqlType> row : rows) {
                types.add(row.get(column));
            }
            SqlType common = TypeCoercion.commonSuperType(types).orElseThrow(() -> new SemanticException(values.location(),
                    "Values rows have mismatched types: " + String.join(" vs ", types.stream().map(SqlType::displayName).distinct().toList())));
            fields.add(new Field(List.of(), Optional.empty(), common, Optional.empty()));
        }
        return fields;
    }

    /** The 0-based index a 1-based select-list ordinal names. */
    private static int outputAt(List<Field> fields, LongLiteral ordinal, String clause) {
        if (ordinal.value() < 1 || ordinal.value() > fields.size()) {
            throw new SemanticException(ordinal.location(), clause + " position " + ordinal.value() + " is not in select list");
        }
        return (int) ordinal.value() - 1;
    }

    private static void checkOrderable(SortItem item, SqlType type) {
        if (!type.isOrderable()) {
            throw new SemanticException(item.location(), "Type " + type.displayName() + " is not orderable, and therefore cannot be used in ORDER BY");
        }
    }

    /** One query specification's analysis; its state lives only while the clauses are checked. */
    private final class SpecificationAnalysis {

        private final QuerySpecification specification;
        private final Scope scope;
        private final List<SortItem> orderBy;
        private final Set<Field> sourceFields = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<Optional<Expression>> selectExpressions = new ArrayList<>();
        private final List<Field> outputs = new ArrayList<>();
        private final List<Field> starSources = new ArrayList<>();

        SpecificationAnalysis(QuerySpecification specification, Scope scope, List<SortItem> orderBy) {
            this.specification = specification;
            this.scope = scope;
            this.orderBy = orderBy;
        }

        List<Field> run() {
            List<Field> source = specification.from().map(relation -> relations.analyze(relation, scope)).orElse(List.of());
            sourceFields.addAll(source);
            Scope sourceScope = scope.subquery(source);
            specification.where().ifPresent(where -> {
                expressions.analyzeCondition(where, sourceScope, "WHERE clause");
                rejectAggregates(where, "WHERE clause cannot contain aggregations, window functions or grouping operations: ");
                recordScanPredicates(where);
            });
            for (SelectItem item : specification.select().items()) {
                select(item, source, sourceScope);
            }
            List<Expression> groupingKeys = new ArrayList<>();
            Set<Field> groupedFields = Collections.newSetFromMap(new IdentityHashMap<>());
            specification.groupBy().ifPresent(groupBy -> groupBy(groupBy, sourceScope, groupingKeys, groupedFields));
            analysis.recordGroupingKeys(specification, groupingKeys);
            specification.having().ifPresent(having -> {
                expressions.analyzeCondition(having, sourceScope, "HAVING clause");
                List<FunctionCall> windows = Aggregates.aggregatesAndWindows(analysis, List.of(having)).stream()
                        .filter(call -> call.window().isPresent()).toList();
                if (!windows.isEmpty()) {
                    throw new SemanticException(windows.get(0).location(), "HAVING clause cannot contain window functions: " + Aggregates.list(windows));
                }
            });
            List<Expression> sortKeys = orderBy(sourceScope);
            List<Expression> checked = new ArrayList<>();
            selectExpressions.forEach(expression -> expression.ifPresent(checked::add));
            specification.having().ifPresent(checked::add);
            checked.addAll(sortKeys);
            if (specification.groupBy().isPresent() || specification.having().isPresent() || !Aggregates.aggregates(analysis, checked).isEmpty()) {
                AggregationChecker checker = new AggregationChecker(analysis, groupingKeys, groupedFields, sourceFields);
                checked.forEach(checker::check);
                for (Field star : starSources) {
                    if (!groupedFields.contains(star)) {
                        throw new SemanticException(specification.select().location(), "'" + star.name().orElse("*")
                                + "' must be an aggregate expression or appear in GROUP BY clause");
                    }
                }
            }
            return outputs;
        }

        private void select(SelectItem item, List<Field> source, Scope sourceScope) {
            if (item instanceof AllColumns all) {
                List<Field> expanded = source;
                if (all.prefix().isPresent()) {
                    String prefix = ExpressionAnalyzer.sql(all.prefix().get());
                    expanded = source.stream().filter(f -> prefixMatches(all.prefix().get(), f.qualifier())).toList();
                    if (expanded.isEmpty()) {
                        throw new SemanticException(all.location(), "Unable to resolve reference " + prefix);
                    }
                } else if (source.isEmpty()) {
                    throw new SemanticException(all.location(), "SELECT * not allowed in queries without FROM clause");
                }
                for (Field field : expanded) {
                    field.origin().ifPresent(analysis::recordColumnRead);
                    selectExpressions.add(Optional.empty());
                    starSources.add(field);
                    outputs.add(field.renamed(List.of(), field.name()));
                }
                return;
            }
            SingleColumn column = (SingleColumn) item;
            Expression expression = column.expression();
            SqlType type = expressions.analyze(expression, sourceScope);
            Optional<Field> reference = analysis.columnReference(expression);
            Optional<String> name = column.alias().map(Identifier::value)
                    .or(() -> reference.flatMap(Field::name))
                    .or(() -> expression instanceof DereferenceExpression d ? Optional.of(d.field().value()) : Optional.empty());
            selectExpressions.add(Optional.of(expression));
            outputs.add(new Field(List.of(), name, type, reference.flatMap(Field::origin)));
        }

        private boolean prefixMatches(Expression prefix, List<String> qualifier) {
            List<Identifier> parts = new ArrayList<>();
            Expression current = prefix;
            while (current instanceof DereferenceExpression dereference) {
                parts.add(0, dereference.field());
                current = dereference.base();
            }
            if (!(current instanceof Identifier first)) {
                return false;
            }
            parts.add(0, first);
            if (parts.size() > qualifier.size()) {
                return false;
            }
            int offset = qualifier.size() - parts.size();
            for (int i = 0; i < parts.size(); i++) {
                if (!Names.matches(parts.get(i), qualifier.get(offset + i))) {
                    return false;
                }
            }
            return true;
        }

        private void groupBy(GroupBy groupBy, Scope sourceScope, List<Expression> keys, Set<Field> groupedFields) {
            for (Expression key : groupBy.keys()) {
                Expression grouped = key;
                if (key instanceof LongLiteral ordinal) {
                    int index = outputAt(outputs, ordinal, "GROUP BY");
                    Optional<Expression> selected = selectExpressions.get(index);
                    if (selected.isEmpty()) {
                        groupedFields.add(starSources.get(selectedStarIndex(index)));
                        continue;
                    }
                    grouped = selected.get();
                    analysis.recordType(key, analysis.type(grouped));
                } else {
                    expressions.analyze(key, sourceScope);
                }
                rejectAggregates(grouped, "GROUP BY clause cannot contain aggregations, window functions or grouping operations: ");
                SqlType type = analysis.type(grouped);
                if (!type.isComparable()) {
                    throw new SemanticException(key.location(), "Type " + type.displayName() + " is not comparable and therefore cannot be used in GROUP BY");
                }
                keys.add(grouped);
                analysis.columnReference(grouped).ifPresent(groupedFields::add);
            }
        }

        private int selectedStarIndex(int outputIndex) {
            int star = -1;
            for (int i = 0; i <= outputIndex; i++) {
                if (selectExpressions.get(i).isEmpty()) {
                    star++;
                }
            }
            return star;
        }

        private List<Expression> orderBy(Scope sourceScope) {
            List<Expression> keys = new ArrayList<>();
            Scope orderScope = sourceScope.nested(outputs);
            for (SortItem item : orderBy) {
                Expression key = item.key();
                if (key instanceof LongLiteral ordinal) {
                    int index = outputAt(outputs, ordinal, "ORDER BY");
                    analysis.recordType(key, outputs.get(index).type());
                    checkOrderable(item, outputs.get(index).type());
                    continue;
                }
                checkOrderable(item, expressions.analyze(key, orderScope));
                boolean selectsOutput = analysis.columnReference(key).map(f -> outputs.stream().anyMatch(o -> o == f)).orElse(false);
                if (specification.select().distinct() && !selectsOutput
                        && selectExpressions.stream().noneMatch(e -> e.isPresent() && TreeEquality.same(e.get(), key))) {
                    throw new SemanticException(key.location(), "For SELECT DISTINCT, ORDER BY expressions must appear in select list");
                }
                if (!selectsOutput) {
                    keys.add(key);
                }
            }
            return keys;
        }

        /** Pruning predicates, when the FROM clause is one catalog table (aliased or not). */
        private void recordScanPredicates(Expression where) {
            Relation from = specification.from().orElse(null);
            if (from instanceof AliasedRelation aliased) {
                from = aliased.relation();
            }
            if (from instanceof Table table && table.name().parts().size() == 2) {
                TableReference reference = new TableReference(table.name().parts().get(0).value(), table.name().parts().get(1).value());
                analysis.recordScanPredicates(table, ScanPredicateExtractor.extract(analysis, reference, where));
            }
        }

        private void rejectAggregates(Expression expression, String message) {
            List<FunctionCall> found = Aggregates.aggregatesAndWindows(analysis, List.of(expression));
            if (!found.isEmpty()) {
                throw new SemanticException(found.get(0).location(), message + Aggregates.list(found));
            }
        }
    }
}
