/** Printing a syntax tree back to SQL: {@link io.tidemark.sql.format.SqlFormatter}. */
package io.tidemark.sql.format;
