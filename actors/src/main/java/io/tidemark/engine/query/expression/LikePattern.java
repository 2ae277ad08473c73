package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import java.util.Map;
import java.util.HashMap;
import java.util.regex.Pattern;

/**
 * {@code value [NOT] LIKE pattern [ESCAPE c]}: {@code %} matches any sequence, {@code _} one
 * character, the escape character makes the next {@code %}, {@code _} or itself literal. A
 * constant pattern is translated once at compile time; a pattern that varies by row is translated
 * per distinct pattern within a batch.
 */
final class LikePattern {

    private LikePattern() {
    }

    static VectorExpression like(VectorExpression value, VectorExpression pattern, VectorExpression escape, boolean negated) {
        if (pattern instanceof ConstantExpression p && (escape == null || escape instanceof ConstantExpression)) {
            if (p.isNull() || (escape != null && ((ConstantExpression) escape).isNull())) {
                return new ConstantExpression(PrimitiveType.BOOLEAN, null);
            }
            Pattern compiled = compile((String) p.value(), escape == null ? null : (String) ((ConstantExpression) escape).value());
            return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> {
                Vector in = value.evaluate(batch, context);
                int rows = batch.rowCount();
                boolean[] out = new boolean[rows];
                for (int i = 0; i < rows; i++) {
                    if (!in.isNull(i)) {
                        out[i] = compiled.matcher((String) in.getObject(i)).matches() != negated;
                    }
                }
                return Vector.ofBooleans(PrimitiveType.BOOLEAN, out, NullMasks.of(in), rows);
            });
        }
        java.util.List<VectorExpression> operands = escape == null ? java.util.List.of(value, pattern) : java.util.List.of(value, pattern, escape);
        return new Evaluator(PrimitiveType.BOOLEAN, (batch, context) -> {
            Map<String, Pattern> patterns = new HashMap<>();
            return Structures.rowWise(PrimitiveType.BOOLEAN, operands, values -> {
                String escapeText = values.length > 2 ? (String) values[2] : null;
                Pattern compiled = patterns.computeIfAbsent(values[1] + "\u0000" + escapeText, k -> compile((String) values[1], escapeText));
                return compiled.matcher((String) values[0]).matches() != negated;
            }).evaluate(batch, context);
        });
    }

    static Pattern compile(String pattern, String escape) {
        if (escape != null && escape.length() != 1) {
            throw new QueryFunctionException("Escape string must be a single character");
        }
        char escapeChar = escape == null ? 0 : escape.charAt(0);
        StringBuilder regex = new StringBuilder(pattern.length() * 2);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escapeChar) {
                if (i + 1 == pattern.length()) {
                    throw new QueryFunctionException("Escape character must be followed by '%', '_' or the escape character itself");
                }
                char next = pattern.charAt(++i);
                if (next != '%' && next != '_' && next != escapeChar) {
                    throw new QueryFunctionException("Escape character must be followed by '%', '_' or the escape character itself");
                }
                literal.append(next);
            } else if (c == '%' || c == '_') {
                flush(regex, literal);
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        flush(regex, literal);
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static void flush(StringBuilder regex, StringBuilder literal) {
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }
}
