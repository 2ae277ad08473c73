package io.tidemark.engine.query.plan;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.engine.query.window.WindowSpec;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.FunctionCall;
import io.tidemark.sql.ast.SortItem;
import io.tidemark.sql.ast.Window;
import io.tidemark.sql.function.ResolvedFunction;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The window step: projects every window call's arguments, PARTITION BY and ORDER BY expressions
 * after the input's channels, runs the window operator, and records each call's result channel.
 */
final class WindowPlan {

    private WindowPlan() {
    }

    static RelationPlan plan(PlanBuilder builder, RelationPlan input, List<FunctionCall> windows) {
        Analysis analysis = builder.analysis();
        List<SqlType> inputTypes = input.node().outputTypes();
        List<VectorExpression> projection = PlanBuilder.passThrough(inputTypes);
        List<String> texts = PlanBuilder.texts(inputTypes.size());
        List<WindowSpec> specs = new ArrayList<>();
        List<String> callTexts = new ArrayList<>();
        for (FunctionCall call : windows) {
            ResolvedFunction resolved = analysis.function(call).orElseThrow();
            Window window = call.window().orElseThrow();
            List<Integer> arguments = new ArrayList<>();
            for (int i = 0; i < call.arguments().size(); i++) {
                arguments.add(append(projection, texts, call.arguments().get(i),
                        CoercedExpression.of(builder.compile(call.arguments().get(i), input.layout()), resolved.argumentTypes().get(i))));
            }
            List<Integer> partition = new ArrayList<>();
            for (Expression key : window.partitionBy()) {
                partition.add(append(projection, texts, key, builder.compile(key, input.layout())));
            }
            List<SortKey> order = new ArrayList<>();
            for (SortItem item : window.orderBy()) {
                order.add(PlanBuilder.sortKey(item, append(projection, texts, item.key(), builder.compile(item.key(), input.layout()))));
            }
            if (call.filter().isPresent()) {
                throw EngineException.validation(PlanBuilder.at(call) + "FILTER is not supported for window functions");
            }
            String name = resolved.signature().name().toLowerCase(java.util.Locale.ROOT);
            specs.add(new WindowSpec(name, arguments, resolved.argumentTypes(), resolved.returnType(), call.distinct(), partition, order,
                    WindowFrames.frame(builder, window), call.nullTreatment().orElse(null) == FunctionCall.NullTreatment.IGNORE));
            callTexts.add(PlanBuilder.sql(call));
        }
        PlanNode node = new WindowNode(new ProjectNode(input.node(), projection, texts), specs, callTexts);
        Layout layout = input.layout().append(Layout.anonymous(projection.size() - inputTypes.size()));
        int first = layout.size();
        layout = layout.append(Layout.anonymous(windows.size()));
        for (int i = 0; i < windows.size(); i++) {
            layout = layout.withComputed(windows.get(i), first + i);
        }
        return new RelationPlan(node, layout);
    }

    private static int append(List<VectorExpression> projection, List<String> texts, Expression expression, VectorExpression compiled) {
        projection.add(compiled);
        texts.add(PlanBuilder.sql(expression));
        return projection.size() - 1;
    }
}
