package io.tidemark.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.model.MeasureType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The local view takes changes in any order and keeps the newest; a removed table stays removed;
 * a full listing removes what it lacks.
 */
class CatalogViewTest {

    private static TableDescription table(String id, String name, TableStatus status) {
        return new TableDescription("db", name, id, "arn", status, RetentionProperties.DEFAULT,
                MagneticStoreWriteProperties.DISABLED, List.of(PartitionKey.DEFAULT), 4, 0, Instant.EPOCH, Instant.EPOCH);
    }

    private static final TableSchema SCHEMA = new TableSchema(Map.of("m", MeasureType.DOUBLE), Map.of(), Set.of("h"));

    @Test
    void keepsTheNewestChangeWhateverTheOrder() {
        CatalogView view = new CatalogView();
        view.apply(new TableChange("a", table("a", "cpu", TableStatus.DELETING), SCHEMA, 7));
        view.apply(new TableChange("a", table("a", "cpu", TableStatus.ACTIVE), TableSchema.EMPTY, 5));
        assertThat(view.table("db", "cpu")).map(TableDescription::status).contains(TableStatus.DELETING);
        assertThat(view.schema("a")).isEqualTo(SCHEMA);
        assertThat(view.tables()).hasSize(1);
    }

    @Test
    void aRemovedTableIsNotBroughtBackByALateChange() {
        CatalogView view = new CatalogView();
        view.apply(new TableChange("a", table("a", "cpu", TableStatus.DELETING), SCHEMA, 3));
        view.apply(new TableChange("a", null, TableSchema.EMPTY, 4));
        view.apply(new TableChange("a", table("a", "cpu", TableStatus.DELETING), SCHEMA, 3));
        assertThat(view.table("db", "cpu")).isEmpty();
        assertThat(view.schema("a")).isEqualTo(TableSchema.EMPTY);
        assertThat(view.tables()).isEmpty();
    }

    @Test
    void aNewTableOfTheSameNameIsNotHiddenByTheOldOnesRemoval() {
        CatalogView view = new CatalogView();
        view.apply(new TableChange("a", table("a", "cpu", TableStatus.DELETING), TableSchema.EMPTY, 3));
        view.apply(new TableChange("b", table("b", "cpu", TableStatus.ACTIVE), TableSchema.EMPTY, 5));
        view.apply(new TableChange("a", null, TableSchema.EMPTY, 4));
        assertThat(view.table("db", "cpu")).map(TableDescription::tableId).contains("b");
    }

    @Test
    void aFullListingDropsTheTablesItLacksButNotOnesLearnedAfterIt() {
        CatalogView view = new CatalogView();
        view.apply(new TableChange("gone", table("gone", "old", TableStatus.DELETING), SCHEMA, 3));
        view.apply(new TableChange("kept", table("kept", "cpu", TableStatus.ACTIVE), TableSchema.EMPTY, 4));
        view.apply(new TableChange("newer", table("newer", "mem", TableStatus.ACTIVE), TableSchema.EMPTY, 9));

        // The listing at version 8 (after a move of the catalog): "gone" was removed meanwhile,
        // "kept" changed, "newer" is younger than the listing.
        view.resync(List.of(new TableChange("kept", table("kept", "cpu", TableStatus.ACTIVE), SCHEMA, 6)), 8);

        assertThat(view.table("db", "old")).isEmpty();
        assertThat(view.schema("kept")).isEqualTo(SCHEMA);
        assertThat(view.table("db", "mem")).isPresent();
        assertThat(view.tables()).extracting(TableDescription::tableId).containsExactlyInAnyOrder("kept", "newer");
        // And the dropped one stays dropped.
        view.apply(new TableChange("gone", table("gone", "old", TableStatus.DELETING), SCHEMA, 3));
        assertThat(view.table("db", "old")).isEmpty();
    }
}
