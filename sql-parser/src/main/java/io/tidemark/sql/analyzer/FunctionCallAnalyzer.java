package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FrameBound;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.Parameter;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.ast.Window;
import io.tidemark.sql.ast.WindowFrame;
import io.tidemark.sql.function.ArgumentType;
import io.tidemark.sql.function.FunctionCatalog;
import io.tidemark.sql.function.FunctionKind;
import io.tidemark.sql.function.ResolvedFunction;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TypeCoercion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Types function calls: resolves the overload (lambdas typed from the chosen overload's parameter
 * types), then applies the call-site rules: OVER only on aggregate and window functions, window
 * functions only with OVER, DISTINCT, FILTER and ORDER BY only on aggregates, IGNORE/RESPECT NULLS
 * only on value window functions, no aggregate nested in an
 * aggregate, no window call nested in a window call, and window frames that fit their ORDER BY.
 */
final class FunctionCallAnalyzer {

    /** The window functions IGNORE NULLS and RESPECT NULLS apply to. */
    private static final Set<String> VALUE_WINDOW_FUNCTIONS = Set.of("first_value", "last_value", "nth_value", "lag", "lead");

    private final ExpressionAnalyzer expressions;
    private final Analysis analysis;
    private final FunctionCatalog functions;

    FunctionCallAnalyzer(ExpressionAnalyzer expressions, Analysis analysis, FunctionCatalog functions) {
        this.expressions = expressions;
        this.analysis = analysis;
        this.functions = functions;
    }

    SqlType analyze(FunctionCall node, Scope scope) {
        List<Identifier> parts = node.name().parts();
        String name = parts.stream().map(Identifier::value).collect(Collectors.joining(".")).toLowerCase(Locale.ROOT);
        if (parts.size() != 1 || functions.overloads(name).isEmpty()) {
            throw new SemanticException(node.location(), "Function '" + name + "' not registered");
        }
        List<ArgumentType> arguments = new ArrayList<>();
        for (Expression argument : node.arguments()) {
            if (argument instanceof Lambda lambda) {
                arguments.add(new ArgumentType.Lambda(lambda.parameters().size(), types -> typeLambdaBody(lambda, types, scope)));
            } else {
                arguments.add(new ArgumentType.Value(expressions.analyze(argument, scope)));
            }
        }
        ResolvedFunction function = functions.resolve(name, arguments)
                .orElseThrow(() -> new SemanticException(node.location(), functions.mismatchMessage(name, arguments)));
        analysis.recordFunction(node, function);
        for (int i = 0; i < node.arguments().size(); i++) {
            if (node.arguments().get(i) instanceof Lambda lambda) {
                analysis.recordType(lambda, function.argumentTypes().get(i));
            } else if (node.arguments().get(i) instanceof Parameter parameter) {
                // a parameter takes the type the chosen overload declares for it (bin(time, @p): interval)
                analysis.recordType(parameter, function.argumentTypes().get(i));
            }
        }
        checkCallSite(node, name, function.kind(), scope);
        return function.returnType();
    }

    /** Types an operator spelled as a function ({@code a || b} is {@code concat(a, b)}). */
    SqlType resolveOperator(Node node, String name, List<ArgumentType> arguments) {
        return functions.resolve(name, arguments)
                .orElseThrow(() -> new SemanticException(node.location(), functions.mismatchMessage(name, arguments)))
                .returnType();
    }

    private SqlType typeLambdaBody(Lambda lambda, List<SqlType> parameterTypes, Scope scope) {
        List<Field> parameters = new ArrayList<>();
        for (int i = 0; i < lambda.parameters().size(); i++) {
            parameters.add(new Field(List.of(), Optional.of(lambda.parameters().get(i).value()), parameterTypes.get(i), Optional.empty()));
        }
        analysis.recordFields(lambda, parameters);
        return expressions.analyze(lambda.body(), scope.nested(parameters));
    }

    private void checkCallSite(FunctionCall node, String name, FunctionKind kind, Scope scope) {
        if (node.window().isPresent() && kind == FunctionKind.SCALAR) {
            throw new SemanticException(node.location(), "Not a window function: " + name);
        }
        if (node.window().isEmpty() && kind == FunctionKind.WINDOW) {
            throw new SemanticException(node.location(), "Window function " + name + " requires an OVER clause");
        }
        if (node.distinct() && kind != FunctionKind.AGGREGATE) {
            throw new SemanticException(node.location(), "DISTINCT is not supported for non-aggregation functions: " + name);
        }
        if (node.filter().isPresent()) {
            if (kind != FunctionKind.AGGREGATE) {
                throw new SemanticException(node.location(), "Filter is only valid for aggregation functions: " + name);
            }
            expressions.analyzeCondition(node.filter().get(), scope, "Filter expression");
        }
        if (!node.orderBy().isEmpty()) {
            if (kind != FunctionKind.AGGREGATE || node.window().isPresent()) {
                throw new SemanticException(node.location(), "ORDER BY is only valid for aggregation functions without OVER: " + name);
            }
            for (SortItem item : node.orderBy()) {
                SqlType type = expressions.analyze(item.key(), scope);
                if (!type.isOrderable()) {
                    throw new SemanticException(item.location(), "Type " + type.displayName() + " is not orderable, and therefore cannot be used in ORDER BY of aggregation '" + name + "'");
                }
            }
        }
        if (node.nullTreatment().isPresent() && !VALUE_WINDOW_FUNCTIONS.contains(name)) {
            throw new SemanticException(node.location(), "Cannot specify null treatment clause for non-value window function: " + name);
        }
        if (node.window().isPresent()) {
            Window window = node.window().get();
            analyzeWindow(window, scope);
            List<Node> inside = new ArrayList<>(node.arguments());
            inside.addAll(window.partitionBy());
            window.orderBy().forEach(item -> inside.add(item.key()));
            List<FunctionCall> nested = Aggregates.aggregatesAndWindows(analysis, inside).stream()
                    .filter(call -> call.window().isPresent()).toList();
            if (!nested.isEmpty()) {
                throw new SemanticException(nested.get(0).location(), "Cannot nest window functions inside window function '" + name + "': " + Aggregates.list(nested));
            }
        } else if (kind == FunctionKind.AGGREGATE) {
            List<Node> inside = new ArrayList<>(node.arguments());
            node.orderBy().forEach(item -> inside.add(item.key()));
            List<FunctionCall> nested = Aggregates.aggregatesAndWindows(analysis, inside);
            if (!nested.isEmpty()) {
                throw new SemanticException(nested.get(0).location(), "Cannot nest aggregations inside aggregation '" + name + "': " + Aggregates.list(nested));
            }
        }
    }

    private void analyzeWindow(Window window, Scope scope) {
        for (Expression partition : window.partitionBy()) {
            SqlType type = expressions.analyze(partition, scope);
            if (!type.isComparable()) {
                throw new SemanticException(partition.location(), "Type " + type.displayName() + " is not comparable and therefore cannot be used in window function PARTITION BY");
            }
        }
        for (SortItem item : window.orderBy()) {
            SqlType type = expressions.analyze(item.key(), scope);
            if (!type.isOrderable()) {
                throw new SemanticException(item.location(), "Type " + type.displayName() + " is not orderable, and therefore cannot be used in window function ORDER BY");
            }
        }
        if (window.frame().isPresent()) {
            WindowFrame frame = window.frame().get();
            checkBound(frame, frame.start(), window, scope);
            frame.end().ifPresent(end -> checkBound(frame, end, window, scope));
        }
    }

    private void checkBound(WindowFrame frame, FrameBound bound, Window window, Scope scope) {
        if (bound.offset().isEmpty()) {
            return;
        }
        Expression offset = bound.offset().get();
        SqlType type = expressions.analyze(offset, scope);
        if (frame.type() == WindowFrame.Type.ROWS) {
            if (!TypeCoercion.canCoerce(type, PrimitiveType.BIGINT)) {
                throw new SemanticException(offset.location(), "Window frame ROWS offset must be an integer (actual: " + type.displayName() + ")");
            }
            return;
        }
        if (window.orderBy().size() != 1) {
            throw new SemanticException(frame.location(), "Window frame of type RANGE PRECEDING or FOLLOWING requires single sort item in ORDER BY (actual: "
                    + window.orderBy().size() + ")");
        }
        SqlType key = analysis.type(window.orderBy().get(0).key());
        boolean offsetNumeric = type == PrimitiveType.UNKNOWN || (type instanceof PrimitiveType t && t.isNumeric());
        boolean offsetInterval = type == PrimitiveType.UNKNOWN || (type instanceof PrimitiveType t && t.isInterval());
        boolean fits = key instanceof PrimitiveType k
                && (k.isNumeric() ? offsetNumeric : (k == PrimitiveType.TIMESTAMP || k == PrimitiveType.DATE) && offsetInterval);
        if (!fits) {
            throw new SemanticException(offset.location(), "Window frame RANGE offset of type " + type.displayName()
                    + " does not fit ORDER BY key of type " + key.displayName());
        }
    }
}
