package io.tidemark.engine.query.function;

/** A family of scalar function implementations (time, string, math …) that registers its binders. */
public interface FunctionGroup {

    void register(ScalarFunctionRegistry.Builder registry);
}
