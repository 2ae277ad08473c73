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
import io.tidemark.engine.testing.LoopbackCluster;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchBuilder;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.serialization.KryoSerializable;
import io.tidemark.storage.serialization.PekkoKryoSerializer;
import java.io.NotSerializableException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The series-shard protocol between three nodes on loopback (real remoting, real Kryo): every
 * operation of {@link SeriesShardService} is sent from a node other than the one Cluster Sharding
 * placed the shard on, and a message the serializers do not list never reaches its actor.
 */
class ShardWireClusterTest {

    private static final MagneticReader NO_MAGNETIC = (table, key, from, to) -> List.of();
    private static final Duration ANSWER = Duration.ofSeconds(30);

    /** Marked for Kryo but registered nowhere: the sender's serializer must refuse it. */
    public record Unlisted(String text) implements KryoSerializable {}

    /** Registered on node 0 only (test id 990): node 1 must refuse the bytes on receipt. */
    public record ListedOnNodeZero(String text) implements KryoSerializable {}

    @TempDir
    static Path root;

    @AutoClose
    private static LoopbackCluster cluster;
    private static SeriesShardService[] services;
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));

    @BeforeAll
    static void startCluster() {
        // rebalancing would move a shard away from its journal (replication is not part of this test)
        // the smallest frame Artery allows, so a modest scan needs several parts
        cluster = LoopbackCluster.start(3, root, i -> "tidemark.engine.ask-timeout = 20s\n"
                + "pekko.remote.artery.advanced.maximum-frame-size = 32KiB\n"
                + "pekko.cluster.sharding.rebalance-interval = 1h\n"
                + (i == 0 ? PekkoKryoSerializer.CLASSES_PATH + " { \"" + ListedOnNodeZero.class.getName() + "\" = 990 }"
                        : ""));
        services = new SeriesShardService[3];
        for (int i = 0; i < 3; i++) {
            services[i] = SeriesShardService.init(cluster.node(i), cluster.dataDir(i), CLOCK, NO_MAGNETIC,
                    new EngineMeters());
        }
    }

    @Test
    void everyNodeWritesScansAndReadsStatsOfShardsPlacedOnOtherNodes() {
        int shards = 6;
        int[] host = start(TABLE, shards);
        Map<Integer, Map<Long, String>> expected = new TreeMap<>();
        for (int s = 0; s < shards; s++) {
            int writer = (host[s] + 1) % 3;
            assertThat(writer).isNotEqualTo(host[s]);
            ShardWriteResult result = await(services[writer].write(new Doubles(s).add("h" + s, 1, 1, s)
                    .add("h" + s, 2, 1, s + 0.5).build()));
            assertThat(result.rejections()).isEmpty();
            expected.put(s, Map.of(1L, "v1 measure_value::double=" + (double) s,
                    2L, "v1 measure_value::double=" + (s + 0.5)));
        }

        // duplicates are refused per row, and the rejections come back across the wire
        ShardWriteResult duplicates = await(services[(host[0] + 2) % 3].write(new Doubles(0)
                .add("h0", 1, 1, 99.0).add("h0", 2, 0, 7.0).add("h0", 3, 1, 3.0).build()));
        assertThat(duplicates.rejections()).containsExactly(new RowRejection(0, 1, false), new RowRejection(1, 1, true));
        expected.put(0, Map.of(1L, "v1 measure_value::double=0.0", 2L, "v1 measure_value::double=0.5",
                3L, "v1 measure_value::double=3.0"));

        for (int node = 0; node < 3; node++) {
            for (int s = 0; s < shards; s++) {
                List<SeriesChunks> scanned = await(services[node].scan(TABLE, s, Long.MIN_VALUE, Long.MAX_VALUE));
                assertThat(points(scanned, series("h" + s))).as("node %d, shard %d", node, s)
                        .isEqualTo(expected.get(s));
                ShardStats stats = await(services[node].stats(TABLE, s));
                assertThat(stats.series()).isEqualTo(1);
                assertThat(stats.points()).isEqualTo(expected.get(s).size());
                assertThat(stats.journalBytes()).isPositive();
            }
        }
        // a ranged scan selects on the shard's node
        assertThat(await(services[(host[0] + 1) % 3].scan(TABLE, 0, T0 + 3 * SECOND, T0 + 9 * SECOND)))
                .extracting(SeriesChunks::series).containsExactly(series("h0"));
    }

    @Test
    void freezeCommitErrorsAndDropReachAShardOnAnotherNode() {
        String table = "fedcba9876543210";
        int host = start(table, 1)[0];
        int asker = (host + 1) % 3;
        assertThat(await(services[asker].write(batch(table, 1, 2, 5))).rejections()).isEmpty();

        FrozenChunks frozen = await(services[asker].freezeForMigration(table, 0, T0 + 3 * SECOND));
        assertThat(frozen.cutoffNanos()).isEqualTo(T0 + 3 * SECOND);
        assertThat(points(frozen.series(), series("a"))).containsOnlyKeys(1L, 2L);
        await(services[(host + 2) % 3].commitMigration(table, 0, frozen.migrationId()));
        assertThat(points(await(services[asker].scan(table, 0, Long.MIN_VALUE, Long.MAX_VALUE)), series("a")))
                .containsOnlyKeys(5L);
        assertThat(await(services[asker].stats(table, 0)).points()).isEqualTo(1);

        // the shard's own error arrives as the same EngineException: kind and message
        long unknown = frozen.migrationId() + 1000;
        Throwable refused = failure(services[asker].commitMigration(table, 0, unknown));
        assertThat(refused).isInstanceOf(EngineException.class);
        assertThat(((EngineException) refused).kind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(refused.getMessage()).isEqualTo("cannot commit migration: unknown migration id, table=" + table
                + ", shard=0, migrationId=" + unknown + ", pending=" + MemoryStore.NO_MIGRATION);

        Path journal = ShardJournal.directory(cluster.dataDir(host), table, 0);
        assertThat(journal).isDirectory();
        await(services[asker].drop(table, 0));
        assertThat(journal).doesNotExist();
    }

    @Test
    void aScanOrFreezeLargerThanARemotingFrameArrivesInPartsAndWhole() {
        String table = "00aa00bb00cc00dd";
        int host = start(table, 1)[0];
        int asker = (host + 1) % 3;
        java.util.Random random = new java.util.Random(7);
        Map<String, Map<Long, String>> written = new TreeMap<>();
        for (int round = 0; round < 8; round++) {
            WriteBatchBuilder b = WriteBatch.builder(table, 0);
            int column = b.column(TestRows.VALUE, MeasureType.DOUBLE);
            for (int n = 0; n < 40; n++) {
                for (int p = 0; p < 25; p++) {
                    long second = round * 25L + p;
                    double value = random.nextDouble();
                    b.addRow(b.series(series("s" + n)), T0 + second * SECOND, 1);
                    b.setDouble(column, value);
                    written.computeIfAbsent("s" + n, k -> new TreeMap<>()).put(second,
                            "v1 measure_value::double=" + value);
                }
            }
            assertThat(await(services[asker].write(b.build())).rejections()).isEmpty();
        }

        List<SeriesChunks> remote = await(services[asker].scan(table, 0, Long.MIN_VALUE, Long.MAX_VALUE));
        long bytes = remote.stream().flatMap(s -> s.chunks().stream()).mapToLong(c -> c.bytes().length).sum();
        assertThat(bytes).as("chunk bytes of the answer: at least three parts, twice a frame").isGreaterThan(2 * ScanParts.partBytes(cluster.config(host)));
        assertThat(remote).extracting(SeriesChunks::series).doesNotHaveDuplicates().hasSize(40);
        List<SeriesChunks> local = await(services[host].scan(table, 0, Long.MIN_VALUE, Long.MAX_VALUE));
        for (int s = 0; s < 40; s++) {
            assertThat(points(remote, series("s" + s))).as("series s%d", s).isEqualTo(written.get("s" + s))
                    .isEqualTo(points(local, series("s" + s)));
        }

        // the tier migrator's freeze of the same shard from another node is cut into parts the same way
        FrozenChunks frozen = await(services[asker].freezeForMigration(table, 0, T0 + 1_000 * SECOND));
        assertThat(frozen.more()).isNull();
        assertThat(frozen.series()).extracting(SeriesChunks::series).doesNotHaveDuplicates().hasSize(40);
        for (int s = 0; s < 40; s++) {
            assertThat(points(frozen.series(), series("s" + s))).as("frozen series s%d", s)
                    .isEqualTo(written.get("s" + s));
        }
        await(services[asker].commitMigration(table, 0, frozen.migrationId()));
        assertThat(await(services[asker].scan(table, 0, Long.MIN_VALUE, Long.MAX_VALUE))).isEmpty();
    }

    @Test
    void aMessageTheSerializersDoNotListNeverReachesTheOtherNode() throws InterruptedException {
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        ActorRef<Object> receiver = cluster.node(1).systemActorOf(Behaviors.receive(Object.class)
                .onAnyMessage(m -> {
                    received.add(m);
                    return Behaviors.same();
                }).build(), "wire-receiver", Props.empty());
        ActorRef<Object> remote = ActorRefResolver.get(cluster.node(0))
                .resolveActorRef(ActorRefResolver.get(cluster.node(1)).toSerializationFormat(receiver));

        // the sender's serializer refuses a class it does not list ...
        Serialization senderSide = SerializationExtension.get(Adapter.toClassic(cluster.node(0)));
        Unlisted unlisted = new Unlisted("never sent");
        assertThatThrownBy(() -> senderSide.findSerializerFor(unlisted).toBinary(unlisted))
                .isInstanceOf(NotSerializableException.class).hasMessageContaining(Unlisted.class.getName());
        // ... and the receiver refuses bytes naming an id it does not list
        ListedOnNodeZero listed = new ListedOnNodeZero("never read");
        byte[] bytes = senderSide.findSerializerFor(listed).toBinary(listed);
        Serialization receiverSide = SerializationExtension.get(Adapter.toClassic(cluster.node(1)));
        assertThat(receiverSide.deserialize(bytes, PekkoKryoSerializer.IDENTIFIER, "").failed().get())
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("cannot deserialize with Kryo");

        remote.tell(unlisted);
        remote.tell(listed);
        ShardStats registered = new ShardStats(1, 2, 3, 4);
        remote.tell(registered);
        // messages between two nodes arrive in order: the first one delivered is the registered one
        assertThat(received.poll(ANSWER.toSeconds(), TimeUnit.SECONDS)).isEqualTo(registered);
        assertThat(received).isEmpty();
    }

    /** Starts shards {@code 0..shards-1} of {@code table} (asked from node 0) and answers the node each runs on. */
    private static int[] start(String table, int shards) {
        for (int s = 0; s < shards; s++) {
            await(services[0].stats(table, s));
        }
        int[] host = new int[shards];
        for (int s = 0; s < shards; s++) {
            host[s] = -1;
            for (int node = 0; node < 3; node++) {
                if (entities(cluster.node(node)).contains(SeriesShard.entityId(table, s))) {
                    assertThat(host[s]).as("shard %d runs on one node", s).isEqualTo(-1);
                    host[s] = node;
                }
            }
            assertThat(host[s]).as("node running shard %d of %s", s, table).isNotNegative();
        }
        return host;
    }

    private static List<String> entities(ActorSystem<?> node) {
        ShardRegion.CurrentShardRegionState state = await(AskPattern.ask(ClusterSharding.get(node).shardState(),
                (ActorRef<ShardRegion.CurrentShardRegionState> replyTo) -> new GetShardRegionState(SeriesShard.TYPE_KEY,
                        replyTo), ANSWER, node.scheduler()));
        return state.getShards().stream().flatMap(shard -> shard.getEntityIds().stream()).toList();
    }

    private static WriteBatch batch(String table, long... seconds) {
        WriteBatchBuilder b = WriteBatch.builder(table, 0);
        int column = b.column(TestRows.VALUE, MeasureType.DOUBLE);
        for (long second : seconds) {
            b.addRow(b.series(series("a")), T0 + second * SECOND, 1);
            b.setDouble(column, second);
        }
        return b.build();
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer: " + e, e);
        }
    }

    private static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("no answer: " + e, e);
        }
        throw new AssertionError("expected a failure, got an answer");
    }
}
