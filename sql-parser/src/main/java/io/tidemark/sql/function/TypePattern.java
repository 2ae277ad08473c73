package io.tidemark.sql.function;

import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parameter or return type of a {@link Signature}: a concrete type, a type variable
 * ({@code T}, bound per call), or a parametric type over patterns ({@code array(T)},
 * {@code function(S, T, S)}, {@code timeseries(T)}, ...).
 */
public sealed interface TypePattern {

    /** A fixed type such as {@code bigint}. */
    record Concrete(SqlType type) implements TypePattern {
        @Override
        public String toString() {
            return type.displayName();
        }
    }

    /** A type variable, written as one capital letter. */
    record Variable(String name) implements TypePattern {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code array(p)}. */
    record Array(TypePattern element) implements TypePattern {
        @Override
        public String toString() {
            return "array(" + element + ")";
        }
    }

    /** {@code map(k, v)}. */
    record Map(TypePattern key, TypePattern value) implements TypePattern {
        @Override
        public String toString() {
            return "map(" + key + ", " + value + ")";
        }
    }

    /** {@code timeseries(p)}. */
    record TimeSeries(TypePattern value) implements TypePattern {
        @Override
        public String toString() {
            return "timeseries(" + value + ")";
        }
    }

    /** {@code row(name p, ...)}; a field name may be absent. */
    record Row(List<Optional<String>> names, List<TypePattern> fields) implements TypePattern {
        public Row {
            names = List.copyOf(names);
            fields = List.copyOf(fields);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("row(");
            for (int i = 0; i < fields.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(names.get(i).map(n -> n + " ").orElse("")).append(fields.get(i));
            }
            return text.append(')').toString();
        }
    }

    /** {@code function(a, ..., r)}: a lambda argument with its parameter patterns and result pattern. */
    record Function(List<TypePattern> parameters, TypePattern result) implements TypePattern {
        public Function {
            parameters = List.copyOf(parameters);
        }

        @Override
        public String toString() {
            return parameters.stream().map(Object::toString)
                    .collect(Collectors.joining(", ", "function(", (parameters.isEmpty() ? "" : ", ") + result + ")"));
        }
    }
}
