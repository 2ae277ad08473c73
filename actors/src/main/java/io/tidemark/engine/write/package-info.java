/**
 * The write path up to the shards: WriteRecords as the wire delivers it, fed member by member to
 * a {@link io.tidemark.engine.write.WriteRecordsBuilder} (by a streaming reader of the wire body,
 * or by {@link io.tidemark.engine.write.RecordConverter} from the object form
 * {@link io.tidemark.engine.write.WriteRecordsRequest}), which applies Timestream's rules once for
 * both; then converted into the per-shard columnar batches of an
 * {@link io.tidemark.engine.write.IngestBatch}, and the outcome Timestream answers with (records
 * ingested, rejected records with their reasons).
 */
package io.tidemark.engine.write;
