package io.tidemark.engine.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.subscription.RowChanges.Kind;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowChangesTest {

    static final List<SqlType> TYPES = List.of(PrimitiveType.VARCHAR, PrimitiveType.BIGINT);

    static RowKey key(String host) {
        return new RowKey(List.of(host), 0);
    }

    static List<Object> row(String host, long n) {
        return List.of(host, n);
    }

    static RowChanges of(Kind kind, String host, long n) {
        RowChanges changes = new RowChanges();
        changes.put(key(host), kind, row(host, n));
        return changes;
    }

    static List<List<Object>> rows(Batch batch) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            rows.add(List.of(batch.column(0).get(r), batch.column(1).get(r)));
        }
        return rows;
    }

    @Test
    void laterChangesMergeIntoTheirNetEffect() {
        RowChanges pending = new RowChanges();
        pending.mergeAll(of(Kind.ADDED, "a", 1));
        pending.mergeAll(of(Kind.UPDATED, "a", 2));
        pending.mergeAll(of(Kind.ADDED, "b", 1));
        pending.mergeAll(of(Kind.REMOVED, "b", 1));
        pending.mergeAll(of(Kind.REMOVED, "c", 5));
        pending.mergeAll(of(Kind.ADDED, "c", 6));
        pending.mergeAll(of(Kind.REMOVED, "d", 1));
        pending.mergeAll(of(Kind.ADDED, "d", 1));
        pending.mergeAll(of(Kind.UPDATED, "e", 1));
        pending.mergeAll(of(Kind.REMOVED, "e", 1));

        assertThat(pending.size()).isEqualTo(3);
        assertThat(rows(pending.rows(Kind.ADDED, TYPES))).containsExactly(row("a", 2));
        assertThat(rows(pending.rows(Kind.UPDATED, TYPES))).containsExactly(row("c", 6));
        assertThat(rows(pending.rows(Kind.REMOVED, TYPES))).containsExactly(row("e", 1));
    }

    @Test
    void replacingOnlyTheRowsInScopeLeavesTheOthers() {
        ResultRows result = new ResultRows(new int[] {0}, TYPES);
        result.replaceAll(RowChanges.toBatch(List.of(row("a", 1), row("b", 1), row("x", 1)), TYPES));

        RowChanges changes = result.replace(RowChanges.toBatch(List.of(row("a", 2), row("c", 1)), TYPES),
                values -> !values.get(0).equals("x"));

        assertThat(rows(changes.rows(Kind.UPDATED, TYPES))).containsExactly(row("a", 2));
        assertThat(rows(changes.rows(Kind.REMOVED, TYPES))).containsExactly(row("b", 1));
        assertThat(rows(changes.rows(Kind.ADDED, TYPES))).containsExactly(row("c", 1));
        assertThat(rows(result.toBatch())).containsExactlyInAnyOrder(row("a", 2), row("x", 1), row("c", 1));
    }

    @Test
    void withoutKeyColumnsRepeatedRowsDiffOneByOne() {
        ResultRows result = new ResultRows(null, TYPES);
        result.replaceAll(RowChanges.toBatch(List.of(row("a", 1), row("a", 1)), TYPES));

        RowChanges changes = result.replaceAll(RowChanges.toBatch(List.of(row("a", 1), row("a", 1), row("a", 1),
                row("b", 2)), TYPES));

        assertThat(rows(changes.rows(Kind.ADDED, TYPES))).containsExactly(row("a", 1), row("b", 2));
        assertThat(changes.rows(Kind.UPDATED, TYPES).rowCount()).isZero();
        assertThat(result.replaceAll(RowChanges.toBatch(List.of(row("b", 2)), TYPES)).size()).isEqualTo(3);
    }
}
