package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.Describe;
import io.tidemark.sql.ast.Explain;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.QualifiedName;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.ast.ShowDatabases;
import io.tidemark.sql.ast.ShowMeasures;
import io.tidemark.sql.ast.ShowTables;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.ast.Unload;
import io.tidemark.sql.function.FunctionCatalog;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The semantic analysis of a parsed statement: resolves every name against the
 * {@link SchemaProvider} and the {@link FunctionCatalog}, types every expression and checks
 * Trino's rules (see {@code docs/sql-analyzer.md}). Returns an {@link Analysis} or throws
 * {@link SemanticException} with a position; nothing else escapes for any parsed input.
 * Stateless apart from its catalogs; one analyzer may serve many threads if the schema provider can.
 */
public final class Analyzer {

    private final SchemaProvider schema;
    private final FunctionCatalog functions;

    public Analyzer(SchemaProvider schema) {
        this(schema, FunctionCatalog.builtin());
    }

    public Analyzer(SchemaProvider schema, FunctionCatalog functions) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.functions = Objects.requireNonNull(functions, "functions");
    }

    public Analysis analyze(Statement statement) {
        Analysis analysis = new Analysis(statement);
        analysis.setOutputColumns(analyzeStatement(statement, analysis));
        return analysis;
    }

    private List<OutputColumn> analyzeStatement(Statement statement, Analysis analysis) {
        if (statement instanceof Query query) {
            return outputColumns(new QueryAnalyzer(analysis, schema, functions).analyzeQuery(query, Scope.root()));
        }
        if (statement instanceof Explain explain) {
            analyzeStatement(explain.statement(), analysis);
            return List.of(new OutputColumn("Query Plan", PrimitiveType.VARCHAR));
        }
        if (statement instanceof Unload unload) {
            new QueryAnalyzer(analysis, schema, functions).analyzeQuery(unload.query(), Scope.root());
            return List.of(new OutputColumn("rows", PrimitiveType.BIGINT), new OutputColumn("metadataFile", PrimitiveType.VARCHAR),
                    new OutputColumn("manifestFile", PrimitiveType.VARCHAR));
        }
        if (statement instanceof ShowDatabases) {
            return List.of(new OutputColumn("Database", PrimitiveType.VARCHAR));
        }
        if (statement instanceof ShowTables show) {
            show.database().ifPresent(database -> {
                if (!schema.databaseExists(database.value())) {
                    throw SemanticException.locatedAtEnd(database.location(), "Requested database '" + database.value() + "' not found");
                }
            });
            return List.of(new OutputColumn("Table", PrimitiveType.VARCHAR));
        }
        if (statement instanceof ShowMeasures show) {
            requireTable(show.table(), analysis);
            SqlType dimension = new RowType(List.of(RowType.Field.named("dimension_name", PrimitiveType.VARCHAR),
                    RowType.Field.named("data_type", PrimitiveType.VARCHAR)));
            return List.of(new OutputColumn("measure_name", PrimitiveType.VARCHAR), new OutputColumn("data_type", PrimitiveType.VARCHAR),
                    new OutputColumn("dimensions", new ArrayType(dimension)));
        }
        requireTable(((Describe) statement).table(), analysis);
        return List.of(new OutputColumn("Column", PrimitiveType.VARCHAR), new OutputColumn("Type", PrimitiveType.VARCHAR),
                new OutputColumn("Timestream attribute type", PrimitiveType.VARCHAR));
    }

    /** Checks a SHOW MEASURES / DESCRIBE target the way a FROM clause would. */
    private void requireTable(QualifiedName name, Analysis analysis) {
        List<Identifier> parts = name.parts();
        String written = parts.stream().map(Identifier::value).collect(Collectors.joining("."));
        if (parts.size() != 2) {
            throw new SemanticException(name.location(), "Table '" + written + "' must be named as \"<database>\".\"<table>\"");
        }
        if (!schema.databaseExists(parts.get(0).value())) {
            throw SemanticException.locatedAtEnd(name.location(), "Requested database '" + parts.get(0).value() + "' not found for identifier '" + written + "'");
        }
        if (schema.table(parts.get(0).value(), parts.get(1).value()).isEmpty()) {
            throw new SemanticException(name.location(), "Table '" + written + "' does not exist");
        }
        analysis.recordTable(new TableReference(parts.get(0).value(), parts.get(1).value()));
    }

    /** Result columns: a field's name, or {@code _col<i>} (its 0-based position) when it has none. */
    private static List<OutputColumn> outputColumns(List<Field> fields) {
        List<OutputColumn> columns = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            columns.add(new OutputColumn(fields.get(i).name().orElse("_col" + i), fields.get(i).type()));
        }
        return columns;
    }
}
