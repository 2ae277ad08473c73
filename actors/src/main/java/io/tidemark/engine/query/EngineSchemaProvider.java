package io.tidemark.engine.query;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.catalog.CatalogService;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableSchema;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.sql.analyzer.CatalogTable;
import io.tidemark.sql.analyzer.SchemaProvider;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.storage.model.MeasureType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The analyzer's view of the catalog: ACTIVE tables from the catalog's local view, their columns
 * from the table's schema on write. Dimensions are listed by name, then {@code measure_name} and
 * {@code time}, the single-measure value columns of the types single-measure records have used,
 * and the multi-measure attributes by name. Runs on the query's (blocking) thread: asking the
 * catalog whether a database without tables exists waits for its answer.
 *
 * <p>A table's columns are built once per schema: the catalog's local view keeps a table's
 * {@link TableSchema} instance until the schema changes, so a table looked up again with the same
 * instance reuses the columns built before (every query reads its tables, and building sorts the
 * dimensions and attributes).
 */
public final class EngineSchemaProvider implements SchemaProvider {

    /** Tables past which the cache of built columns starts over (it only holds tables queried lately). */
    private static final int MAX_CACHED_TABLES = 4096;

    private final CatalogService catalog;
    private final Duration askTimeout;
    /** Table id → its columns, built from the schema instance they hold. */
    private final Map<String, BuiltTable> built = new ConcurrentHashMap<>();

    private record BuiltTable(TableSchema schema, CatalogTable table) {
    }

    /**
     * A table as an analysis resolved it: the catalog's table id and the schema its columns were
     * built from. Equal versions give equal columns, so a statement analyzed against them may be
     * reused while every table it read still has the same version.
     */
    public record TableVersion(String tableId, TableSchema schema) {

        /** True when {@code other} is the same table with the same schema (the same instance, or equal). */
        boolean sameAs(TableVersion other) {
            return tableId.equals(other.tableId) && (schema == other.schema || schema.equals(other.schema));
        }
    }

    /** An ACTIVE table's version and columns. */
    record ResolvedTable(TableVersion version, CatalogTable columns) {
    }

    public EngineSchemaProvider(CatalogService catalog, Duration askTimeout) {
        this.catalog = catalog;
        this.askTimeout = askTimeout;
    }

    @Override
    public boolean databaseExists(String database) {
        for (TableDescription table : catalog.tables()) {
            if (table.databaseName().equals(database) && table.status() == TableStatus.ACTIVE) {
                return true;
            }
        }
        try {
            catalog.describeDatabase(database).toCompletableFuture().get(askTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof EngineException ee && ee.kind() == ErrorKind.NOT_FOUND) {
                return false;
            }
            throw EngineException.internal("cannot look up database: name=" + database + ", cause=" + cause, cause);
        } catch (TimeoutException e) {
            throw EngineException.internal("cannot look up database: the catalog did not answer, name=" + database, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.internal("cannot look up database: interrupted, name=" + database, e);
        }
    }

    @Override
    public Optional<CatalogTable> table(String database, String table) {
        return resolve(database, table).map(ResolvedTable::columns);
    }

    /** The ACTIVE table's version and columns, or empty when the database has no such ACTIVE table. */
    Optional<ResolvedTable> resolve(String database, String table) {
        return version(database, table).map(version -> new ResolvedTable(version,
                columns(version.tableId(), version.schema(), database, table)));
    }

    /** The ACTIVE table's current version, or empty when the database has no such ACTIVE table. */
    Optional<TableVersion> version(String database, String table) {
        Optional<TableDescription> found = catalog.table(database, table);
        if (found.isEmpty() || found.get().status() != TableStatus.ACTIVE) {
            return Optional.empty();
        }
        String tableId = found.get().tableId();
        return Optional.of(new TableVersion(tableId, catalog.schema(tableId)));
    }

    private CatalogTable columns(String tableId, TableSchema schema, String database, String table) {
        BuiltTable cached = built.get(tableId);
        if (cached != null && cached.schema() == schema && cached.table().database().equals(database)
                && cached.table().table().equals(table)) {
            return cached.table();
        }
        CatalogTable columns = catalogTable(database, table, schema);
        if (built.size() >= MAX_CACHED_TABLES) {
            built.clear();
        }
        built.put(tableId, new BuiltTable(schema, columns));
        return columns;
    }

    /** The columns of a table with {@code schema}, as the class comment orders them. */
    static CatalogTable catalogTable(String database, String table, TableSchema schema) {
        List<String> dimensions = new ArrayList<>(schema.dimensions());
        dimensions.sort(null);
        List<PrimitiveType> valueTypes = new ArrayList<>();
        for (MeasureType type : schema.measures().values()) {
            PrimitiveType sql = sqlType(type);
            if (sql != null && !valueTypes.contains(sql)) {
                valueTypes.add(sql);
            }
        }
        Map<String, PrimitiveType> attributes = new LinkedHashMap<>();
        new TreeMap<>(schema.attributes()).forEach((name, type) -> attributes.put(name, sqlType(type)));
        return CatalogTable.of(database, table, dimensions, valueTypes, attributes);
    }

    /** The SQL type of a stored value type; null for MULTI, which is no column's type. */
    public static PrimitiveType sqlType(MeasureType type) {
        switch (type) {
            case DOUBLE:
                return PrimitiveType.DOUBLE;
            case BIGINT:
                return PrimitiveType.BIGINT;
            case VARCHAR:
                return PrimitiveType.VARCHAR;
            case BOOLEAN:
                return PrimitiveType.BOOLEAN;
            case TIMESTAMP:
                return PrimitiveType.TIMESTAMP;
            default:
                return null;
        }
    }
}
