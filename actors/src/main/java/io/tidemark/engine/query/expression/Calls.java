package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.BoundSignature;
import io.tidemark.engine.query.function.ScalarFunction;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.Identifier;
import io.tidemark.sql.ast.Lambda;
import io.tidemark.sql.ast.Node;
import io.tidemark.sql.ast.Query;
import io.tidemark.sql.function.FunctionKind;
import io.tidemark.sql.function.ResolvedFunction;
import io.tidemark.sql.type.FunctionType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The parts of a compilation that reach beyond one row: function calls (the lazy special forms
 * {@code if}, {@code coalesce}, {@code nullif}, {@code try}, and scalar functions bound through
 * the registry), lambda arguments, and subqueries with their correlation to the enclosing layout.
 */
final class Calls {

    private final ExpressionCompiler compiler;
    private final Compilation compilation;
    private final InputLayout layout;
    private final Analysis analysis;

    Calls(ExpressionCompiler compiler, Compilation compilation, InputLayout layout) {
        this.compiler = compiler;
        this.compilation = compilation;
        this.layout = layout;
        this.analysis = compiler.analysis();
    }

    VectorExpression call(FunctionCall node) {
        String name = node.name().parts().stream().map(Identifier::value).collect(Collectors.joining(".")).toLowerCase(Locale.ROOT);
        ResolvedFunction resolved = analysis.function(node)
                .orElseThrow(() -> ExpressionCompiler.error(node, "Function '" + name + "' was not resolved by the analysis"));
        if (resolved.kind() != FunctionKind.SCALAR) {
            throw ExpressionCompiler.error(node, "cannot compile " + resolved.kind().name().toLowerCase(Locale.ROOT)
                    + " function '" + name + "' here: its value must come from an earlier step of the plan");
        }
        List<SqlType> argumentTypes = resolved.argumentTypes();
        SqlType result = resolved.returnType();
        List<Expression> arguments = node.arguments();
        switch (name) {
            case "if":
                return Conditionals.searched(result,
                        List.of(new Conditionals.Branch(compilation.lazy(arguments.get(0), PrimitiveType.BOOLEAN), compilation.lazy(arguments.get(1), result))),
                        arguments.size() > 2 ? Optional.of(compilation.lazy(arguments.get(2), result)) : Optional.empty());
            case "coalesce": {
                List<VectorExpression> values = new ArrayList<>();
                for (Expression argument : arguments) {
                    values.add(compilation.lazy(argument, result));
                }
                return Conditionals.coalesce(result, values);
            }
            case "nullif":
                return Casts.cast(Conditionals.nullIf(compilation.compile(arguments.get(0), argumentTypes.get(0)),
                        compilation.compile(arguments.get(1), argumentTypes.get(1))), result, false);
            case "try":
                return Conditionals.tryEvaluate(compilation.compile(arguments.get(0), result));
            default:
                return scalar(node, name, resolved);
        }
    }

    private VectorExpression scalar(FunctionCall node, String name, ResolvedFunction resolved) {
        SqlType result = resolved.returnType();
        ScalarFunction function = compiler.functions().bind(new BoundSignature(name, resolved.argumentTypes(), result))
                .orElseThrow(() -> ExpressionCompiler.error(node, "Function '" + name + "' is not implemented"));
        List<VectorExpression> arguments = new ArrayList<>();
        for (int i = 0; i < node.arguments().size(); i++) {
            Expression argument = node.arguments().get(i);
            arguments.add(argument instanceof Lambda lambda ? lambda(lambda) : compilation.compile(argument, resolved.argumentTypes().get(i)));
        }
        return new Evaluator(result, (batch, context) -> {
            Vector[] values = new Vector[arguments.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = arguments.get(i).evaluate(batch, context);
            }
            return function.apply(values, batch.rowCount(), context);
        });
    }

    /**
     * A lambda argument: a FUNCTION vector of {@link LambdaValue}s. The body reads its parameters
     * and, after them, what it captures from the enclosing input: columns, and expressions an
     * earlier step computed (an aggregate inside a lambda after aggregation). A lambda that
     * captures nothing is one shared value; one that captures is bound per row to that row's values.
     */
    VectorExpression lambda(Lambda node) {
        FunctionType type = (FunctionType) analysis.type(node);
        List<Field> parameters = analysis.fields(node);
        Capture capture = new Capture(parameters, lambdaParameters(node));
        capture.scan(node.body());
        VectorExpression body = new Compilation(compiler, capture.bodyLayout()).compile(node.body(), type.returnType());
        if (capture.channels.isEmpty()) {
            return new ConstantExpression(type, new CompiledLambda(body, List.of(), new Object[0]));
        }
        List<SqlType> capturedTypes = List.copyOf(capture.types);
        int[] channels = capture.channels.stream().mapToInt(Integer::intValue).toArray();
        return new Evaluator(type, (batch, context) -> {
            Object[] out = new Object[batch.rowCount()];
            for (int row = 0; row < out.length; row++) {
                Object[] values = new Object[channels.length];
                for (int c = 0; c < channels.length; c++) {
                    values[c] = batch.column(channels[c]).get(row);
                }
                out[row] = new CompiledLambda(body, capturedTypes, values);
            }
            return Vector.ofObjects(type, out, out.length);
        });
    }

    /** The parameters of every lambda in a tree (a computed expression never matches one that reads them). */
    private Map<Field, Boolean> lambdaParameters(Node node) {
        Map<Field, Boolean> found = new IdentityHashMap<>();
        collectLambdaParameters(node, found);
        return found;
    }

    private void collectLambdaParameters(Node node, Map<Field, Boolean> found) {
        if (node instanceof Lambda lambda) {
            analysis.fields(lambda).forEach(field -> found.put(field, true));
        }
        node.children().forEach(child -> collectLambdaParameters(child, found));
    }

    /** What a lambda body captures from the enclosing layout, in the order of its extra channels. */
    private final class Capture {
        private final List<Field> parameters;
        private final Map<Field, Boolean> allLambdaParameters;
        private final List<Field> bodyFields;
        private final List<Integer> channels = new ArrayList<>();
        private final List<SqlType> types = new ArrayList<>();
        private final List<Expression> computed = new ArrayList<>();
        private final List<Integer> computedChannels = new ArrayList<>();
        private final Map<Field, Boolean> seen = new IdentityHashMap<>();
        private final List<Field> outerFields = new ArrayList<>();
        private final List<InputLayout.BoundValue> outerValues = new ArrayList<>();

        Capture(List<Field> parameters, Map<Field, Boolean> allLambdaParameters) {
            this.parameters = parameters;
            this.allLambdaParameters = allLambdaParameters;
            this.bodyFields = new ArrayList<>(parameters);
        }

        void scan(Node node) {
            if (node instanceof Expression expression) {
                if (!readsLambdaParameter(expression)) {
                    int channel = layout.computedChannelOf(expression);
                    if (channel >= 0) {
                        computed.add(expression);
                        computedChannels.add(bodyFields.size());
                        bodyFields.add(null);
                        channels.add(channel);
                        types.add(analysis.type(expression));
                        return;
                    }
                }
                Optional<Field> field = analysis.columnReference(expression);
                if (field.isPresent()) {
                    column(field.get());
                    return;
                }
            }
            node.children().forEach(this::scan);
        }

        private void column(Field field) {
            if (parameters.stream().anyMatch(p -> p == field) || seen.containsKey(field)) {
                return;
            }
            seen.put(field, true);
            int channel = layout.channelOf(field);
            if (channel >= 0) {
                bodyFields.add(field);
                channels.add(channel);
                types.add(field.type());
            } else {
                layout.outerValue(field).ifPresent(value -> {
                    outerFields.add(field);
                    outerValues.add(value);
                });
            }
        }

        private boolean readsLambdaParameter(Node node) {
            if (node instanceof Expression expression) {
                Optional<Field> field = analysis.columnReference(expression);
                if (field.isPresent()) {
                    return allLambdaParameters.containsKey(field.get());
                }
            }
            for (Node child : node.children()) {
                if (readsLambdaParameter(child)) {
                    return true;
                }
            }
            return false;
        }

        InputLayout bodyLayout() {
            InputLayout bodyLayout = InputLayout.of(bodyFields);
            for (int i = 0; i < computed.size(); i++) {
                bodyLayout = bodyLayout.withComputed(computed.get(i), computedChannels.get(i));
            }
            for (int i = 0; i < outerFields.size(); i++) {
                bodyLayout = bodyLayout.withOuter(outerFields.get(i), outerValues.get(i));
            }
            return bodyLayout;
        }
    }

    /** A compiled lambda body with the captured values of one row. */
    private record CompiledLambda(VectorExpression body, List<SqlType> capturedTypes, Object[] capturedValues) implements LambdaValue {
        @Override
        public Vector invoke(Vector[] parameters, int count, EvalContext context) {
            List<Vector> columns = new ArrayList<>(List.of(parameters));
            for (int c = 0; c < capturedValues.length; c++) {
                columns.add(Vector.constant(capturedTypes.get(c), capturedValues[c], count));
            }
            return body.evaluate(new Batch(columns, count), context);
        }
    }

    /**
     * A subquery with its correlation: the outer fields it references (column references inside it
     * the analysis marked as outer) that this layout holds as a channel, a computed channel, or a
     * bound outer value.
     */
    Subqueries subquery(Query query) {
        Map<Field, Boolean> seen = new IdentityHashMap<>();
        List<Field> fields = new ArrayList<>();
        List<VectorExpression> values = new ArrayList<>();
        forEachReference(query, (expression, field) -> {
            if (!analysis.isOuterReference(expression) || seen.containsKey(field)) {
                return;
            }
            int channel = layout.channelOf(field);
            if (channel < 0) {
                channel = layout.computedChannelOf(expression);
            }
            if (channel >= 0) {
                values.add(new ColumnExpression(channel, field.type()));
            } else if (layout.outerValue(field).isPresent()) {
                values.add(compilation.reference(expression, field));
            } else {
                return;
            }
            seen.put(field, true);
            fields.add(field);
        });
        return new Subqueries(query, compiler.subqueries(), layout, new Subqueries.Correlation(fields, values));
    }

    /** Every column reference in a tree, with the field it resolved to. */
    private void forEachReference(Node node, BiConsumer<Expression, Field> action) {
        if (node instanceof Expression expression) {
            Optional<Field> field = analysis.columnReference(expression);
            if (field.isPresent()) {
                action.accept(expression, field.get());
                return;
            }
        }
        for (Node child : node.children()) {
            forEachReference(child, action);
        }
    }
}
