package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.window.WindowSpec;
import io.tidemark.sql.ast.Window;

/** Window frame clauses as the window operator takes them. */
final class WindowFrames {

    private WindowFrames() {
    }

    static WindowSpec.Frame frame(PlanBuilder builder, Window window) {
        return new WindowSpec.Frame(true);
    }
}
