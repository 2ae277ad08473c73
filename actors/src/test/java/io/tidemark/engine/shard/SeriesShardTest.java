package io.tidemark.engine.shard;

import static io.tidemark.engine.shard.TestRows.SECOND;
import static io.tidemark.engine.shard.TestRows.T0;
import static io.tidemark.engine.shard.TestRows.TABLE;
import static io.tidemark.engine.shard.TestRows.points;
import static io.tidemark.engine.shard.TestRows.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.ManualClock;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.TestRows.Doubles;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.engine.testing.SingleNodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shard entity through {@link SeriesShardService} on a cluster of one, with real journal files. */
class SeriesShardTest {

    private static final MagneticReader NO_MAGNETIC = (table, key, from, to) -> List.of();

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final EngineMeters meters = new EngineMeters();
    private ActorTestKit testKit;
    private SeriesShardService service;

    /** Starts a node on {@link #dataDir}; stops the previous one first (a restart). */
    private SeriesShardService start() {
        stop();
        testKit = ActorTestKit.create("shard-test", SingleNodeConfig.of(dataDir, "tidemark.engine.ask-timeout = 20s"));
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        service = SeriesShardService.init(testKit.system(), dataDir, clock, NO_MAGNETIC, meters);
        return service;
    }

    @AfterEach
    void stop() {
        if (testKit != null) {
            testKit.shutdownTestKit();
            testKit = null;
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer: " + e, e);
        }
    }

    private Map<Long, String> cpu(String host) {
        return points(await(service.scan(TABLE, 0, Long.MIN_VALUE, Long.MAX_VALUE)), series(host));
    }

    @Test
    void writesAreAcknowledgedScannedAndCounted() {
        start();
        assertThat(await(service.write(new Doubles().add("a", 1, 1, 1.0).add("b", 2, 1, 2.0).build())).rejections())
                .isEmpty();
        assertThat(await(service.write(new Doubles().add("a", 1, 1, 9.0).add("a", 3, 1, 3.0).build())).rejections())
                .containsExactly(new RowRejection(0, 1, false));
        assertThat(cpu("a")).containsOnlyKeys(1L, 3L).containsEntry(1L, "v1 measure_value::double=1.0");
        assertThat(await(service.scan(TABLE, 0, T0 + 3 * SECOND, T0 + 9 * SECOND))).extracting(SeriesChunks::series)
                .containsExactly(series("a"));
        ShardStats stats = await(service.stats(TABLE, 0));
        assertThat(stats.series()).isEqualTo(2);
        assertThat(stats.points()).isEqualTo(3);
        assertThat(stats.journalBytes()).isPositive();
        assertThat(meters.table(TABLE).usage().memoryStorePoints()).isEqualTo(3);
        // another shard of the table is another entity with its own journal
        assertThat(await(service.scan(TABLE, 1, Long.MIN_VALUE, Long.MAX_VALUE))).isEmpty();
    }

    @Test
    void aRestartedNodeGetsEveryAcknowledgedRowBack() {
        start();
        for (int batch = 0; batch < 5; batch++) {
            Doubles rows = new Doubles();
            for (int s = 0; s < 100; s++) {
                rows.add("h" + (s % 7), batch * 100 + s, 1, batch * 1000 + s);
            }
            assertThat(await(service.write(rows.build())).rejections()).isEmpty();
        }
        await(service.write(new Doubles().add("h0", 0, 2, -1.0).build()));   // an upsert
        Map<Long, String> before = cpu("h0");

        start();
        assertThat(cpu("h0")).isEqualTo(before).containsEntry(0L, "v2 measure_value::double=-1.0");
        assertThat(await(service.stats(TABLE, 0)).series()).isEqualTo(7);
        // the recovered rows still decide duplicates
        assertThat(await(service.write(new Doubles().add("h0", 0, 1, 0.0).build())).rejections())
                .containsExactly(new RowRejection(0, 2, true));
    }

    @Test
    void aFreezeWithoutCommitSurvivesARestartAndIsFrozenAgain() {
        start();
        await(service.write(new Doubles().add("a", 1, 1, 1.0).add("a", 2, 1, 2.0).add("a", 5, 1, 5.0).build()));
        FrozenChunks frozen = await(service.freezeForMigration(TABLE, 0, T0 + 3 * SECOND));
        assertThat(points(frozen.series(), series("a"))).containsOnlyKeys(1L, 2L);
        await(service.write(new Doubles().add("a", 0, 1, 0.0).build()));   // late, after the freeze

        start();
        assertThat(cpu("a")).containsOnlyKeys(0L, 1L, 2L, 5L);
        clock.advance(Duration.ofMinutes(1));
        FrozenChunks again = await(service.freezeForMigration(TABLE, 0, T0 + 3 * SECOND));
        assertThat(again.migrationId()).isGreaterThan(frozen.migrationId());
        assertThat(points(again.series(), series("a"))).containsOnlyKeys(0L, 1L, 2L);
        // the superseded id is acknowledged without dropping anything
        await(service.commitMigration(TABLE, 0, frozen.migrationId()));
        assertThat(cpu("a")).containsOnlyKeys(0L, 1L, 2L, 5L);
    }

    @Test
    void committedRowsDoNotComeBackAfterARestart() {
        start();
        await(service.write(new Doubles().add("a", 1, 1, 1.0).add("a", 2, 1, 2.0).add("a", 5, 1, 5.0).build()));
        FrozenChunks frozen = await(service.freezeForMigration(TABLE, 0, T0 + 3 * SECOND));
        await(service.write(new Doubles().add("a", 0, 1, 0.0).add("a", 6, 1, 6.0).build()));
        await(service.commitMigration(TABLE, 0, frozen.migrationId()));
        assertThat(cpu("a")).containsOnlyKeys(0L, 5L, 6L);
        await(service.commitMigration(TABLE, 0, frozen.migrationId()));   // a retried commit is harmless

        start();
        assertThat(cpu("a")).containsOnlyKeys(0L, 5L, 6L);
        assertThat(await(service.stats(TABLE, 0)).points()).isEqualTo(3);
        assertThatThrownBy(() -> await(service.commitMigration(TABLE, 0, frozen.migrationId() + 1_000_000)))
                .hasRootCauseInstanceOf(EngineException.class).hasMessageContaining("unknown migration id");
    }

    @Test
    void dropDeletesTheShardsFilesAndTheShardStartsEmptyAfterwards() {
        start();
        await(service.write(new Doubles().add("a", 1, 1, 1.0).build()));
        Path shardDir = ShardJournal.directory(dataDir, TABLE, 0).getParent();
        assertThat(shardDir).isDirectory();
        await(service.drop(TABLE, 0));
        assertThat(shardDir).doesNotExist();
        assertThat(meters.table(TABLE).usage().memoryStorePoints()).isZero();
        // until the dropped incarnation has stopped it answers NOT_FOUND; the next one starts empty
        List<SeriesChunks> afterDrop = null;
        for (int attempt = 0; attempt < 500 && afterDrop == null; attempt++) {
            try {
                afterDrop = await(service.scan(TABLE, 0, Long.MIN_VALUE, Long.MAX_VALUE));
            } catch (AssertionError e) {
                assertKind(e, ErrorKind.NOT_FOUND);
            }
        }
        assertThat(afterDrop).isEmpty();
        await(service.write(new Doubles().add("a", 1, 1, 2.0).build()));
        assertThat(cpu("a")).containsExactly(Map.entry(1L, "v1 measure_value::double=2.0"));
    }

    static EngineException engineFailure(Throwable thrown) {
        Throwable t = thrown;
        while (t != null && !(t instanceof EngineException)) {
            t = t instanceof CompletionException || t.getCause() != null ? t.getCause() : null;
        }
        assertThat(t).as("engine exception in " + thrown).isNotNull();
        return (EngineException) t;
    }

    static void assertKind(Throwable thrown, ErrorKind kind) {
        assertThat(engineFailure(thrown).kind()).isEqualTo(kind);
    }
}
