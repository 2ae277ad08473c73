/**
 * The Timestream SQL dialect: lexer, parser, AST and analyzer. Plain Java; knows nothing of actors or storage.
 */
package io.tidemark.sql;
