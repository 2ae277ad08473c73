package io.tidemark.engine.shard.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.shard.replica.ReplicaMessages.Append;
import io.tidemark.engine.shard.replica.ReplicaMessages.Appended;
import io.tidemark.engine.shard.replica.ReplicaMessages.HandOver;
import io.tidemark.engine.shard.replica.ReplicaMessages.KeeperCommand;
import io.tidemark.storage.journal.JournalEntry;
import io.tidemark.storage.journal.JournalOptions;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.serialization.KryoPool;
import io.tidemark.engine.testing.SingleNodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A starting shard catches up only from what every other copy told it: a copy that does not answer,
 * or the only copies answering that they are unavailable, may hold the acknowledged entries this
 * journal lacks, so the shard must not serve (nor ship its older journal over that copy).
 */
class CatchUpTest {

    private static final String TABLE = "0123456789abcdef";
    /** Short, so a silent keeper ends the catch-up soon; a deadline, not a speed assertion. */
    private static final ReplicationSettings SETTINGS = new ReplicationSettings(2, Duration.ofMillis(500), 2, 1 << 20,
            Duration.ofHours(1));

    @TempDir
    static Path systemDir;
    private static ActorTestKit testKit;

    @TempDir
    Path dataDir;
    private final KryoPool kryo = WriteBatchSerializer.register(KryoPool.builder()).build();
    private PrimaryJournal primary;
    private ShardJournal local;
    private ActorRef<KeeperCommand> holder;
    private ActorRef<KeeperCommand> empty;
    private ReplicaPeers peers;

    @BeforeAll
    static void startSystem() {
        testKit = ActorTestKit.create("catch-up", SingleNodeConfig.of(systemDir, SingleNodeConfig.PATIENT_EXPECT));
    }

    @AfterAll
    static void stopSystem() {
        testKit.shutdownTestKit();
    }

    /** The acknowledged journal has 4 entries: the keeper {@code holder} has them all, this shard's journal the first 2. */
    @BeforeEach
    void start() {
        primary = new PrimaryJournal(dataDir.resolve("primary"), TABLE);
        List<JournalEntry> entries = primary.append(4);
        local = ShardJournal.open(dataDir.resolve("local"), JournalOptions.defaults(), kryo);
        entries.subList(0, 2).forEach(local::appendReplicated);
        holder = testKit.spawn(ReplicaKeeper.create(dataDir.resolve("holder"), JournalOptions.defaults(), SETTINGS));
        empty = testKit.spawn(ReplicaKeeper.create(dataDir.resolve("empty"), JournalOptions.defaults(), SETTINGS));
        TestProbe<Appended> appended = testKit.createTestProbe();
        holder.tell(new Append(TABLE, 0, false, ShardJournal.NO_SEQUENCE, 0, entries, 0, appended.getRef()));
        assertThat(appended.receiveMessage().lastSequence()).isEqualTo(4);
        peers = new ReplicaPeers(testKit.system(), testKit.createTestProbe(KeeperCommand.class).getRef());
    }

    @AfterEach
    void stop() {
        testKit.stop(holder);
        testKit.stop(empty);
        local.close();
        primary.close();
    }


    private CatchUp.Result catchUp(List<ActorRef<KeeperCommand>> others) {
        TestProbe<CatchUp.Result> result = testKit.createTestProbe();
        testKit.spawn(CatchUp.create(TABLE, 0, local, peers, others, SETTINGS, result.getRef()));
        return result.receiveMessage();
    }

    @Test
    void takesTheEntriesItLacksFromTheMostAdvancedCopy() {
        CatchUp.Result result = catchUp(List.of(empty, holder));

        assertThat(result).isInstanceOf(CatchUp.CaughtUp.class);
        assertThat(((CatchUp.CaughtUp) result).appended()).isEqualTo(2);
        assertThat(local.lastSequence()).isEqualTo(4);
    }

    @Test
    void aCopyThatDoesNotAnswerFailsTheCatchUpInsteadOfServingFromTheOthers() {
        TestProbe<KeeperCommand> silent = testKit.createTestProbe();

        CatchUp.Result result = catchUp(List.of(empty, silent.getRef()));

        assertThat(result).as("the silent copy may hold entries 3 and 4").isInstanceOf(CatchUp.Failed.class);
        assertThat(((CatchUp.Failed) result).why()).contains("did not answer");
        assertThat(local.lastSequence()).isEqualTo(2);
    }

    @Test
    void copiesThatAreAllUnavailableFailTheCatchUp() {
        TestProbe<Done> handedOver = testKit.createTestProbe();
        holder.tell(new HandOver(TABLE, 0, handedOver.getRef()));
        handedOver.receiveMessage();

        CatchUp.Result result = catchUp(List.of(holder));

        assertThat(result).as("the copy handed over to a shard on its node holds entries 3 and 4")
                .isInstanceOf(CatchUp.Failed.class);
        assertThat(((CatchUp.Failed) result).why()).contains("unavailable");
        assertThat(local.lastSequence()).isEqualTo(2);
    }
}
