package io.tidemark.engine.subscription;

import io.tidemark.sql.ast.AliasedRelation;
import io.tidemark.sql.ast.Comparison;
import io.tidemark.sql.ast.DereferenceExpression;
import io.tidemark.sql.ast.DurationLiteral;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.GroupBy;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Logical;
import io.tidemark.sql.ast.LongLiteral;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.QualifiedName;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.QuerySpecification;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.SelectItem;
import io.tidemark.sql.ast.SingleColumn;
import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.format.SqlFormatter;
import io.tidemark.sql.parser.ParseException;
import io.tidemark.sql.parser.SqlParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a subscribed query's text says about how to keep its result current: the normalised text
 * (subscribers of equal texts share one evaluation), the tables it reads, which result columns
 * identify a row (the GROUP BY keys when every key is selected, else the whole row), and whether
 * a write can be folded in by re-running the query over the bins it touched only.
 *
 * <p>Incremental maintenance needs one table in FROM, GROUP BY with a selected key
 * {@code bin(time, <duration>)}, every GROUP BY key selected, no DISTINCT, LIMIT, OFFSET, WITH,
 * subquery or window function. Each result row then belongs to exactly one bin and is computed
 * from that bin's points alone, so re-running the query with {@code time >= binStart(a) AND time
 * < binEnd(b)} added to its WHERE gives exactly the rows of the bins a write over {@code [a, b]}
 * can change.
 */
final class QueryShape {

    /** Nodes made up by the rewrite point at the query's start. */
    private static final SourceLocation ORIGIN = new SourceLocation(1, 1);

    private final String normalisedText;
    private final Set<String> tables;
    private final int[] keyColumns;
    private final Query query;
    private final QuerySpecification spec;
    private final long binNanos;
    private final int binColumn;

    private QueryShape(String normalisedText, Set<String> tables, int[] keyColumns, Query query,
            QuerySpecification spec, long binNanos, int binColumn) {
        this.normalisedText = normalisedText;
        this.tables = tables;
        this.keyColumns = keyColumns;
        this.query = query;
        this.spec = spec;
        this.binNanos = binNanos;
        this.binColumn = binColumn;
    }

    /**
     * The shape of {@code sql}.
     *
     * @throws ParseException when the text does not parse (the caller reports its line:column)
     */
    static QueryShape of(String sql) {
        Statement statement = new SqlParser().parseStatement(sql);
        String normalised = foldCase(SqlFormatter.formatSql(statement));
        Set<String> tables = new TreeSet<>();
        boolean nested = collect(statement, tables);
        if (!(statement instanceof Query query) || !(query.body() instanceof QuerySpecification spec)) {
            return new QueryShape(normalised, tables, null, null, null, 0, -1);
        }
        int[] keys = keyColumns(spec);
        boolean incremental = !nested && keys != null && query.with().isEmpty() && query.limit().isEmpty()
                && query.offset().isEmpty() && !spec.select().distinct() && singleTable(spec.from());
        OptionalInt bin = incremental ? binColumn(spec) : OptionalInt.empty();
        if (bin.isEmpty()) {
            return new QueryShape(normalised, tables, keys, null, null, 0, -1);
        }
        long width = binWidth(((SingleColumn) spec.select().items().get(bin.getAsInt())).expression());
        return new QueryShape(normalised, tables, keys, query, spec, width, bin.getAsInt());
    }

    /**
     * The query text as the formatter prints it with unquoted names and keywords lower-cased: equal
     * for texts that differ only in spacing, line breaks, letter case outside quotes, or redundant
     * parentheses.
     */
    String normalisedText() {
        return normalisedText;
    }

    /** The tables read, each as {@code database.table} lower-cased (a write to any table of that name matches). */
    Set<String> tables() {
        return tables;
    }

    /** The result columns that identify a row, or empty when the whole row does. */
    Optional<int[]> keyColumns() {
        return Optional.ofNullable(keyColumns);
    }

    boolean incremental() {
        return spec != null;
    }

    /** The result column holding the row's bin start (a TIMESTAMP); only when {@link #incremental()}. */
    int binColumn() {
        return binColumn;
    }

    /** The first bin start at or before {@code timeNanos}. */
    long binStart(long timeNanos) {
        return Math.floorDiv(timeNanos, binNanos) * binNanos;
    }

    /** The end (exclusive) of the bin holding {@code timeNanos}. */
    long binEnd(long timeNanos) {
        return binStart(timeNanos) + binNanos;
    }

    /** The query restricted to points in {@code [fromNanos, toNanos)}; only when {@link #incremental()}. */
    String restrictedTo(long fromNanos, long toNanos) {
        List<Expression> terms = new ArrayList<>();
        spec.where().ifPresent(where -> terms.add(where));
        terms.add(timeBound(Comparison.Operator.GREATER_THAN_OR_EQUAL, fromNanos));
        terms.add(timeBound(Comparison.Operator.LESS_THAN, toNanos));
        QuerySpecification restricted = new QuerySpecification(spec.location(), spec.select(), spec.from(),
                Optional.of(new Logical(ORIGIN, Logical.Operator.AND, terms)), spec.groupBy(), spec.having());
        return SqlFormatter.formatSql(new Query(query.location(), query.with(), restricted, query.orderBy(),
                query.offset(), query.limit()));
    }

    /** Lower-cases everything outside {@code '...'} literals and {@code "..."} names (a doubled quote stays inside). */
    private static String foldCase(String sql) {
        StringBuilder folded = new StringBuilder(sql.length());
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            }
            folded.append(quote == 0 ? Character.toLowerCase(c) : c);
        }
        return folded.toString();
    }

    private static Comparison timeBound(Comparison.Operator operator, long nanos) {
        FunctionCall timestamp = new FunctionCall(ORIGIN, name("from_nanoseconds"), false,
                List.of(new LongLiteral(ORIGIN, nanos)), false, Optional.empty(), Optional.empty());
        return new Comparison(ORIGIN, operator, new Identifier(ORIGIN, "time", false), timestamp);
    }

    private static QualifiedName name(String name) {
        return new QualifiedName(ORIGIN, List.of(new Identifier(ORIGIN, name, false)));
    }

    /**
     * Gathers the tables the statement reads; true when it holds a nested query or a window
     * function (either reads rows beyond one bin's).
     */
    private static boolean collect(Statement statement, Set<String> tables) {
        boolean nested = false;
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(statement);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof Table table) {
                tables.add(tableName(table.name()));
            } else if (node instanceof Query && node != statement) {
                nested = true;
            } else if (node instanceof FunctionCall call && call.window().isPresent()) {
                nested = true;
            }
            for (Node child : node.children()) {
                pending.push(child);
            }
        }
        return nested;
    }

    private static String tableName(QualifiedName name) {
        List<String> parts = new ArrayList<>();
        for (Identifier part : name.parts()) {
            parts.add(part.value().toLowerCase(java.util.Locale.ROOT));
        }
        return String.join(".", parts);
    }

    private static boolean singleTable(Optional<Relation> from) {
        if (from.isEmpty()) {
            return false;
        }
        Relation relation = from.get();
        if (relation instanceof AliasedRelation aliased) {
            relation = aliased.relation();
        }
        return relation instanceof Table;
    }

    /** The select-list positions of the GROUP BY keys, or null when there is no GROUP BY or a key is not selected. */
    private static int[] keyColumns(QuerySpecification spec) {
        if (spec.groupBy().isEmpty() || spec.groupBy().get().distinct()) {
            return null;
        }
        GroupBy groupBy = spec.groupBy().get();
        List<SelectItem> items = spec.select().items();
        Set<Integer> positions = new TreeSet<>();
        for (Expression key : groupBy.keys()) {
            int position = selectPosition(key, items);
            if (position < 0) {
                return null;
            }
            positions.add(position);
        }
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Where a GROUP BY key is in the select list: by ordinal, by alias, or as the same expression; -1 if absent. */
    private static int selectPosition(Expression key, List<SelectItem> items) {
        if (key instanceof LongLiteral ordinal) {
            long index = ordinal.value() - 1;
            return index >= 0 && index < items.size() && items.get((int) index) instanceof SingleColumn ? (int) index : -1;
        }
        String keyText = SqlFormatter.formatSql(key);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof SingleColumn column)) {
                return -1;
            }
            if (SqlFormatter.formatSql(column.expression()).equals(keyText)) {
                return i;
            }
            if (key instanceof Identifier name && column.alias().isPresent()
                    && column.alias().get().canonicalValue().equals(name.canonicalValue())) {
                return i;
            }
        }
        return -1;
    }

    /** The select-list position of the first GROUP BY key that is {@code bin(time, <duration>)}. */
    private static OptionalInt binColumn(QuerySpecification spec) {
        List<SelectItem> items = spec.select().items();
        for (Expression key : spec.groupBy().get().keys()) {
            int position = selectPosition(key, items);
            if (position >= 0 && isTimeBin(((SingleColumn) items.get(position)).expression())) {
                return OptionalInt.of(position);
            }
        }
        return OptionalInt.empty();
    }

    private static boolean isTimeBin(Expression expression) {
        if (!(expression instanceof FunctionCall call) || call.window().isPresent() || call.distinct()
                || call.arguments().size() != 2 || call.name().parts().size() != 1
                || !call.name().parts().get(0).canonicalValue().equals("bin")) {
            return false;
        }
        Expression column = call.arguments().get(0);
        Identifier name = column instanceof DereferenceExpression field ? field.field()
                : column instanceof Identifier identifier ? identifier : null;
        return name != null && name.canonicalValue().equals("time")
                && call.arguments().get(1) instanceof DurationLiteral duration && duration.amount() > 0;
    }

    private static long binWidth(Expression bin) {
        DurationLiteral duration = (DurationLiteral) ((FunctionCall) bin).arguments().get(1);
        return Math.multiplyExact(duration.amount(), duration.unit().nanos());
    }
}
