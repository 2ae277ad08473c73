package io.tidemark.engine.query.expression;

import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.analyzer.TreeEquality;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the channels of a batch hold, for compiling expressions over it: analyzer {@link Field}s
 * (a column reference resolves to its field by identity), expressions already computed by an
 * earlier step (an aggregate, a window function, a GROUP BY key, a subquery's value: matched by
 * syntax, so {@code bin(time, 1h)} in the select list finds the grouped {@code BIN(time, 1h)}),
 * and outer fields bound to one value each (a correlated subquery run for one outer row).
 */
public final class InputLayout {

    /** A correlated reference's value for this execution. */
    public record BoundValue(SqlType type, Object value) {
    }

    private final List<Field> fields;
    private final List<Expression> computed;
    private final List<Integer> computedChannels;
    private final Map<Field, BoundValue> outer;

    private InputLayout(List<Field> fields, List<Expression> computed, List<Integer> computedChannels, Map<Field, BoundValue> outer) {
        this.fields = fields;
        this.computed = computed;
        this.computedChannels = computedChannels;
        this.outer = outer;
    }

    /** Channel {@code i} holds {@code fields.get(i)} (a null entry: a channel no reference names). */
    public static InputLayout of(List<Field> fields) {
        return new InputLayout(new ArrayList<>(fields), List.of(), List.of(), new IdentityHashMap<>());
    }

    /** A copy where {@code expression} (and any expression with the same syntax) reads {@code channel}. */
    public InputLayout withComputed(Expression expression, int channel) {
        List<Expression> expressions = new ArrayList<>(computed);
        List<Integer> channels = new ArrayList<>(computedChannels);
        expressions.add(expression);
        channels.add(channel);
        return new InputLayout(fields, expressions, channels, outer);
    }

    /** A copy where references to {@code field} read the constant {@code value}. */
    public InputLayout withOuter(Field field, BoundValue value) {
        Map<Field, BoundValue> bound = new IdentityHashMap<>(outer);
        bound.put(field, value);
        return new InputLayout(fields, computed, computedChannels, bound);
    }

    public List<Field> fields() {
        return fields;
    }

    /** The channel of a field, or -1. */
    public int channelOf(Field field) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i) == field) {
                return i;
            }
        }
        return -1;
    }

    /** The channel an earlier step computed {@code expression} into, or -1. */
    public int computedChannelOf(Expression expression) {
        for (int i = 0; i < computed.size(); i++) {
            if (computed.get(i) == expression) {
                return computedChannels.get(i);
            }
        }
        for (int i = 0; i < computed.size(); i++) {
            if (TreeEquality.same(computed.get(i), expression)) {
                return computedChannels.get(i);
            }
        }
        return -1;
    }

    public Optional<BoundValue> outerValue(Field field) {
        return Optional.ofNullable(outer.get(field));
    }
}
