/**
 * The recursive-descent parser of the Timestream dialect. {@link io.tidemark.sql.parser.SqlParser}
 * is the only entry point; every syntax error is a {@link io.tidemark.sql.parser.ParseException}
 * rendering as {@code line L:C: message}.
 */
package io.tidemark.sql.parser;
