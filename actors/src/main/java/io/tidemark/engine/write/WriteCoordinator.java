package io.tidemark.engine.write;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.catalog.CatalogService;
import io.tidemark.engine.catalog.SchemaDelta;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.engine.catalog.TableSchema;
import io.tidemark.engine.catalog.TableStatus;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.RowRejection;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.shard.ShardWriteResult;
import io.tidemark.storage.journal.WriteBatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes a write from a client to durable rows: resolves the table, registers new names with the
 * catalog, splits the rows by shard, sends each shard its part, and joins the shards' answers into
 * Timestream's counts and rejections. A shard's part larger than one message to another node may
 * take is sent as several consecutive batches ({@link ShardPartCut}), each journaled and
 * replicated as a write of its own, the next sent once the one before is acknowledged; the client
 * is answered once all are. When one shard or part fails (INTERNAL, THROTTLING) the write fails
 * as a whole although other shards and earlier parts may have made their rows durable: a client
 * retries the same records, and Timestream's rules make that safe (a record written again with
 * the same value and version is accepted without being stored twice). Refuses writes with
 * THROTTLING while the node's memory stores hold more than the budget, so a write burst is pushed
 * back to clients instead of exhausting the heap.
 */
public final class WriteCoordinator {

    private final CatalogService catalog;
    private final ShardGateway shards;
    private final EngineMeters meters;
    private final RecordConverter converter;
    private final Clock clock;
    private final long memoryBudgetBytes;
    private final WriteListener listener;
    private final long maxPartBytes;

    /** @param listener told of every acknowledged write that stored a point */
    public WriteCoordinator(CatalogService catalog, ShardGateway shards, EngineMeters meters,
            RecordConverter converter, Clock clock, long memoryBudgetBytes, WriteListener listener) {
        this(catalog, shards, meters, converter, clock, memoryBudgetBytes, listener, Long.MAX_VALUE);
    }

    /**
     * @param listener told of every acknowledged write that stored a point
     * @param maxPartBytes the most bytes one message to a shard may take ({@link ShardPartCut#maxPartBytes})
     */
    public WriteCoordinator(CatalogService catalog, ShardGateway shards, EngineMeters meters,
            RecordConverter converter, Clock clock, long memoryBudgetBytes, WriteListener listener, long maxPartBytes) {
        this.catalog = catalog;
        this.shards = shards;
        this.meters = meters;
        this.converter = converter;
        this.clock = clock;
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.listener = listener;
        this.maxPartBytes = maxPartBytes;
    }

    /** Timestream's WriteRecords. */
    public CompletionStage<WriteOutcome> writeRecords(WriteRecordsRequest request) {
        return writeRecords(converter.builder(request));
    }

    /** An empty WriteRecords request to feed member by member, with this engine's limits. */
    public WriteRecordsBuilder newWriteRecords() {
        return new WriteRecordsBuilder(converter.limits());
    }

    /** Timestream's WriteRecords, fed to a builder (by a reader streaming it from the wire). */
    public CompletionStage<WriteOutcome> writeRecords(WriteRecordsBuilder request) {
        try {
            TableDescription table = writableTable(request.databaseName(), request.tableName());
            ParsedWrite parsed = request.build();
            return schemaFor(table, parsed.schemaDelta()).thenCompose(schema -> {
                IngestBatch batch = new IngestBatch(table, clock.millis(), parsed.validRecordCount());
                converter.fill(parsed, schema, batch);
                return submit(batch);
            });
        } catch (EngineException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * An empty batch for a table, its windows computed from the clock now, with room for
     * {@code expectedRows} rows (0 when unknown) before it grows.
     */
    public IngestBatch newBatch(String database, String table, int expectedRows) {
        return new IngestBatch(writableTable(database, table), clock.millis(), expectedRows);
    }

    /**
     * Writes a batch the caller filled column by column. Its names must fit the table's schema: a
     * measure or attribute bound to another type fails the whole batch with VALIDATION.
     */
    public CompletionStage<WriteOutcome> write(IngestBatch batch) {
        SchemaDelta delta = batch.schemaDelta();
        return schemaFor(batch.table(), delta).thenCompose(schema -> {
            if (!schema.covers(delta)) {
                throw EngineException.validation("cannot write batch: names conflict with the table's schema (a measure"
                        + " or attribute bound to another type, a dimension named like a measure, a reserved name, or a"
                        + " schema limit reached): table=" + batch.table().tableName() + ", names=" + delta
                        + ", schema=" + schema);
            }
            return submit(batch);
        });
    }

    private TableDescription writableTable(String database, String tableName) {
        TableDescription table = catalog.table(database, tableName).orElseThrow(() -> EngineException.notFound(
                "The table " + tableName + " does not exist in database " + database + "."));
        if (table.status() != TableStatus.ACTIVE) {
            throw EngineException.notFound("The table " + tableName + " in database " + database + " is being deleted.");
        }
        return table;
    }

    private CompletionStage<TableSchema> schemaFor(TableDescription table, SchemaDelta delta) {
        TableSchema known = catalog.schema(table.tableId());
        if (delta.isEmpty() || known.covers(delta)) {
            return CompletableFuture.completedFuture(known);
        }
        return catalog.registerSchema(table.tableId(), delta);
    }

    private CompletionStage<WriteOutcome> submit(IngestBatch batch) {
        long held = meters.memoryStoreBytes();
        if (held > memoryBudgetBytes) {
            throw EngineException.throttling("The memory store is full (" + held + " of " + memoryBudgetBytes
                    + " bytes); retry the write later.");
        }
        List<RejectedRecord> rejected = new ArrayList<>(batch.rejections());
        List<ShardPart> parts = new ArrayList<>();
        List<CompletableFuture<ShardWriteResult>> answers = new ArrayList<>();
        for (ShardPart whole : batch.build()) {
            // a shard's part too large for one message goes as several, each sent once the one before is
            // acknowledged: its rows stay in order, and a failed part stops the rest of the shard's
            CompletableFuture<ShardWriteResult> previous = null;
            for (ShardPart part : ShardPartCut.cut(whole, maxPartBytes)) {
                CompletableFuture<ShardWriteResult> answer = previous == null
                        ? shards.write(part.batch()).toCompletableFuture()
                        : previous.thenCompose(done -> shards.write(part.batch()));
                parts.add(part);
                answers.add(answer);
                previous = answer;
            }
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcome(batch, parts, answers, rejected));
    }

    /** Meters the rows the shards stored and answers the write: their count, and every rejected record. */
    private WriteOutcome outcome(IngestBatch batch, List<ShardPart> parts,
                                 List<CompletableFuture<ShardWriteResult>> answers, List<RejectedRecord> rejected) {
        int memory = 0;
        int magnetic = 0;
        long bytes = 0;
        long points = 0;
        for (int p = 0; p < parts.size(); p++) {
            ShardPart part = parts.get(p);
            WriteBatch rows = part.batch();
            // the whole part a word of rows at a time, less the rows refused (nearly always none)
            int older = part.magneticRows().cardinality();
            magnetic += older;
            memory += rows.rowCount() - older;
            bytes += sum(part.rowBytes());
            for (int c = 0; c < rows.columnCount(); c++) {
                points += rows.column(c).presentCount();
            }
            for (RowRejection refused : answers.get(p).join().rejections()) {
                int row = refused.row();
                rejected.add(rejection(part.recordIndexes()[row], rows.version(row), refused));
                if (part.magneticRows().get(row)) {
                    magnetic--;
                } else {
                    memory--;
                }
                bytes -= part.rowBytes()[row];
                points -= presentValues(rows, row);
            }
        }
        meters.table(batch.table().tableId()).addIngested(bytes, memory + magnetic, points);
        if (memory + magnetic > 0) {
            listener.acknowledged(batch.table(), batch.minTimeNanos(), batch.maxTimeNanos());
        }
        rejected.sort(Comparator.comparingInt(RejectedRecord::recordIndex));
        return new WriteOutcome(RecordsIngested.of(memory, magnetic), rejected);
    }

    /**
     * The sum of {@code values}. A loop of its own: a loop over every row of a part inside
     * {@link #outcome} would make the JIT compile that method, and everything it calls, as soon as
     * a few writes have gone through, although it runs only once per part.
     */
    private static long sum(int[] values) {
        long sum = 0;
        for (int value : values) {
            sum += value;
        }
        return sum;
    }

    /** The measure values a row carries: one per value column present in it. */
    private static int presentValues(WriteBatch batch, int row) {
        int present = 0;
        for (int c = 0; c < batch.columnCount(); c++) {
            if (batch.column(c).isPresent(row)) {
                present++;
            }
        }
        return present;
    }

    private static RejectedRecord rejection(int recordIndex, long version, RowRejection refused) {
        String reason = refused.lowerVersion()
                ? "The record version " + version + " is lower than the existing version " + refused.existingVersion()
                        + ". A higher version is required to update the measure value."
                : "A record already exists with the same time, dimensions, measure name, and record version. A higher"
                        + " record version must be specified in order to update the measure value.";
        return new RejectedRecord(recordIndex, reason, refused.existingVersion());
    }
}
