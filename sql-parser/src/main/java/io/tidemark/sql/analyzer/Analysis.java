package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Parameter;
import io.tidemark.sql.ast.QuerySpecification;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.WithQuery;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.function.ResolvedFunction;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the analyzer learned about one statement: the type of every value expression (keyed by
 * node identity), the field each column reference resolved to, the overload each function call
 * resolved to, the result columns, the tables and columns read, and the pruning predicates of
 * single-table scans. The planner works from this
 * and the syntax tree; nothing here is re-derived later.
 */
public final class Analysis {

    private final Statement statement;
    private final Map<Expression, SqlType> types = new IdentityHashMap<>();
    private final Map<Expression, Field> columnReferences = new IdentityHashMap<>();
    private final Set<Expression> outerReferences = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<FunctionCall, ResolvedFunction> functions = new IdentityHashMap<>();
    private final Map<TableReference, Set<String>> tableColumns = new LinkedHashMap<>();
    private final Map<Table, ScanPredicates> scanPredicates = new IdentityHashMap<>();
    private final Map<Node, List<Field>> fields = new IdentityHashMap<>();
    private final Map<QuerySpecification, List<Expression>> groupingKeys = new IdentityHashMap<>();
    private final Map<Table, WithQuery> namedQueries = new IdentityHashMap<>();
    private List<OutputColumn> outputColumns = List.of();
    /** Computed on first use (the analysis no longer changes by then). */
    private volatile List<Parameter> parameterUses;

    Analysis(Statement statement) {
        this.statement = statement;
    }

    public Statement statement() {
        return statement;
    }

    /** The type of an analyzed value expression. */
    public SqlType type(Expression expression) {
        SqlType type = types.get(expression);
        if (type == null) {
            throw new IllegalArgumentException("cannot give the type of an expression the analysis did not type: expression="
                    + expression + ", location=" + expression.location());
        }
        return type;
    }

    /** Every use of a {@code @name} parameter in the statement, in text order. */
    public List<Parameter> parameterUses() {
        List<Parameter> known = parameterUses;
        if (known == null) {
            List<Parameter> found = new ArrayList<>();
            Deque<Node> pending = new ArrayDeque<>();
            pending.push(statement);
            while (!pending.isEmpty()) {
                Node node = pending.pop();
                if (node instanceof Parameter parameter) {
                    found.add(parameter);
                }
                List<Node> children = node.children();
                for (int i = children.size() - 1; i >= 0; i--) {
                    pending.push(children.get(i));
                }
            }
            known = List.copyOf(found);
            parameterUses = known;
        }
        return known;
    }

    /**
     * The statement's {@code @name} parameters in order of first use, each once, with its type:
     * the type of what it is compared with ({@code =}, {@code <}, {@code BETWEEN}, {@code IN}),
     * the type a function declares for it ({@code bin(time, @p)}: interval day to second),
     * timestamp for {@code @scheduled_runtime}, else unknown. A parameter used several times takes
     * the first type known from its uses.
     */
    public Map<String, SqlType> parameters() {
        Map<String, SqlType> found = new LinkedHashMap<>();
        for (Parameter use : parameterUses()) {
            SqlType type = types.getOrDefault(use, PrimitiveType.UNKNOWN);
            SqlType before = found.get(use.name());
            if (before == null || before == PrimitiveType.UNKNOWN) {
                found.put(use.name(), type);
            }
        }
        return Collections.unmodifiableMap(found);
    }

    /** Every typed expression; the map is keyed by node identity. */
    public Map<Expression, SqlType> types() {
        return Collections.unmodifiableMap(types);
    }

    /** The field a column reference ({@code host}, {@code t.host}) resolved to. */
    public Optional<Field> columnReference(Expression expression) {
        return Optional.ofNullable(columnReferences.get(expression));
    }

    /** True if a column reference reads a field of an enclosing query (a correlated reference). */
    public boolean isOuterReference(Expression expression) {
        return outerReferences.contains(expression);
    }

    /** The overload a function call resolved to. */
    public Optional<ResolvedFunction> function(FunctionCall call) {
        return Optional.ofNullable(functions.get(call));
    }

    /** The result columns, in order. */
    public List<OutputColumn> outputColumns() {
        return outputColumns;
    }

    /** The catalog tables the statement reads, each with the columns it references (all of them for {@code *}). */
    public Map<TableReference, Set<String>> tableColumns() {
        return Collections.unmodifiableMap(tableColumns);
    }

    /**
     * For a catalog table that is the whole FROM clause of a query with a WHERE clause: the time
     * bounds and name values the WHERE clause implies (see {@link ScanPredicates}).
     */
    public Optional<ScanPredicates> scanPredicates(Table table) {
        return Optional.ofNullable(scanPredicates.get(table));
    }

    /**
     * The fields a node makes visible, in channel order: a FROM item ({@link Relation}: a table,
     * alias, derived table, join or UNNEST, as its parent sees it), a query or query body (its
     * output fields; for a {@link QuerySpecification} these are also the names ORDER BY may use),
     * or a {@link Lambda} (its parameters). Column references resolve to these very objects, so a
     * planner maps a reference to a channel by identity.
     */
    public List<Field> fields(Node node) {
        List<Field> found = fields.get(node);
        if (found == null) {
            throw new IllegalArgumentException("cannot give the fields of a node the analysis did not record: node="
                    + node.getClass().getSimpleName() + ", location=" + node.location());
        }
        return found;
    }

    /** The GROUP BY keys of a query specification, select-list ordinals replaced by the expressions they name; empty without GROUP BY. */
    public List<Expression> groupingKeys(QuerySpecification specification) {
        return groupingKeys.getOrDefault(specification, List.of());
    }

    /** The WITH query a one-part table name refers to, if it names one. */
    public Optional<WithQuery> namedQuery(Table table) {
        return Optional.ofNullable(namedQueries.get(table));
    }

    void recordFields(Node node, List<Field> nodeFields) {
        fields.put(node, List.copyOf(nodeFields));
    }

    void recordGroupingKeys(QuerySpecification specification, List<Expression> keys) {
        groupingKeys.put(specification, List.copyOf(keys));
    }

    void recordNamedQuery(Table table, WithQuery query) {
        namedQueries.put(table, query);
    }

    void recordScanPredicates(Table table, ScanPredicates predicates) {
        scanPredicates.put(table, predicates);
    }

    void recordType(Expression expression, SqlType type) {
        types.put(expression, type);
    }

    void recordColumnReference(Expression expression, Scope.Resolution resolution) {
        columnReferences.put(expression, resolution.field());
        if (resolution.outer()) {
            outerReferences.add(expression);
        }
        resolution.field().origin().ifPresent(this::recordColumnRead);
    }

    void recordColumnRead(ColumnReference column) {
        tableColumns.computeIfAbsent(column.table(), t -> new LinkedHashSet<>()).add(column.column());
    }

    void recordTable(TableReference table) {
        tableColumns.computeIfAbsent(table, t -> new LinkedHashSet<>());
    }

    void recordFunction(FunctionCall call, ResolvedFunction function) {
        functions.put(call, function);
    }

    void setOutputColumns(List<OutputColumn> columns) {
        outputColumns = List.copyOf(columns);
    }
}
