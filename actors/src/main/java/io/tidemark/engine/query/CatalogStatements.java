package io.tidemark.engine.query;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.catalog.CatalogService;
import io.tidemark.engine.catalog.DatabaseDescription;
import io.tidemark.engine.catalog.Page;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableSchema;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.CatalogColumn;
import io.tidemark.sql.analyzer.OutputColumn;
import io.tidemark.sql.ast.Describe;
import io.tidemark.sql.ast.QualifiedName;
import io.tidemark.sql.ast.ShowDatabases;
import io.tidemark.sql.ast.ShowMeasures;
import io.tidemark.sql.ast.ShowTables;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.ast.StringLiteral;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The statements answered from the catalog alone, with the columns the analyzer gave them:
 * {@code SHOW DATABASES}, {@code SHOW TABLES}, {@code SHOW MEASURES} and {@code DESCRIBE}. Names
 * are listed in order; {@code LIKE} patterns use SQL's {@code %} and {@code _} and are
 * case-sensitive, as Timestream's names are. {@code SHOW MEASURES} lists with every measure the
 * table's dimensions (the schema on write records dimensions per table, not per measure).
 */
final class CatalogStatements {

    private final CatalogService catalog;
    private final Duration askTimeout;

    CatalogStatements(CatalogService catalog, Duration askTimeout) {
        this.catalog = catalog;
        this.askTimeout = askTimeout;
    }

    /** True for the statements this class answers. */
    static boolean answers(Statement statement) {
        return statement instanceof ShowDatabases || statement instanceof ShowTables
                || statement instanceof ShowMeasures || statement instanceof Describe;
    }

    /** The rows of an analyzed statement {@link #answers} accepts. */
    Batch execute(Analysis analysis) {
        Statement statement = analysis.statement();
        List<OutputColumn> columns = analysis.outputColumns();
        List<List<Object>> rows = new ArrayList<>();
        if (statement instanceof ShowDatabases show) {
            Pattern like = like(show.like());
            for (String name : databaseNames()) {
                if (like.matcher(name).matches()) {
                    rows.add(List.of(name));
                }
            }
        } else if (statement instanceof ShowTables show) {
            Pattern like = like(show.like());
            Optional<String> database = show.database().map(d -> d.value());
            List<String> names = new ArrayList<>();
            for (TableDescription table : catalog.tables()) {
                if (table.status() == TableStatus.ACTIVE && database.map(table.databaseName()::equals).orElse(true)
                        && like.matcher(table.tableName()).matches()) {
                    names.add(table.tableName());
                }
            }
            names.sort(null);
            names.forEach(name -> rows.add(List.of(name)));
        } else if (statement instanceof ShowMeasures show) {
            Pattern like = like(show.like());
            TableSchema schema = schema(show.table());
            List<List<Object>> dimensions = new ArrayList<>();
            new TreeSet<>(schema.dimensions()).forEach(d -> dimensions.add(List.of(d, "varchar")));
            new TreeMap<>(schema.measures()).forEach((name, type) -> {
                if (like.matcher(name).matches()) {
                    rows.add(List.of(name, type.name().toLowerCase(Locale.ROOT), dimensions));
                }
            });
        } else {
            QualifiedName name = ((Describe) statement).table();
            TableSchema schema = schema(name);
            for (CatalogColumn column : EngineSchemaProvider.catalogTable(part(name, 0), part(name, 1), schema).columns()) {
                rows.add(List.of(column.name(), column.type().displayName(), column.role().name()));
            }
        }
        return batch(columns, rows);
    }

    private static Batch batch(List<OutputColumn> columns, List<List<Object>> rows) {
        List<Vector> vectors = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            VectorBuilder builder = new VectorBuilder(columns.get(c).type(), rows.size());
            for (List<Object> row : rows) {
                builder.append(row.get(c));
            }
            vectors.add(builder.build());
        }
        return new Batch(vectors, rows.size());
    }

    private TableSchema schema(QualifiedName name) {
        // the analyzer checked the table exists
        TableDescription table = catalog.table(part(name, 0), part(name, 1))
                .orElseThrow(() -> EngineException.notFound("cannot describe table: it does not exist, name=" + name));
        return catalog.schema(table.tableId());
    }

    private static String part(QualifiedName name, int index) {
        return name.parts().get(index).value();
    }

    /** Every database name, in order, read page by page from the catalog. */
    private List<String> databaseNames() {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            Page<DatabaseDescription> page = await(catalog.listDatabases(token, null).toCompletableFuture());
            page.items().forEach(d -> names.add(d.name()));
            token = page.nextToken();
        } while (token != null);
        names.sort(null);
        return names;
    }

    private <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.get(askTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof EngineException ee) {
                throw ee;
            }
            throw EngineException.internal("cannot list databases: " + cause, cause);
        } catch (TimeoutException e) {
            throw EngineException.internal("cannot list databases: the catalog did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.internal("cannot list databases: interrupted", e);
        }
    }

    /** A LIKE pattern as a regular expression: {@code %} any run, {@code _} one character, the rest literal. */
    static Pattern like(Optional<StringLiteral> pattern) {
        if (pattern.isEmpty()) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char ch : pattern.get().value().toCharArray()) {
            if (ch == '%' || ch == '_') {
                regex.append(Pattern.quote(literal.toString())).append(ch == '%' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(ch);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
