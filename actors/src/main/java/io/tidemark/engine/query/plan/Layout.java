package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.InputLayout;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.ast.Expression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What each channel of a plan node's output holds while planning: the analyzer field it carries
 * (null for a channel no column reference names) and the expressions already computed into
 * channels (group keys, aggregates, window calls). Turned into an {@link InputLayout} to compile
 * expressions over the node's output.
 */
record Layout(List<Field> fields, List<Computed> computed) {

    /** {@code expression} (or the same syntax) is already in {@code channel}. */
    record Computed(Expression expression, int channel) {
    }

    Layout {
        fields = Collections.unmodifiableList(new ArrayList<>(fields));
        computed = List.copyOf(computed);
    }

    static Layout of(List<Field> fields) {
        return new Layout(fields, List.of());
    }

    /** {@code count} channels no reference names. */
    static Layout anonymous(int count) {
        return new Layout(Collections.nCopies(count, null), List.of());
    }

    int size() {
        return fields.size();
    }

    /** This layout followed by {@code more}'s channels (its computed channels shifted after ours). */
    Layout append(Layout more) {
        List<Field> all = new ArrayList<>(fields);
        all.addAll(more.fields);
        List<Computed> expressions = new ArrayList<>(computed);
        for (Computed c : more.computed) {
            expressions.add(new Computed(c.expression(), c.channel() + fields.size()));
        }
        return new Layout(all, expressions);
    }

    Layout withComputed(Expression expression, int channel) {
        List<Computed> expressions = new ArrayList<>(computed);
        expressions.add(new Computed(expression, channel));
        return new Layout(fields, expressions);
    }

    /** The channel of {@code field} (by identity), or -1. */
    int channelOf(Field field) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i) == field) {
                return i;
            }
        }
        return -1;
    }

    InputLayout toInput(Bindings bindings) {
        InputLayout layout = bindings.bind(InputLayout.of(fields));
        for (Computed c : computed) {
            layout = layout.withComputed(c.expression(), c.channel());
        }
        return layout;
    }
}
