/**
 * Tokens with positions: {@link io.tidemark.sql.lexer.Lexer} splits SQL text into
 * {@link io.tidemark.sql.lexer.Token}s; {@link io.tidemark.sql.lexer.Keywords} knows the reserved words.
 */
package io.tidemark.sql.lexer;
