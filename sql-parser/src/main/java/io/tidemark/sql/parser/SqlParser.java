package io.tidemark.sql.parser;

import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Statement;
import io.tidemark.sql.lexer.Lexer;
import io.tidemark.sql.lexer.TokenType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The parser's entry points: one method per thing that can be parsed. Each call runs the same
 * pipeline: tokenize ({@link Lexer}), parse by recursive descent, require the end of the input
 * (one trailing {@code ;} is allowed after a statement), then reject trees nested deeper than
 * {@link #MAX_TREE_DEPTH} (long operator chains such as {@code a + b + c ...} nest without
 * recursion in the parser, but later stages walk the tree recursively).
 *
 * <p>Every syntax error is a {@link ParseException} with a line and column. Stateless and
 * thread-safe. The accepted grammar is described in {@code docs/sql-grammar.md}.
 */
public final class SqlParser {

    /** The deepest syntax tree accepted. */
    public static final int MAX_TREE_DEPTH = 1_000;

    /** Parses one statement: a query, EXPLAIN, SHOW, DESCRIBE or UNLOAD. */
    public Statement parseStatement(String sql) {
        return parse(sql, StatementParser::parseStatement);
    }

    /** Parses one expression, e.g. {@code bin(time, 15m)}. */
    public Expression parseExpression(String sql) {
        return parse(sql, statements -> statements.expressions().parseExpression());
    }

    private static <T extends Node> T parse(String sql, Function<StatementParser, T> production) {
        TokenStream tokens = new TokenStream(Lexer.tokenize(sql));
        T node;
        try {
            node = production.apply(new StatementParser(tokens));
        } catch (StackOverflowError e) {
            throw new ParseException(1, 1, "statement is too large: the parser ran out of stack");
        }
        if (node instanceof Statement) {
            tokens.accept(TokenType.SEMICOLON);
        }
        if (!tokens.at(TokenType.EOF)) {
            throw tokens.unexpected();
        }
        checkDepth(node);
        return node;
    }

    /** Walks the tree without recursion and rejects it if any path is deeper than {@link #MAX_TREE_DEPTH}. */
    private static void checkDepth(Node root) {
        Deque<Node> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int depth = depths.pop();
            if (depth > MAX_TREE_DEPTH) {
                throw new ParseException(node.location().line(), node.location().column(),
                        "statement is too large: its syntax tree is nested more than " + MAX_TREE_DEPTH
                                + " levels deep (break long operator chains or nesting into smaller parts)");
            }
            List<Node> children = node.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                // pushed last to first, so the walk goes left to right and reports the leftmost offender
                nodes.push(children.get(i));
                depths.push(depth + 1);
            }
        }
    }
}
