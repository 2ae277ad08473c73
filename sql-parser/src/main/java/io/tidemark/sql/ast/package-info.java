/**
 * The syntax tree: a sealed hierarchy of immutable records under {@link io.tidemark.sql.ast.Node},
 * each with its {@link io.tidemark.sql.ast.SourceLocation}, walked with an
 * {@link io.tidemark.sql.ast.AstVisitor} or generically through {@link io.tidemark.sql.ast.Node#children()}.
 */
package io.tidemark.sql.ast;
