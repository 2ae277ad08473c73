/**
 * The thin HTTP adapter of a Tidemark node: {@code server} (bootstrap, settings, health),
 * {@code wire} (the Timestream wire API front door and one operations class per resource),
 * {@code auth} (SigV4 verification) and {@code launcher} ({@code ./tidemark serve},
 * {@code ./tidemark sql}). It parses, authorizes and asks the engine; Timestream's rules live in
 * the engine.
 */
package io.tidemark.http;
