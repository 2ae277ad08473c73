package io.tidemark.sql.parser;

import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FrameBound;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.ast.SourceLocation;
import io.tidemark.sql.ast.Window;
import io.tidemark.sql.ast.WindowFrame;
import io.tidemark.sql.lexer.TokenType;
import java.util.List;
import java.util.Optional;

/**
 * The {@code OVER (...)} of a window function:
 * {@code ([PARTITION BY e, ...] [ORDER BY k, ...] [ROWS|RANGE frame])}, where the frame is one
 * bound or {@code BETWEEN bound AND bound}, and a bound is {@code UNBOUNDED PRECEDING|FOLLOWING},
 * {@code CURRENT ROW} or {@code offset PRECEDING|FOLLOWING}.
 */
final class WindowParser {

    private final TokenStream tokens;
    private final ExpressionParser expressions;

    WindowParser(TokenStream tokens, ExpressionParser expressions) {
        this.tokens = tokens;
        this.expressions = expressions;
    }

    Window parseWindow() {
        SourceLocation location = tokens.location();
        tokens.expect(TokenType.LPAREN);
        List<Expression> partitionBy = List.of();
        if (tokens.acceptKeyword("PARTITION")) {
            tokens.expectKeyword("BY");
            partitionBy = expressions.parseExpressionList();
        }
        List<SortItem> orderBy = List.of();
        if (tokens.acceptKeyword("ORDER")) {
            tokens.expectKeyword("BY");
            orderBy = expressions.parseSortItems();
        }
        Optional<WindowFrame> frame = Optional.empty();
        SourceLocation frameLocation = tokens.location();
        if (tokens.acceptKeyword("ROWS")) {
            frame = Optional.of(parseFrame(frameLocation, WindowFrame.Type.ROWS));
        } else if (tokens.acceptKeyword("RANGE")) {
            frame = Optional.of(parseFrame(frameLocation, WindowFrame.Type.RANGE));
        }
        tokens.expect(TokenType.RPAREN);
        return new Window(location, partitionBy, orderBy, frame);
    }

    private WindowFrame parseFrame(SourceLocation location, WindowFrame.Type type) {
        if (!tokens.acceptKeyword("BETWEEN")) {
            return new WindowFrame(location, type, parseBound(), Optional.empty());
        }
        FrameBound start = parseBound();
        tokens.expectKeyword("AND");
        return new WindowFrame(location, type, start, Optional.of(parseBound()));
    }

    private FrameBound parseBound() {
        SourceLocation location = tokens.location();
        if (tokens.acceptKeyword("UNBOUNDED")) {
            if (tokens.acceptKeyword("PRECEDING")) {
                return new FrameBound(location, FrameBound.Type.UNBOUNDED_PRECEDING, Optional.empty());
            }
            tokens.expectKeyword("FOLLOWING");
            return new FrameBound(location, FrameBound.Type.UNBOUNDED_FOLLOWING, Optional.empty());
        }
        if (tokens.acceptKeyword("CURRENT")) {
            tokens.expectKeyword("ROW");
            return new FrameBound(location, FrameBound.Type.CURRENT_ROW, Optional.empty());
        }
        Expression offset = expressions.parseValue();
        if (tokens.acceptKeyword("PRECEDING")) {
            return new FrameBound(location, FrameBound.Type.PRECEDING, Optional.of(offset));
        }
        tokens.expectKeyword("FOLLOWING");
        return new FrameBound(location, FrameBound.Type.FOLLOWING, Optional.of(offset));
    }
}
