package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.InputLayout;
import io.tidemark.sql.analyzer.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * The enclosing query's values a correlated subquery is planned for: every layout built inside it
 * binds them, so its references to the outer query compile to constants.
 */
record Bindings(List<Field> fields, List<InputLayout.BoundValue> values) {

    static final Bindings NONE = new Bindings(List.of(), List.of());

    Bindings {
        fields = List.copyOf(fields);
        values = List.copyOf(values);
    }

    InputLayout bind(InputLayout layout) {
        InputLayout bound = layout;
        for (int i = 0; i < fields.size(); i++) {
            bound = bound.withOuter(fields.get(i), values.get(i));
        }
        return bound;
    }

    /** The bound values, boxed, as a cache key (fields compare by identity and are fixed per subquery). */
    List<Object> key() {
        List<Object> key = new ArrayList<>();
        for (InputLayout.BoundValue value : values) {
            key.add(value.value());
        }
        return key;
    }
}
