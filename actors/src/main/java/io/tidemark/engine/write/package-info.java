/**
 * The write path up to the shards: WriteRecords as the wire delivers it
 * ({@link io.tidemark.engine.write.WriteRecordsRequest}), validated and converted by
 * {@link io.tidemark.engine.write.RecordConverter} into the per-shard columnar batches of an
 * {@link io.tidemark.engine.write.IngestBatch}, and the outcome Timestream answers with (records
 * ingested, rejected records with their reasons).
 */
package io.tidemark.engine.write;
