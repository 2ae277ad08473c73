/**
 * The engine: catalog, series-shard entities, tier migration, retention, query planning and execution. Owns all behaviour; depends on persistence and sql-parser.
 */
package io.tidemark.engine;
