package io.tidemark.engine.shard.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.tidemark.engine.shard.replica.ReplicaMessages.Append;
import io.tidemark.engine.shard.replica.ReplicaMessages.Appended;
import io.tidemark.engine.shard.replica.ReplicaMessages.CopyDropped;
import io.tidemark.engine.shard.replica.ReplicaMessages.CopyStatus;
import io.tidemark.engine.shard.replica.ReplicaMessages.DropCopy;
import io.tidemark.engine.shard.replica.ReplicaMessages.GetCopy;
import io.tidemark.engine.shard.replica.ReplicaMessages.HandOver;
import io.tidemark.engine.shard.replica.ReplicaMessages.KeeperCommand;
import io.tidemark.engine.shard.replica.ReplicaMessages.Page;
import io.tidemark.engine.shard.replica.ReplicaMessages.Read;
import io.tidemark.engine.shard.replica.ReplicaMessages.TakeBack;
import io.tidemark.storage.journal.JournalEntry;
import io.tidemark.storage.journal.JournalOptions;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.serialization.KryoPool;
import io.tidemark.storage.serialization.PekkoKryoSerializer;
import io.tidemark.engine.testing.SingleNodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keeper's side of the replica protocol, and the Kryo form of every replica message. */
class ReplicaKeeperTest {

    private static final String TABLE = "0123456789abcdef";

    @TempDir
    Path dataDir;

    /** One actor system for the class (the keeper's serializers are bound there); a keeper per test. */
    private static ActorTestKit testKit;
    private ActorRef<KeeperCommand> keeper;
    private PrimaryJournal primary;

    @TempDir
    static Path systemDir;

    @BeforeAll
    static void startSystem() {
        testKit = ActorTestKit.create("replica-keeper", SingleNodeConfig.of(systemDir, SingleNodeConfig.PATIENT_EXPECT));
    }

    @AfterAll
    static void stopSystem() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void start() {
        keeper = testKit.spawn(ReplicaKeeper.create(dataDir.resolve("node"), JournalOptions.defaults(),
                new ReplicationSettings(2, Duration.ofSeconds(5), 2, 1 << 20, Duration.ofHours(1))));
        primary = new PrimaryJournal(dataDir.resolve("primary"), TABLE);
    }

    @AfterEach
    void stop() {
        primary.close();
        testKit.stop(keeper);
    }


    private Appended append(boolean fromScratch, long prevSequence, int prevChecksum, List<JournalEntry> entries) {
        return append(0, fromScratch, prevSequence, prevChecksum, entries);
    }

    private Appended append(int shard, boolean fromScratch, long prevSequence, int prevChecksum,
                            List<JournalEntry> entries) {
        TestProbe<Appended> probe = testKit.createTestProbe();
        keeper.tell(new Append(TABLE, shard, fromScratch, prevSequence, prevChecksum, entries, 0, probe.getRef()));
        return probe.receiveMessage();
    }

    private CopyDropped dropCopy(int shard) {
        TestProbe<CopyDropped> probe = testKit.createTestProbe();
        keeper.tell(new DropCopy(TABLE, shard, probe.getRef()));
        return probe.receiveMessage();
    }

    private CopyStatus status() {
        TestProbe<CopyStatus> probe = testKit.createTestProbe();
        keeper.tell(new GetCopy(TABLE, 0, probe.getRef()));
        return probe.receiveMessage();
    }

    private Page read(boolean fromStart, long after, int checksum) {
        TestProbe<Page> probe = testKit.createTestProbe();
        keeper.tell(new Read(TABLE, 0, fromStart, after, checksum, probe.getRef()));
        return probe.receiveMessage();
    }

    @Test
    void appendsOnlyWhereTheCopyEndsAndPagesItBackWithTheSameBytes() {
        List<JournalEntry> entries = primary.append(4);
        assertThat(status().lastSequence()).as("no copy yet").isEqualTo(ShardJournal.NO_SEQUENCE);

        Appended first = append(false, 0, 0, entries.subList(0, 3));
        assertThat(first.accepted()).isTrue();
        assertThat(first.lastSequence()).isEqualTo(3);
        assertThat(first.lastChecksum()).isEqualTo(entries.get(2).checksum());

        Appended gap = append(false, 4, entries.get(3).checksum(), entries.subList(3, 4));
        assertThat(gap.accepted()).as("the copy ends at 3, not 4").isFalse();
        assertThat(gap.lastSequence()).isEqualTo(3);
        Appended diverged = append(false, 3, entries.get(1).checksum(), entries.subList(3, 4));
        assertThat(diverged.accepted()).as("entry 3 differs").isFalse();
        assertThat(append(false, 3, entries.get(2).checksum(), entries.subList(3, 4)).lastSequence()).isEqualTo(4);

        CopyStatus status = status();
        assertThat(status.firstSequence()).isEqualTo(1);
        assertThat(status.lastSequence()).isEqualTo(4);
        Page page = read(false, 0, 0);
        assertThat(page.anchored()).isTrue();
        assertThat(page.entries()).extracting(JournalEntry::sequence).containsExactly(1L, 2L);
        assertThat(page.entries().get(1).frame()).isEqualTo(entries.get(1).frame());
        assertThat(read(false, 2, entries.get(1).checksum()).entries()).extracting(JournalEntry::sequence)
                .containsExactly(3L, 4L);
        assertThat(read(false, 2, 12345).anchored()).isFalse();
    }

    @Test
    void fromScratchReplacesTheCopy() {
        List<JournalEntry> entries = primary.append(6);
        append(false, 0, 0, entries.subList(0, 2));
        Appended replaced = append(true, 0, 0, entries.subList(4, 6));
        assertThat(replaced.accepted()).isTrue();
        assertThat(status().firstSequence()).isEqualTo(5);
        assertThat(status().lastSequence()).isEqualTo(6);
        assertThat(read(true, 0, 0).entries()).extracting(JournalEntry::sequence).containsExactly(5L, 6L);
    }

    /**
     * A reader that continues after a checkpoint covering entry C holds no entry to anchor on: it
     * reads from C + 1, which a copy starting after it (a gap) must not answer with entries.
     */
    @Test
    void aReaderContinuingAfterACheckpointReadsFromTheNextSequenceUnlessTheCopyHasAGapThere() {
        List<JournalEntry> entries = primary.append(6);
        assertThat(append(true, 0, 0, entries.subList(2, 6)).accepted()).as("a copy holding 3 to 6").isTrue();

        Page fromItsFirst = read(true, 2, 0);
        assertThat(fromItsFirst.anchored()).isTrue();
        assertThat(fromItsFirst.entries()).extracting(JournalEntry::sequence).containsExactly(3L, 4L);
        assertThat(fromItsFirst.entries().get(0).frame()).isEqualTo(entries.get(2).frame());
        Page inside = read(true, 4, 0);
        assertThat(inside.anchored()).as("the checksum is not compared: the checkpoint has none").isTrue();
        assertThat(inside.entries()).extracting(JournalEntry::sequence).containsExactly(5L, 6L);
        Page atTheEnd = read(true, 6, 0);
        assertThat(atTheEnd.anchored()).isTrue();
        assertThat(atTheEnd.entries()).isEmpty();

        Page gap = read(true, 1, 0);
        assertThat(gap.anchored()).as("entry 2 was released: the copy cannot continue a checkpoint at 1").isFalse();
        assertThat(gap.entries()).isEmpty();
        assertThat(read(true, 7, 0).anchored()).as("the copy ends before the checkpoint").isFalse();
    }

    @Test
    void aCopyHandedOverToTheShardIsUnavailableUntilTakenBack() {
        List<JournalEntry> entries = primary.append(1);
        append(false, 0, 0, entries);
        TestProbe<Done> done = testKit.createTestProbe();
        keeper.tell(new HandOver(TABLE, 0, done.getRef()));
        done.expectMessage(Done.getInstance());
        try (ShardJournal own = ShardJournal.open(ShardJournal.directory(dataDir.resolve("node"), TABLE, 0),
                JournalOptions.defaults(), WriteBatchSerializer.register(KryoPool.builder()).build())) {
            assertThat(own.lastSequence()).as("the entity opens the copy the keeper closed").isEqualTo(1);
            assertThat(status().lastSequence()).isEqualTo(ReplicaMessages.UNAVAILABLE);
            assertThat(append(false, 1, entries.get(0).checksum(), List.of()).lastSequence())
                    .isEqualTo(ReplicaMessages.UNAVAILABLE);
            assertThat(read(false, 0, 0).lastSequence()).isEqualTo(ReplicaMessages.UNAVAILABLE);
        }
        keeper.tell(new TakeBack(TABLE, 0));
        assertThat(status().lastSequence()).isEqualTo(1);
    }

    @Test
    void droppingCopiesDeletesThemAndTheTableDirectoryWithTheLast() {
        List<JournalEntry> entries = primary.append(2);
        Path node = dataDir.resolve("node");
        assertThat(append(0, false, 0, 0, entries).accepted()).isTrue();
        assertThat(append(1, false, 0, 0, entries).accepted()).isTrue();
        assertThat(status().lastSequence()).as("copy of shard 0 open in the keeper").isEqualTo(2);

        CopyDropped first = dropCopy(0);
        assertThat(first.deleted()).isTrue();
        assertThat(first.shard()).isZero();
        assertThat(ShardJournal.directory(node, TABLE, 0).getParent()).doesNotExist();
        assertThat(ShardJournal.directory(node, TABLE, 1)).as("another shard's copy stays").isDirectory();
        assertThat(status().lastSequence()).isEqualTo(ShardJournal.NO_SEQUENCE);

        assertThat(dropCopy(1).deleted()).isTrue();
        assertThat(ShardJournal.tableDirectory(node, TABLE)).as("deleted with its last shard").doesNotExist();
        assertThat(dropCopy(1).deleted()).as("dropping a copy the node does not hold").isTrue();
    }

    @Test
    void aCopyNothingUsedBetweenTwoTicksIsClosedAndReopensOnItsNextUse() {
        List<JournalEntry> entries = primary.append(3);
        append(false, 0, 0, entries.subList(0, 2));
        Path copyDir = ShardJournal.directory(dataDir.resolve("node"), TABLE, 0);
        KryoPool kryo = WriteBatchSerializer.register(KryoPool.builder()).build();

        // used since the last tick: kept open, so the directory is still locked by the keeper
        keeper.tell(ReplicaMessages.CloseIdle.INSTANCE);
        assertThat(status().lastSequence()).isEqualTo(2);
        keeper.tell(ReplicaMessages.CloseIdle.INSTANCE);
        assertThatThrownBy(() -> ShardJournal.open(copyDir, JournalOptions.defaults(),
                kryo)).hasMessageContaining("cannot open queue");

        // a tick with no use in between closes it: the directory can be opened by someone else
        keeper.tell(ReplicaMessages.CloseIdle.INSTANCE);
        TestProbe<CopyStatus> otherShard = testKit.createTestProbe();
        keeper.tell(new GetCopy(TABLE, 1, otherShard.getRef()));
        otherShard.receiveMessage(); // the tick before it has been handled
        try (ShardJournal copy = ShardJournal.open(copyDir, JournalOptions.defaults(), kryo)) {
            assertThat(copy.lastSequence()).isEqualTo(2);
        }

        // and the next append reopens it where it ended
        Appended next = append(false, 2, entries.get(1).checksum(), entries.subList(2, 3));
        assertThat(next.accepted()).isTrue();
        assertThat(next.lastSequence()).isEqualTo(3);
    }

    @Test
    void aCopyHostedByTheShardOnThisNodeIsNotDropped() {
        append(false, 0, 0, primary.append(1));
        TestProbe<Done> done = testKit.createTestProbe();
        keeper.tell(new HandOver(TABLE, 0, done.getRef()));
        done.expectMessage(Done.getInstance());
        assertThat(dropCopy(0).deleted()).isFalse();
        assertThat(ShardJournal.directory(dataDir.resolve("node"), TABLE, 0)).isDirectory();
    }

    @Test
    void everyReplicaMessageTravelsAsKryoUnderItsPinnedId() {
        List<JournalEntry> entries = primary.append(2);
        ActorRef<KeeperCommand> self = keeper;
        TestProbe<Object> probe = testKit.createTestProbe();
        List<Object> messages = List.of(
                new Append(TABLE, 3, true, 7, -5, entries, 2, probe.getRef().narrow()),
                new Appended(TABLE, 3, false, ReplicaMessages.UNAVAILABLE, 42, self),
                new GetCopy(TABLE, 3, probe.getRef().narrow()),
                new CopyStatus(TABLE, 3, 5, 9, -1, self),
                new Read(TABLE, 3, false, 9, 77, probe.getRef().narrow()),
                new Page(TABLE, 3, true, entries, 9),
                new HandOver(TABLE, 3, probe.getRef().narrow()),
                new TakeBack(TABLE, 3),
                new DropCopy(TABLE, 3, probe.getRef().narrow()),
                new CopyDropped(TABLE, 3, true, self));
        Serialization serialization = SerializationExtension.get(testKit.system().classicSystem());
        for (Object message : messages) {
            Serializer serializer = serialization.findSerializerFor(message);
            assertThat(serializer.identifier()).as(message.getClass().getSimpleName())
                    .isEqualTo(PekkoKryoSerializer.IDENTIFIER);
            Object back = serialization.deserialize(serialization.serialize(message).get(), serializer.identifier(), "")
                    .get();
            assertThat(back).usingRecursiveComparison().isEqualTo(message);
        }
        Config classes = testKit.system().settings().config().getConfig(PekkoKryoSerializer.CLASSES_PATH);
        Map<Class<?>, Integer> pinned = Map.of(Append.class, 450, Appended.class, 451, GetCopy.class, 452,
                CopyStatus.class, 453, Read.class, 454, Page.class, 455, HandOver.class, 456, TakeBack.class, 457,
                DropCopy.class, 458, CopyDropped.class, 459);
        pinned.forEach((type, id) -> assertThat(classes.getInt("\"" + type.getName() + "\".id"))
                .as(type.getSimpleName()).isEqualTo(id));
    }
}
