package io.tidemark.storage.pekko;

import static io.tidemark.storage.pekko.JournalClient.atomicWrite;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replicated journal on real cluster members in one JVM (loopback remoting, Kryo messages),
 * each with its own journal directory: writes reach every member, a member that joins late is
 * caught up on the next write, and a recovery copies what the local journal lacks first. A
 * member's own copy is inspected with {@link ReplicaMessages.HighestOf}, which copies nothing.
 */
class ReplicatedJournalTest {

    /** Deadlines for a busy shared machine, not speed assertions. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<ActorTestKit> members = new ArrayList<>();

    @AfterEach
    void stop() {
        for (int i = members.size() - 1; i >= 0; i--) {
            members.get(i).shutdownTestKit();
        }
    }

    private Config config(int i) {
        Path home = dir.resolve("member-" + i);
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = "127.0.0.1"
                pekko.remote.artery.canonical.port = 0
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                pekko.actor.serializers.kryo = "io.tidemark.storage.serialization.PekkoKryoSerializer"
                pekko.actor.serialization-bindings { "io.tidemark.storage.serialization.KryoSerializable" = kryo }
                tidemark.persistence.journal.class = "io.tidemark.storage.pekko.ReplicatedJournal"
                # A member stopped by the test leaves no cluster: the others see it unreachable, as a crash.
                pekko.coordinated-shutdown.run-by-actor-system-terminate = off
                tidemark.persistence.journal.replication-timeout = 2s
                # As the node configs do: every member's journal runs from the start, ready for copies.
                pekko.extensions = ["org.apache.pekko.persistence.Persistence"]
                pekko.persistence.journal.auto-start-journals = ["tidemark.persistence.journal"]
                # As cluster-config's single-node.conf does for the journal's path.
                pekko.remote.artery.large-message-destinations = ["/system/tidemark.persistence.journal"]
                pekko.remote.artery.advanced.maximum-large-frame-size = 16MiB
                """).withFallback(PluginTestSupport.config(home));
    }

    /** Starts member {@code i} and joins it to the first member; waits until every member sees all Up. */
    private ActorTestKit join(int i) {
        ActorTestKit member = ActorTestKit.create("tidemark", config(i));
        Cluster cluster = Cluster.get(Adapter.toClassic(member.system()));
        cluster.join(members.isEmpty() ? cluster.selfAddress()
                : Cluster.get(Adapter.toClassic(members.get(0).system())).selfAddress());
        members.add(member);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!members.stream().allMatch(m -> allUp(m, members.size()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("members did not all see " + members.size() + " members Up");
            }
            pause();
        }
        return member;
    }

    private static boolean allUp(ActorTestKit member, int size) {
        int up = 0;
        for (Member m : Cluster.get(Adapter.toClassic(member.system())).state().getMembers()) {
            up += m.status() == MemberStatus.up() ? 1 : 0;
        }
        return up == size;
    }

    /** How far member {@code m}'s own copy of {@code pid} goes. */
    private static long localHighest(ActorTestKit m, String pid) throws Exception {
        ActorRef journal = Persistence.get(Adapter.toClassic(m.system()))
                .journalFor(PluginTestSupport.JOURNAL, ConfigFactory.empty());
        Object answer = Patterns.ask(journal, new ReplicaMessages.HighestOf(pid), DEADLINE)
                .toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        return ((ReplicaMessages.Position) answer).highestSequenceNr();
    }

    private static void awaitLocalHighest(ActorTestKit m, String pid, long expected) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (localHighest(m, pid) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("copy of " + pid + " did not reach " + expected);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void writesReachEveryMemberALateMemberCatchesUpAndRecoveryCopiesFirst() throws Exception {
        ActorTestKit a = join(0);
        ActorTestKit b = join(1);
        JournalClient writer = new JournalClient(a);
        assertThat(writer.write(atomicWrite("catalog", 1, "e1", "e2"), atomicWrite("catalog", 3, "e3"),
                atomicWrite("other", 1, "o1"))).allMatch(r -> r instanceof JournalProtocol.WriteMessageSuccess);
        // Two members: a majority is both, so the write was confirmed only once b had it.
        assertThat(localHighest(b, "catalog")).isEqualTo(3);
        assertThat(localHighest(b, "other")).isEqualTo(1);

        ActorTestKit c = join(2);
        assertThat(localHighest(c, "catalog")).isZero();
        // The next write finds c's copy behind and sends it the events before the batch.
        assertThat(writer.write(atomicWrite("catalog", 4, "e4"))).allMatch(
                r -> r instanceof JournalProtocol.WriteMessageSuccess);
        awaitLocalHighest(c, "catalog", 4);
        assertThat(new JournalClient(c).replayAll("catalog").payloads()).containsExactly("e1", "e2", "e3", "e4");

        // "other" never reached c: replaying it there copies it from the others first.
        assertThat(localHighest(c, "other")).isZero();
        JournalClient.Replay other = new JournalClient(c).replayAll("other");
        assertThat(other.payloads()).containsExactly("o1");
        assertThat(other.highestSequenceNr()).isEqualTo(1);
        assertThat(localHighest(c, "other")).isEqualTo(1);
    }

    @Test
    void eventsLargerThanArterysOrdinaryFrameAreCopiedAndCaughtUp() throws Exception {
        ActorTestKit a = join(0);
        ActorTestKit b = join(1);
        // six events of 100 KiB: one batch of 600 KiB, more than a 256 KiB frame holds
        String[] wide = new String[6];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = String.valueOf((char) ('a' + i)).repeat(100 * 1024);
        }
        JournalClient writer = new JournalClient(a);
        assertThat(writer.write(atomicWrite("wide", 1, wide))).allMatch(
                r -> r instanceof JournalProtocol.WriteMessageSuccess);
        assertThat(localHighest(b, "wide")).isEqualTo(6);

        // A late member's recovery copies them in pages cut below the frame.
        ActorTestKit c = join(2);
        assertThat(new JournalClient(c).replayAll("wide").payloads()).containsExactly((Object[]) wide);
        assertThat(localHighest(c, "wide")).isEqualTo(6);
    }

    @Test
    void aWriteNoMajorityStoredFailsAndARecoveryNoMajorityAnswersFails() throws Exception {
        ActorTestKit a = join(0);
        ActorTestKit b = join(1);
        JournalClient journal = new JournalClient(a);
        assertThat(journal.write(atomicWrite("quorum", 1, "e1"))).allMatch(
                r -> r instanceof JournalProtocol.WriteMessageSuccess);

        members.remove(b);
        b.shutdownTestKit();
        // b is still an Up member, unreachable: a alone is no majority of two.
        assertThat(journal.writeFailure(atomicWrite("quorum", 2, "e2")))
                .hasMessageContaining("cannot replicate events: persistenceId=quorum");
        assertThat(journal.replayFailure("quorum")).hasMessageContaining("cannot recover persistenceId=quorum");
    }

    @Test
    void aLoneMemberWritesAndReplaysLocallyAndDeletionIsRefused() {
        ActorTestKit a = join(0);
        JournalClient journal = new JournalClient(a);
        assertThat(journal.write(atomicWrite("alone", 1, "e1", "e2"))).allMatch(
                r -> r instanceof JournalProtocol.WriteMessageSuccess);
        assertThat(journal.replayAll("alone").payloads()).containsExactly("e1", "e2");
        assertThat(journal.deleteFailure("alone", 1)).hasMessageStartingWith("cannot delete events");
    }
}
