package io.tidemark.engine.shard;

import static io.tidemark.engine.shard.TestRows.SECOND;
import static io.tidemark.engine.shard.TestRows.T0;
import static io.tidemark.engine.shard.TestRows.TABLE;
import static io.tidemark.engine.shard.TestRows.multi;
import static io.tidemark.engine.shard.TestRows.points;
import static io.tidemark.engine.shard.TestRows.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.metering.TableMeter;
import io.tidemark.engine.shard.TestRows.Doubles;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.magnetic.MagneticLayout;
import io.tidemark.storage.magnetic.MagneticStore;
import io.tidemark.storage.magnetic.SegmentWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryStoreTest {

    private static final MagneticReader NO_MAGNETIC = (table, series, from, to) -> List.of();

    private final EngineMeters meters = new EngineMeters();
    private final TableMeter meter = meters.table(TABLE);
    private MemoryStore store = new MemoryStore(TABLE, 720, 7200 * SECOND, meter);
    private DuplicateChecker checker = new DuplicateChecker(store, NO_MAGNETIC);
    private long journalIndex;

    private void use(MemoryStore memoryStore, MagneticReader magnetic) {
        store = memoryStore;
        checker = new DuplicateChecker(store, magnetic);
    }

    /** Checks, "journals" (numbers) and applies, as the shard does; returns the rejections. */
    private List<RowRejection> write(WriteBatch batch) {
        CheckedBatch checked = checker.check(batch);
        if (checked.toStore() != null) {
            store.apply(checked.toStore(), ++journalIndex);
        }
        return checked.rejections();
    }

    private Map<Long, String> cpu(String host) {
        return points(store.scan(Long.MIN_VALUE, Long.MAX_VALUE), series(host));
    }

    private long storedPoints() {
        return store.stats(0).points();
    }

    @Test
    void newRowsAreStoredAndScannedBackInTimeOrder() {
        assertThat(write(new Doubles().add("a", 2, 1, 2.0).add("a", 1, 1, 1.0).add("b", 1, 1, 10.0).build())).isEmpty();
        assertThat(cpu("a")).containsExactly(Map.entry(1L, "v1 measure_value::double=1.0"),
                Map.entry(2L, "v1 measure_value::double=2.0"));
        assertThat(cpu("b")).containsExactly(Map.entry(1L, "v1 measure_value::double=10.0"));
        assertThat(store.stats(0)).extracting(ShardStats::series, ShardStats::points).containsExactly(2L, 3L);
        assertThat(store.scan(T0 + 2 * SECOND, T0 + 5 * SECOND)).extracting(SeriesChunks::series)
                .containsExactly(series("a"));
    }

    @Test
    void sameVersionAndValueIsAcceptedWithoutStoringAgain() {
        write(new Doubles().add("a", 1, 3, 1.0).add("a", 2, 3, 2.0).build());
        WriteBatch again = new Doubles().add("a", 1, 3, 1.0).build();
        CheckedBatch checked = checker.check(again);
        assertThat(checked.rejections()).isEmpty();
        assertThat(checked.toStore()).isNull();
        assertThat(storedPoints()).isEqualTo(2);
    }

    @Test
    void sameVersionWithAnotherValueIsRejectedNamingTheStoredVersion() {
        write(new Doubles().add("a", 1, 3, 1.0).add("a", 2, 3, 2.0).build());
        List<RowRejection> rejected = write(new Doubles().add("a", 5, 1, 5.0).add("a", 1, 3, 9.0).build());
        assertThat(rejected).containsExactly(new RowRejection(1, 3, false));
        assertThat(cpu("a")).containsEntry(1L, "v3 measure_value::double=1.0").containsKey(5L).hasSize(3);
    }

    @Test
    void lowerVersionIsRejectedWithTheExistingVersionEvenWithTheSameValue() {
        write(new Doubles().add("a", 1, 200, 1.0).add("a", 2, 1, 2.0).build());
        assertThat(write(new Doubles().add("a", 1, 2, 1.0).build())).containsExactly(new RowRejection(0, 200, true));
        assertThat(cpu("a")).containsEntry(1L, "v200 measure_value::double=1.0");
    }

    @Test
    void higherVersionUpsertsAndReadsKeepIt() {
        write(new Doubles().add("a", 1, 1, 1.0).add("a", 2, 1, 2.0).build());
        assertThat(write(new Doubles().add("a", 1, 2, 1.5).build())).isEmpty();
        assertThat(cpu("a")).containsEntry(1L, "v2 measure_value::double=1.5");
        // the upserted point is now the current one: its version decides the next write
        assertThat(write(new Doubles().add("a", 1, 1, 1.0).build())).containsExactly(new RowRejection(0, 2, true));
        assertThat(write(new Doubles().add("a", 1, 2, 1.5).build())).isEmpty();
    }

    @Test
    void rowsOfTheSameBatchFollowTheSameRules() {
        WriteBatch batch = new Doubles()
                .add("a", 1, 1, 1.0)
                .add("a", 1, 1, 1.0)   // identical: accepted, not stored again
                .add("a", 1, 1, 7.0)   // same version, other value
                .add("a", 1, 5, 5.0)   // upsert
                .add("a", 1, 4, 4.0)   // lower than the upsert before it
                .add("b", 1, 1, 1.0)
                .build();
        CheckedBatch checked = checker.check(batch);
        assertThat(checked.rejections()).containsExactly(new RowRejection(2, 1, false), new RowRejection(4, 5, true));
        assertThat(checked.toStore().rowCount()).isEqualTo(3);
        store.apply(checked.toStore(), 1);
        assertThat(cpu("a")).containsExactly(Map.entry(1L, "v5 measure_value::double=5.0"));
        assertThat(cpu("b")).containsExactly(Map.entry(1L, "v1 measure_value::double=1.0"));
    }

    @Test
    void multiMeasureRecordsCompareTheWholeAttributeSet() {
        write(multi("a", 1, 1, 0.5, 100L));
        assertThat(write(multi("a", 1, 1, 0.5, 100L))).isEmpty();
        assertThat(write(multi("a", 1, 1, 0.5, null))).containsExactly(new RowRejection(0, 1, false));
        assertThat(write(multi("a", 1, 1, 0.5, 101L))).containsExactly(new RowRejection(0, 1, false));
        assertThat(write(multi("a", 1, 2, null, 7L))).isEmpty();
        assertThat(points(store.scan(Long.MIN_VALUE, Long.MAX_VALUE), TestRows.multiSeries("a")))
                .containsExactly(Map.entry(1L, "v2 mem=7"));
        // the upsert is held next to the point it replaces until the open chunk is sealed
        assertThat(storedPoints()).isEqualTo(2);
    }

    @Test
    void duplicatesAreFoundInSealedChunks() {
        use(new MemoryStore(TABLE, 4, 7200 * SECOND, meter), NO_MAGNETIC);
        Doubles batch = new Doubles();
        for (int s = 0; s < 10; s++) {
            batch.add("a", s, 1, s);
        }
        write(batch.build());
        assertThat(store.scan(Long.MIN_VALUE, Long.MAX_VALUE).get(0).chunks()).hasSize(3);
        assertThat(write(new Doubles().add("a", 2, 1, 2.0).add("a", 5, 1, 0.0).add("a", 6, 0, 6.0).build()))
                .containsExactly(new RowRejection(1, 1, false), new RowRejection(2, 1, true));
        assertThat(storedPoints()).isEqualTo(10);
    }

    @Test
    void aLateBatchOfInterleavedSeriesBetweenSealedPointsIsStoredAndItsDuplicatesStillFound() {
        use(new MemoryStore(TABLE, 4, 7200 * SECOND, meter), NO_MAGNETIC);
        Doubles early = new Doubles();
        for (int s = 0; s < 20; s += 2) {
            early.add("a", s, 1, s).add("b", s, 1, s);
        }
        write(early.build());
        assertThat(store.scan(Long.MIN_VALUE, Long.MAX_VALUE).get(0).chunks()).hasSize(3);
        Doubles late = new Doubles();
        for (int s = 1; s < 19; s += 2) {
            late.add("a", s, 1, s).add("b", s, 1, s);
        }
        late.add("a", 6, 1, 6.0).add("b", 8, 1, 0.5);
        assertThat(write(late.build())).containsExactly(new RowRejection(19, 1, false));
        assertThat(storedPoints()).isEqualTo(20 + 18);
        assertThat(cpu("a")).containsEntry(7L, "v1 measure_value::double=7.0");
    }

    @Test
    void lateRowsInsideTheOpenChunksTimeRangeAreStoredAndItsPointsFoundBatchAfterBatch() {
        Doubles early = new Doubles();
        for (int s = 20; s >= 0; s -= 2) {
            early.add("a", s, 2, s);
        }
        write(early.build());
        Doubles late = new Doubles();
        for (int s = 1; s < 20; s += 2) {
            late.add("a", s, 2, s);
        }
        late.add("a", 4, 2, 4.0).add("a", 6, 2, 0.5).add("a", 8, 1, 8.0).add("a", 10, 3, 0.25);
        assertThat(write(late.build())).containsExactly(new RowRejection(11, 2, false), new RowRejection(12, 2, true));
        assertThat(storedPoints()).isEqualTo(11 + 10 + 1);
        // the rows just applied are in the open chunk the next batch looks into
        assertThat(write(new Doubles().add("a", 7, 1, 7.0).add("a", 21, 2, 21.0).add("a", 9, 2, 9.5).build()))
                .containsExactly(new RowRejection(0, 2, true), new RowRejection(2, 2, false));
        assertThat(cpu("a")).hasSize(22).containsEntry(7L, "v2 measure_value::double=7.0")
                .containsEntry(10L, "v3 measure_value::double=0.25");
    }

    @Test
    void sealsAtSealPointsAndBeforeExceedingTheSpan() {
        use(new MemoryStore(TABLE, 3, 10 * SECOND, meter), NO_MAGNETIC);
        write(new Doubles().add("a", 0, 1, 0).add("a", 1, 1, 1).add("a", 2, 1, 2).add("a", 3, 1, 3).build());
        List<SealedChunk> chunks = store.scan(Long.MIN_VALUE, Long.MAX_VALUE).get(0).chunks();
        // the sealed chunk of three points and a snapshot of the open chunk
        assertThat(chunks).extracting(SealedChunk::count).containsExactly(3, 1);
        write(new Doubles().add("a", 14, 1, 14).build());   // 3..14 spans 11 s > 10 s: seal first
        assertThat(store.scan(Long.MIN_VALUE, Long.MAX_VALUE).get(0).chunks()).extracting(SealedChunk::count)
                .containsExactly(3, 1, 1);
        assertThat(cpu("a")).hasSize(5);
    }

    @Test
    void aRowWithANewColumnSealsAndReopensWithTheUnionOfColumns() {
        write(multi("a", 1, 1, 0.5, null));
        write(multi("a", 2, 1, null, 3L));
        write(multi("a", 3, 1, 0.7, 4L));
        List<SealedChunk> chunks = store.scan(Long.MIN_VALUE, Long.MAX_VALUE).get(0).chunks();
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).columns()).extracting(c -> c.name()).containsExactly("cpu");
        assertThat(chunks.get(1).columns()).extracting(c -> c.name()).containsExactly("cpu", "mem");
        assertThat(points(store.scan(Long.MIN_VALUE, Long.MAX_VALUE), TestRows.multiSeries("a"))).containsExactly(
                Map.entry(1L, "v1 cpu=0.5"), Map.entry(2L, "v1 mem=3"), Map.entry(3L, "v1 cpu=0.7 mem=4"));
    }

    @Test
    void refusesAColumnWhoseTypeDiffersFromTheStoredOneAndARowWithoutValues() {
        write(new Doubles().add("a", 1, 1, 1.0).build());
        var b = WriteBatch.builder(TABLE, 0);
        int col = b.column(TestRows.VALUE, MeasureType.BIGINT);
        b.addRow(b.series(series("a")), T0 + 5 * SECOND, 1);
        b.setLong(col, 5);
        assertThatThrownBy(() -> checker.check(b.build())).isInstanceOf(EngineException.class)
                .hasMessageContaining("column type differs").hasMessageContaining("stored=DOUBLE")
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(ErrorKind.VALIDATION);
        var empty = WriteBatch.builder(TABLE, 0);
        empty.column(TestRows.VALUE, MeasureType.DOUBLE);
        empty.addRow(empty.series(series("a")), T0 + 6 * SECOND, 1);
        assertThatThrownBy(() -> checker.check(empty.build())).hasMessageContaining("row has no value");
        assertThat(storedPoints()).isEqualTo(1);
    }

    /** One row of series {@code host}: {@code value} DOUBLE and {@code other} BIGINT columns, values where not null. */
    private static WriteBatch valueAndOther(String host, long second, Double value, Long other) {
        var b = WriteBatch.builder(TABLE, 0);
        int valueColumn = b.column(TestRows.VALUE, MeasureType.DOUBLE);
        int otherColumn = b.column("other", MeasureType.BIGINT);
        b.addRow(b.series(series(host)), T0 + second * SECOND, 1);
        if (value != null) {
            b.setDouble(valueColumn, value);
        }
        if (other != null) {
            b.setLong(otherColumn, other);
        }
        return b.build();
    }

    @Test
    void aColumnLayoutASeriesAgreedWithIsCheckedAgainOnceTheSeriesStoresANewColumn() {
        assertThat(write(valueAndOther("a", 1, 1.0, null))).isEmpty();
        assertThat(write(valueAndOther("a", 2, 2.0, null))).isEmpty();
        // another layout gives "a" the column "other" as VARCHAR; the first layout writes it as BIGINT
        var varchar = WriteBatch.builder(TABLE, 0);
        int otherText = varchar.column("other", MeasureType.VARCHAR);
        varchar.addRow(varchar.series(series("a")), T0 + 3 * SECOND, 1);
        varchar.setString(otherText, "x");
        assertThat(write(varchar.build())).isEmpty();
        assertThatThrownBy(() -> write(valueAndOther("a", 4, 4.0, 7L))).isInstanceOf(EngineException.class)
                .hasMessageContaining("column type differs").hasMessageContaining("column=other")
                .hasMessageContaining("stored=VARCHAR");
        // the layout's rows without "other" still land in the right columns, through chunks of both column sets
        assertThat(write(valueAndOther("a", 5, 5.0, null))).isEmpty();
        assertThat(points(store.scan(Long.MIN_VALUE, Long.MAX_VALUE), series("a"))).containsExactly(
                Map.entry(1L, "v1 " + TestRows.VALUE + "=1.0"), Map.entry(2L, "v1 " + TestRows.VALUE + "=2.0"),
                Map.entry(3L, "v1 other=x"), Map.entry(5L, "v1 " + TestRows.VALUE + "=5.0"));
    }

    @Test
    void namesTheFirstBadRowOfALongBatchAndAcceptsAConflictingColumnTheSeriesDoesNotUse() {
        write(new Doubles().add("a", 1, 1, 1.0).build());
        var b = WriteBatch.builder(TABLE, 0);
        int asDouble = b.column(TestRows.VALUE, MeasureType.DOUBLE);
        int asBigint = b.column("other", MeasureType.BIGINT);
        int a = b.series(series("a"));
        int fresh = b.series(series("fresh"));
        for (int row = 0; row < 150; row++) {
            b.addRow(row % 2 == 0 ? a : fresh, T0 + (10 + row) * SECOND, 1);
            if (row != 101) {
                b.setDouble(asDouble, row);
            }
        }
        // row 101 has no value; no row of "a" sets "other", which "a" never had: only row 101 is wrong
        assertThatThrownBy(() -> checker.check(b.build())).hasMessageContaining("row has no value")
                .hasMessageContaining("row=101");

        var typed = WriteBatch.builder(TABLE, 0);
        int value = typed.column(TestRows.VALUE, MeasureType.BIGINT);
        int sa = typed.series(series("a"));
        int sf = typed.series(series("fresh"));
        for (int row = 0; row < 130; row++) {
            // "fresh" takes BIGINT values; "a" stores DOUBLE under the name, first written at row 99
            typed.addRow(row < 99 ? sf : sa, T0 + (200 + row) * SECOND, 1);
            if (row != 120) {
                typed.setLong(value, row);
            }
        }
        assertThatThrownBy(() -> checker.check(typed.build())).hasMessageContaining("column type differs")
                .hasMessageContaining("row=99");
        var ok = WriteBatch.builder(TABLE, 0);
        int okValue = ok.column(TestRows.VALUE, MeasureType.BIGINT);
        int okFresh = ok.series(series("fresh"));
        for (int row = 0; row < 65; row++) {
            ok.addRow(okFresh, T0 + (400 + row) * SECOND, 1);
            ok.setLong(okValue, row);
        }
        assertThat(write(ok.build())).isEmpty();
        assertThat(storedPoints()).isEqualTo(66);
    }

    @Test
    void freezeSplitsAtTheCutoffAndCommitDropsExactlyTheFrozenPoints() {
        use(new MemoryStore(TABLE, 4, 7200 * SECOND, meter), NO_MAGNETIC);
        Doubles first = new Doubles();
        for (int s = 0; s < 6; s++) {
            first.add("a", s, 1, s);     // sealed [0..3], open [4, 5]
        }
        write(first.build());
        write(new Doubles().add("b", 10, 1, 10).build());   // all after the cutoff: stays open
        long cutoff = T0 + 2 * SECOND;

        FrozenChunks frozen = store.freeze(77, cutoff);
        assertThat(frozen.migrationId()).isEqualTo(77);
        assertThat(frozen.cutoffNanos()).isEqualTo(cutoff);
        assertThat(frozen.series()).hasSize(1);
        assertThat(points(frozen.series(), series("a"))).containsOnlyKeys(0L, 1L);
        // frozen points stay readable and still count for duplicates
        assertThat(cpu("a")).containsOnlyKeys(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(write(new Doubles().add("a", 1, 1, 9.0).build())).containsExactly(new RowRejection(0, 1, false));
        // a late point older than the cutoff goes to a new chunk, not into the frozen set
        write(new Doubles().add("a", -1, 1, -1.0).build());
        assertThat(points(store.frozen().series(), series("a"))).containsOnlyKeys(0L, 1L);

        assertThat(store.commit(76)).isFalse();
        assertThat(store.commit(77)).isTrue();
        assertThat(store.pendingMigrationId()).isEqualTo(MemoryStore.NO_MIGRATION);
        assertThat(cpu("a")).containsOnlyKeys(-1L, 2L, 3L, 4L, 5L);
        assertThat(storedPoints()).isEqualTo(6);
        assertThat(meter.usage().memoryStorePoints()).isEqualTo(6);
    }

    @Test
    void lowestJournalIndexFollowsWhatStaysInMemory() {
        write(new Doubles().add("a", 1, 1, 1).build());                       // index 1
        write(new Doubles().add("b", 5, 1, 5).build());                       // index 2
        assertThat(store.lowestJournalIndex()).isEqualTo(1);
        store.freeze(1, T0 + 3 * SECOND);
        store.commit(1);
        assertThat(store.lowestJournalIndex()).isEqualTo(2);
        store.freeze(2, T0 + 10 * SECOND);
        store.commit(2);
        assertThat(store.lowestJournalIndex()).isEqualTo(Long.MAX_VALUE);
        assertThat(store.stats(0).series()).isZero();
    }

    @Test
    void meterFollowsHeldBytesAndPointsAndReleaseReturnsThem() {
        use(new MemoryStore(TABLE, 8, 7200 * SECOND, meter), NO_MAGNETIC);
        Doubles batch = new Doubles();
        for (int s = 0; s < 20; s++) {
            batch.add("a", s, 1, s * 0.25);
        }
        write(batch.build());
        ShardStats stats = store.stats(0);
        assertThat(stats.points()).isEqualTo(20);
        assertThat(stats.bytes()).isPositive();
        assertThat(meter.usage().memoryStorePoints()).isEqualTo(20);
        assertThat(meter.usage().memoryStoreBytes()).isEqualTo(stats.bytes());
        assertThat(meters.memoryStoreBytes()).isEqualTo(stats.bytes());
        store.release();
        assertThat(meter.usage().memoryStoreBytes()).isZero();
        assertThat(meter.usage().memoryStorePoints()).isZero();
    }
    @Test
    void duplicatesAreFoundInTheMagneticStore(@TempDir Path dataDir) throws IOException {
        OpenChunk migrated = new OpenChunk(List.of(new ColumnSpec(TestRows.VALUE, MeasureType.DOUBLE)));
        for (int s = 1; s <= 3; s++) {
            migrated.setDouble(0, migrated.append(T0 + s * SECOND, 2), s);
        }
        LocalDate partition = LocalDate.ofInstant(Instant.ofEpochSecond(T0 / SECOND), ZoneOffset.UTC);
        try (MagneticStore magnetic = MagneticStore.open(FileIo.DEFAULT, new MagneticLayout(dataDir, TABLE),
                Clock.systemUTC())) {
            SegmentWriter segment = new SegmentWriter(partition);
            segment.add(series("a"), migrated.seal());
            magnetic.write(segment);
            use(new MemoryStore(TABLE, 720, 7200 * SECOND, meter),
                    (table, key, from, to) -> magnetic.read(key, from, to));

            // the series is unknown in memory: every row is looked up in magnetic
            assertThat(write(new Doubles().add("a", 1, 2, 1.0).add("a", 2, 2, 5.0).add("a", 3, 1, 3.0)
                    .add("a", 10, 1, 10.0).build()))
                    .containsExactly(new RowRejection(1, 2, false), new RowRejection(2, 2, true));
            assertThat(cpu("a")).containsOnlyKeys(10L);
            // older than the series' oldest point in memory: looked up in magnetic again
            assertThat(write(new Doubles().add("a", 2, 1, 2.0).add("a", 3, 3, 3.5).build()))
                    .containsExactly(new RowRejection(0, 2, true));
            assertThat(cpu("a")).containsOnlyKeys(3L, 10L).containsEntry(3L, "v3 measure_value::double=3.5");
        }
    }

    @Test
    void afterACommitPointsBelowTheCutoffAreCheckedAgainstMagneticEvenBehindNewerMemory() {
        List<Long> magneticLookups = new ArrayList<>();
        use(new MemoryStore(TABLE, 720, 7200 * SECOND, meter), (table, key, from, to) -> {
            magneticLookups.add((from - T0) / SECOND);
            return List.of();
        });
        write(new Doubles().add("a", 5, 1, 5.0).build());
        store.freeze(1, T0 + 10 * SECOND);
        store.commit(1);
        // memory holds only a late point at 1 s; 6 s is newer than it but below the committed cutoff
        write(new Doubles().add("a", 1, 1, 1.0).build());
        magneticLookups.clear();
        write(new Doubles().add("a", 6, 1, 6.0).build());
        assertThat(magneticLookups).containsExactly(6L);
        // at or past the cutoff, newer than memory: the fast path, no lookup
        write(new Doubles().add("a", 30, 1, 30.0).build());
        assertThat(magneticLookups).containsExactly(6L);
    }

    @Test
    void aSeriesNeitherStoreHoldsHasItsRowsCheckedAgainstItsEarlierRowsInTheBatch() {
        List<String> magneticReads = new ArrayList<>();
        use(new MemoryStore(TABLE, 720, 7200 * SECOND, meter), (table, key, from, to) -> {
            magneticReads.add(key.dimensions().get(0).value());
            return List.of();
        });
        // 5 s again with the same value: accepted, not stored twice; with another value: refused;
        // 3 s again at a higher version: replaces the first 3 s
        assertThat(write(new Doubles().add("a", 5, 1, 5.0).add("a", 3, 1, 3.0).add("a", 5, 1, 5.0)
                .add("a", 5, 1, 6.0).add("a", 3, 2, 3.5).add("a", 7, 1, 7.0).build()))
                .containsExactly(new RowRejection(3, 1, false));
        assertThat(magneticReads).containsExactly("a");
        assertThat(cpu("a")).containsOnlyKeys(3L, 5L, 7L).containsEntry(3L, "v2 measure_value::double=3.5")
                .containsEntry(5L, "v1 measure_value::double=5.0");
    }

    @Test
    void aBatchAsksTheMagneticStoreOncePerSeriesItNeedsOverThatSeriesTimeRange() {
        List<String> magneticReads = new ArrayList<>();
        use(new MemoryStore(TABLE, 720, 7200 * SECOND, meter), (table, key, from, to) -> {
            magneticReads.add(key.dimensions().get(0).value() + " " + (from - T0) / SECOND + ".." + (to - T0) / SECOND);
            return List.of();
        });
        Doubles first = new Doubles();
        for (int s = 0; s < 100; s++) {
            first.add("a", 100 + s, 1, s).add("b", 50 + s, 1, s);
        }
        assertThat(write(first.build())).isEmpty();
        assertThat(magneticReads).containsExactly("a 100..199", "b 50..149");
        assertThat(storedPoints()).isEqualTo(200);
        // both series now in memory and every row newer: no lookup at all
        magneticReads.clear();
        assertThat(write(new Doubles().add("a", 300, 1, 1).add("b", 300, 1, 1).build())).isEmpty();
        assertThat(magneticReads).isEmpty();
    }
}
