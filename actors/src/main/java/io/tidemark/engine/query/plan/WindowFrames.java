package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.window.Frame;
import io.tidemark.sql.ast.FrameBound;
import io.tidemark.sql.ast.Window;
import io.tidemark.sql.ast.WindowFrame;
import java.util.List;
import java.util.Optional;

/**
 * Window frame clauses as the window operator takes them: no clause is {@link Frame#DEFAULT}, a
 * frame without an end ends at the current row, and an offset ({@code 2 PRECEDING},
 * {@code INTERVAL '1' HOUR PRECEDING}) is a constant evaluated once when planning.
 */
final class WindowFrames {

    private static final EvalContext CONSTANT_EVAL = EvalContext.utc(0);

    private WindowFrames() {
    }

    static Frame frame(PlanBuilder builder, Window window) {
        if (window.frame().isEmpty()) {
            return Frame.DEFAULT;
        }
        WindowFrame frame = window.frame().get();
        Frame.Bound start = bound(builder, frame.start());
        Frame.Bound end = frame.end().map(bound -> bound(builder, bound)).orElse(Frame.Bound.currentRow());
        return new Frame(frame.type() == WindowFrame.Type.ROWS ? Frame.Unit.ROWS : Frame.Unit.RANGE, start, end);
    }

    private static Frame.Bound bound(PlanBuilder builder, FrameBound bound) {
        switch (bound.type()) {
            case UNBOUNDED_PRECEDING:
                return Frame.Bound.unboundedPreceding();
            case UNBOUNDED_FOLLOWING:
                return Frame.Bound.unboundedFollowing();
            case CURRENT_ROW:
                return Frame.Bound.currentRow();
            case PRECEDING:
                return Frame.Bound.preceding(offset(builder, bound.offset()));
            default:
                return Frame.Bound.following(offset(builder, bound.offset()));
        }
    }

    private static Number offset(PlanBuilder builder, Optional<io.tidemark.sql.ast.Expression> offset) {
        Vector value = builder.compile(offset.orElseThrow(), Layout.of(List.of())).evaluate(new Batch(List.of(), 1), CONSTANT_EVAL);
        return value.isNull(0) ? Double.NaN : (Number) value.get(0);
    }
}
