package io.tidemark.sql.function;

import io.tidemark.sql.type.SqlType;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** What overload resolution knows about one call argument: a typed value, or a lambda typed on demand. */
public sealed interface ArgumentType {

    /** An argument whose type is already known. */
    record Value(SqlType type) implements ArgumentType {
        public Value {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String toString() {
            return type.displayName();
        }
    }

    /**
     * A lambda with {@code arity} parameters. {@code bodyTyper} types the body once the parameter
     * types are known, and is called only for the chosen overload.
     */
    record Lambda(int arity, Function<List<SqlType>, SqlType> bodyTyper) implements ArgumentType {
        public Lambda {
            Objects.requireNonNull(bodyTyper, "bodyTyper");
        }

        @Override
        public String toString() {
            return "function";
        }
    }
}
