package io.tidemark.engine.query.plan;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.expression.VectorExpression;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.operator.Joins;
import io.tidemark.sql.analyzer.Analysis;
import io.tidemark.sql.analyzer.ColumnReference;
import io.tidemark.sql.analyzer.Field;
import io.tidemark.sql.analyzer.ScanPredicates;
import io.tidemark.sql.analyzer.TableReference;
import io.tidemark.sql.ast.AliasedRelation;
import io.tidemark.sql.ast.BooleanLiteral;
import io.tidemark.sql.ast.Expression;
import io.tidemark.sql.ast.Join;
import io.tidemark.sql.ast.JoinOn;
import io.tidemark.sql.ast.Relation;
import io.tidemark.sql.ast.Table;
import io.tidemark.sql.ast.TableSubquery;
import io.tidemark.sql.ast.Unnest;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans FROM items: catalog tables become remote fragments reading only the referenced columns,
 * WITH references share their query's plan, aliases and derived tables rename channels, and
 * joins and lateral UNNEST combine their sides ({@link JoinPlanner}).
 */
final class RelationPlanner {

    private final PlanBuilder builder;
    private final Analysis analysis;
    private final JoinFilters joinFilters;

    /** @param joinFilters WHERE conjuncts to run early in the fragments of joined tables */
    RelationPlanner(PlanBuilder builder, JoinFilters joinFilters) {
        this.builder = builder;
        this.analysis = builder.analysis();
        this.joinFilters = joinFilters;
    }

    RelationPlan plan(Relation relation) {
        if (relation instanceof Table table) {
            return filtered(table(table), table);
        }
        if (relation instanceof AliasedRelation aliased) {
            return filtered(renamed(plan(aliased.relation()), analysis.fields(aliased.relation()), analysis.fields(aliased)), aliased);
        }
        if (relation instanceof TableSubquery subquery) {
            return new RelationPlan(builder.query(subquery.query()).node(), Layout.of(analysis.fields(subquery)));
        }
        if (relation instanceof Join join) {
            return join(join);
        }
        Unnest unnest = (Unnest) relation;
        return unnest(new RelationPlan(new SingleRowNode(), Layout.of(List.of())), unnest, analysis.fields(unnest), false);
    }

    private RelationPlan table(Table table) {
        Optional<io.tidemark.sql.ast.WithQuery> named = analysis.namedQuery(table);
        if (named.isPresent()) {
            return new RelationPlan(builder.withPlan(named.get()), Layout.of(analysis.fields(table)));
        }
        List<Field> fields = analysis.fields(table);
        TableReference reference = fields.get(0).origin().orElseThrow().table();
        Set<String> referenced = analysis.tableColumns().getOrDefault(reference, Set.of());
        List<Field> scanned = new ArrayList<>();
        List<ScanColumn> columns = new ArrayList<>();
        for (Field field : fields) {
            ColumnReference column = field.origin().orElseThrow();
            if (referenced.contains(column.column())) {
                scanned.add(field);
                columns.add(new ScanColumn(column.column(), field.type(), column.role()));
            }
        }
        List<TableScan.TimeBound> bounds = new ArrayList<>();
        Map<String, Set<String>> values = Map.of();
        Optional<ScanPredicates> predicates = analysis.scanPredicates(table);
        if (predicates.isPresent()) {
            Layout none = Layout.of(List.of());
            for (ScanPredicates.TimeBound bound : predicates.get().timeBounds()) {
                bounds.add(new TableScan.TimeBound(bound.operator(), builder.compile(bound.value(), none)));
            }
            values = predicates.get().values();
        }
        TableScan scan = new TableScan(reference, columns, bounds, values);
        return new RelationPlan(new RemoteSourceNode(scan, TablePipeline.scan(columns)), Layout.of(scanned));
    }

    /** The table's fragment with the WHERE conjuncts that may run in it (compiled over the fields the query sees it by). */
    private RelationPlan filtered(RelationPlan plan, Relation table) {
        List<Expression> conjuncts = joinFilters.of(table);
        if (conjuncts.isEmpty() || !(plan.node() instanceof RemoteSourceNode remote) || remote.pipeline().filter().isPresent()) {
            return plan;
        }
        Optional<VectorExpression> filter = Optional.of(conjuncts.size() == 1 ? builder.compile(conjuncts.get(0), plan.layout())
                : new ConjunctionExpression(conjuncts.stream().map(conjunct -> builder.compile(conjunct, plan.layout())).toList()));
        String text = String.join(" AND ", conjuncts.stream().map(PlanBuilder::sql).toList());
        TablePipeline pipeline = new TablePipeline(remote.pipeline().scanColumns(), filter, text, List.of(), List.of(),
                Optional.empty(), Optional.empty(), -1);
        return new RelationPlan(new RemoteSourceNode(remote.scan(), pipeline), plan.layout());
    }

    /** The same channels, each field seen under its new name ({@code inner.get(i)} becomes {@code outer.get(i)}). */
    private static RelationPlan renamed(RelationPlan plan, List<Field> inner, List<Field> outer) {
        List<Field> fields = new ArrayList<>();
        for (Field field : plan.layout().fields()) {
            int index = indexOf(inner, field);
            fields.add(index < 0 ? null : outer.get(index));
        }
        return new RelationPlan(plan.node(), Layout.of(fields));
    }

    static int indexOf(List<Field> fields, Field field) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i) == field) {
                return i;
            }
        }
        return -1;
    }

    private RelationPlan join(Join join) {
        RelationPlan left = plan(join.left());
        Relation right = join.right();
        Unnest lateral = right instanceof Unnest u ? u
                : right instanceof AliasedRelation a && a.relation() instanceof Unnest u2 ? u2 : null;
        if (lateral != null) {
            boolean outer = join.type() == Join.Type.LEFT;
            if (join.criteria().isPresent() && !(join.criteria().get() instanceof JoinOn on && on.condition() instanceof BooleanLiteral b && b.value())) {
                throw EngineException.validation(PlanBuilder.at(join) + "UNNEST can only be joined with CROSS JOIN or LEFT JOIN ... ON true");
            }
            if (join.type() != Join.Type.LEFT && join.type() != Join.Type.CROSS && join.type() != Join.Type.IMPLICIT && join.type() != Join.Type.INNER) {
                throw EngineException.validation(PlanBuilder.at(join) + join.type() + " JOIN UNNEST is not supported");
            }
            return unnest(left, lateral, analysis.fields(right), outer);
        }
        return new JoinPlanner(builder, join, left, plan(right), joinFilters.equalities(join)).plan();
    }

    /** The input's channels, the unnested arrays, then the unnested columns ({@code fields}, the relation as the query sees it). */
    private RelationPlan unnest(RelationPlan input, Unnest unnest, List<Field> fields, boolean outer) {
        List<SqlType> inputTypes = input.node().outputTypes();
        List<VectorExpression> projection = PlanBuilder.passThrough(inputTypes);
        List<String> texts = PlanBuilder.texts(inputTypes.size());
        List<Integer> channels = new ArrayList<>();
        for (var expression : unnest.expressions()) {
            channels.add(projection.size());
            projection.add(builder.compile(expression, input.layout()));
            texts.add(PlanBuilder.sql(expression));
        }
        PlanNode projected = new ProjectNode(input.node(), projection, texts);
        List<SqlType> unnestedTypes = analysis.fields(unnest).stream().map(Field::type).toList();
        String text = String.join(", ", unnest.expressions().stream().map(PlanBuilder::sql).toList());
        PlanNode node = new UnnestNode(projected, channels, unnestedTypes, unnest.withOrdinality(), outer, text);
        Layout layout = input.layout().append(Layout.anonymous(channels.size())).append(Layout.of(fields));
        return new RelationPlan(node, layout);
    }

    /** The kind of join {@link Joins} runs. */
    static Joins.Type joinType(Join.Type type) {
        switch (type) {
            case INNER:
                return Joins.Type.INNER;
            case LEFT:
                return Joins.Type.LEFT;
            case RIGHT:
                return Joins.Type.RIGHT;
            case FULL:
                return Joins.Type.FULL;
            default:
                return Joins.Type.CROSS;
        }
    }
}
