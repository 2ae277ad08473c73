package io.tidemark.sql.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.sql.parser.SqlParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class AstVisitorTest {

    private static final SqlParser PARSER = new SqlParser();

    /** Every node of the tree, depth first, through {@link Node#children()}. */
    private static List<Node> allNodes(Node root) {
        List<Node> nodes = new ArrayList<>();
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            nodes.add(node);
            List<Node> children = node.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(children.get(i));
            }
        }
        return nodes;
    }

    @Test
    void visitMethodsFallBackToTheirCategoryThenToVisitNode() {
        AstVisitor<String, Void> categories = new AstVisitor<>() {
            @Override
            public String visitNode(Node node, Void context) {
                return "node";
            }

            @Override
            public String visitExpression(Expression node, Void context) {
                return "expression";
            }

            @Override
            public String visitFunctionCall(FunctionCall node, Void context) {
                return "call " + node.name().parts().get(0).value();
            }
        };
        Statement statement = PARSER.parseStatement("SELECT bin(time, 1h), a + 1 FROM db.t");
        List<String> seen = new ArrayList<>();
        for (Node node : allNodes(statement)) {
            seen.add(node.accept(categories, null));
        }
        assertThat(seen).containsSubsequence("node", "call bin", "expression", "expression", "expression");
        assertThat(seen).doesNotContain((String) null);
    }

    @Test
    void childrenReachEveryIdentifierInSourceOrder() {
        Statement statement = PARSER.parseStatement(
                "SELECT a, f(b) FILTER (WHERE c) OVER (PARTITION BY d ORDER BY e) FROM t WHERE g IN (h)");
        List<String> names = new ArrayList<>();
        for (Node node : allNodes(statement)) {
            if (node instanceof Identifier) {
                names.add(((Identifier) node).value());
            }
        }
        assertThat(names).containsExactly("a", "f", "b", "c", "d", "e", "t", "g", "h");
    }

    @Test
    void nodesAreImmutableValues() {
        List<Expression> arguments = new ArrayList<>();
        arguments.add(new LongLiteral(new SourceLocation(1, 1), 1));
        ArrayConstructor array = new ArrayConstructor(new SourceLocation(1, 1), arguments);
        arguments.clear();
        assertThat(array.values()).hasSize(1);
        assertThatThrownBy(() -> array.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new SourceLocation(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Not(new SourceLocation(1, 1), null)).isInstanceOf(NullPointerException.class);
    }
}
