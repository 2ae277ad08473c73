package io.tidemark.storage.pekko;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.japi.pf.ReceiveBuilder;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import scala.PartialFunction;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;
import scala.runtime.BoxedUnit;

/**
 * The journal plugin of a cluster: {@link ChronicleJournal}'s local Chronicle Queue, plus a copy
 * of every event batch in the same plugin on each other Up member, so that a persistent actor
 * running as a cluster singleton (the catalog) recovers fully on whichever node it restarts.
 * Configuration: {@code tidemark.persistence.journal} in {@code reference.conf}
 * ({@code replication-timeout}); messages between nodes: <a
 * href="../../../../../../../../docs/formats/pekko-journal-replication.md">
 * docs/formats/pekko-journal-replication.md</a>.
 *
 * <ul>
 *   <li>Write: each AtomicWrite is appended locally (as by {@link ChronicleJournal}), then sent to
 *       every other Up member; the write is confirmed once a majority of the Up members (this one
 *       included) has stored it, and fails when that can no longer happen or
 *       {@code replication-timeout} passes. A member whose copy ends before the batch is first sent
 *       the events it lacks, from this node's journal (so a node that rejoins catches up on the
 *       next write).
 *   <li>Recovery: before the replay, the highest sequence number of the persistence id is asked of
 *       the reachable Up members; unless a majority of the members (this one included) answers,
 *       recovery fails (the actor retries with its backoff). Events past the local copy are copied
 *       from the most advanced member into the local journal, then replayed locally.
 *   <li>A member alone (a cluster of one) has no one to ask or copy to: every call completes as
 *       {@link ChronicleJournal}'s does, with no extra work but one read of the membership.
 * </ul>
 *
 * <p>Message sizes: appends and catch-up batches are sent to this plugin's path
 * ({@code /system/tidemark.persistence.journal}), which the node configs list among Artery's
 * large-message destinations (16 MiB frames), so a wide schema event is not dropped; answers to a
 * {@link ReplicaMessages.ReadFrom} go back to the asker's temporary actor on the ordinary stream
 * (256 KiB frames) and are cut to {@link #EVENTS_PAGE_BYTES}.
 *
 * <p>Deleting events is refused: a copy missing deleted events could not be caught up by
 * sequence number, and the catalog keeps every event. A write that reached this node's journal but
 * no majority stays in it (the actor restarts and recovers from the majority's copies, which never
 * hold it); should this node's copy later be the most advanced one, recovery would bring that write
 * back. Snapshots stay local, each node's own.
 */
public final class ReplicatedJournal extends AsyncWriteJournal {

    /** Events per message when a member's copy is caught up, well under Artery's frame size. */
    static final int CATCH_UP_EVENTS = 128;
    /** At most this many bytes of events answer one {@link ReplicaMessages.ReadFrom} (see {@link ReplicaMessages.Events#within}). */
    static final long EVENTS_PAGE_BYTES = 128 * 1024;

    private final LocalJournal journal;
    private final ActorSystem system;
    private final Cluster cluster;
    private final String selfPath;
    private final Duration timeout;
    private final LoggingAdapter log;

    /** Called by Pekko with the plugin's configuration section. */
    public ReplicatedJournal(Config config) {
        this.system = context().system();
        this.journal = new LocalJournal(PluginSettings.of(config), system);
        this.cluster = Cluster.get(system);
        this.selfPath = self().path().toStringWithoutAddress();
        this.timeout = config.getDuration("replication-timeout");
        this.log = Logging.getLogger(system, getClass());
    }

    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        LocalJournal.Written written;
        try {
            written = journal.write(messages);
        } catch (RuntimeException e) {
            return Futures.failed(e);
        }
        List<Address> peers = upPeers(false);
        if (peers.isEmpty() || written.appended().isEmpty()) {
            return Futures.successful(written.results());
        }
        ReplicaMessages.Append append = new ReplicaMessages.Append(written.appended());
        Quorum quorum = new Quorum(majority(peers.size() + 1) - 1, peers.size(),
                "cannot replicate events: persistenceId=" + written.appended().get(0).persistenceId()
                        + ", lastSequenceNr=" + written.appended().get(written.appended().size() - 1).lastSequenceNr());
        for (Address peer : peers) {
            replicate(peer, append).whenComplete((done, failure) -> quorum.answer(peer, failure));
        }
        Iterable<Optional<Exception>> results = written.results();
        return FutureConverters.asScala(quorum.reached.thenApply(done -> results));
    }

    @Override
    public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
        return Futures.failed(new UnsupportedOperationException("cannot delete events of a replicated journal:"
                + " persistenceId=" + persistenceId + ", toSequenceNr=" + toSequenceNr
                + " (copies on other members are caught up by sequence number)"));
    }

    @Override
    public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
            Consumer<PersistentRepr> replayCallback) {
        return CompletedFutures.run(() -> journal.replay(persistenceId, fromSequenceNr, toSequenceNr, max,
                replayCallback));
    }

    /** Pekko asks this before every replay: it is where the local copy catches up with the others. */
    @Override
    public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
        int members = upPeers(false).size() + 1;
        if (members == 1) {
            return Futures.successful(journal.highestSequenceNr(persistenceId));
        }
        List<Address> reachable = upPeers(true);
        List<CompletableFuture<ReplicaMessages.Position>> answers = new ArrayList<>(reachable.size());
        for (Address peer : reachable) {
            answers.add(ask(peer, new ReplicaMessages.HighestOf(persistenceId), ReplicaMessages.Position.class)
                    .exceptionally(failure -> null).toCompletableFuture());
        }
        CompletionStage<Long> caughtUp = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenCompose(all -> {
                    Address best = null;
                    long bestHighest = journal.highestSequenceNr(persistenceId);
                    int answered = 0;
                    for (int i = 0; i < answers.size(); i++) {
                        ReplicaMessages.Position p = answers.get(i).join();
                        if (p != null) {
                            answered++;
                            if (p.highestSequenceNr() > bestHighest) {
                                best = reachable.get(i);
                                bestHighest = p.highestSequenceNr();
                            }
                        }
                    }
                    if (answered + 1 < majority(members)) {
                        throw new IllegalStateException("cannot recover persistenceId=" + persistenceId + ": "
                                + answered + " of " + (members - 1) + " other members answered, "
                                + (majority(members) - 1) + " needed");
                    }
                    return best == null ? CompletableFuture.completedFuture(null) : copyFrom(best, persistenceId);
                })
                .thenApply(done -> journal.highestSequenceNr(persistenceId));
        return FutureConverters.asScala(caughtUp);
    }

    /** Copies {@code peer}'s events of the id past the local copy into the local journal. */
    private CompletionStage<Void> copyFrom(Address peer, String persistenceId) {
        long after = journal.highestSequenceNr(persistenceId);
        return ask(peer, new ReplicaMessages.ReadFrom(persistenceId, after + 1, CATCH_UP_EVENTS),
                ReplicaMessages.Events.class).thenCompose(answer -> {
                    if (answer.events().isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    StoredEventBatch batch = continuing(new StoredEventBatch(answer.events()), after, peer);
                    journal.append(batch);
                    log.info("copied events {}..{} of {} from {}", batch.firstSequenceNr(), batch.lastSequenceNr(),
                            persistenceId, peer);
                    return copyFrom(peer, persistenceId);
                });
    }

    /** Sends {@code append} to {@code peer}, first catching its copy up wherever it reports one behind. */
    private CompletionStage<Void> replicate(Address peer, ReplicaMessages.Append append) {
        return ask(peer, append, ReplicaMessages.Appended.class).thenCompose(answer -> {
            CompletionStage<Void> all = CompletableFuture.completedFuture(null);
            for (ReplicaMessages.Position behind : answer.behind()) {
                all = all.thenCompose(done -> catchUp(peer, behind));
            }
            return all;
        });
    }

    private CompletionStage<Void> catchUp(Address peer, ReplicaMessages.Position at) {
        List<StoredEvent> events = journal.read(at.persistenceId(), at.highestSequenceNr() + 1, CATCH_UP_EVENTS);
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        StoredEventBatch batch = continuing(new StoredEventBatch(events), at.highestSequenceNr(), peer);
        return ask(peer, new ReplicaMessages.Append(List.of(batch)), ReplicaMessages.Appended.class)
                .thenCompose(answer -> catchUp(peer, answer.behind().isEmpty()
                        ? new ReplicaMessages.Position(at.persistenceId(), batch.lastSequenceNr())
                        : answer.behind().get(0)));
    }

    /** {@code batch} if it starts right after {@code highest}; a gap means events were deleted. */
    private static StoredEventBatch continuing(StoredEventBatch batch, long highest, Address peer) {
        if (batch.firstSequenceNr() != highest + 1) {
            throw new IllegalStateException("cannot copy events between " + peer + " and this node: persistenceId="
                    + batch.persistenceId() + ", copy ends at " + highest + ", next stored event is "
                    + batch.firstSequenceNr());
        }
        return batch;
    }

    /**
     * Asks the journal plugin of {@code peer} through a reference resolved from its path, not an
     * actor selection: Artery matches large-message destinations against the recipient's path,
     * and a selection's recipient is the peer's root, so a selected message would take the
     * ordinary stream whatever its size.
     */
    private <T> CompletionStage<T> ask(Address peer, Object message, Class<T> answer) {
        ActorRef journalOfPeer = ((ExtendedActorSystem) system).provider().resolveActorRef(peer + selfPath);
        return Patterns.ask(journalOfPeer, message, timeout).thenApply(answer::cast);
    }

    /** The plugin's side of replication: what other members' journals ask of this one. */
    @Override
    public PartialFunction<Object, BoxedUnit> receivePluginInternal() {
        return ReceiveBuilder.create()
                .match(ReplicaMessages.Append.class, m -> {
                    try {
                        sender().tell(storeCopies(m), self());
                    } catch (RuntimeException e) {
                        // No answer: the writer counts this member as failed when its ask times out.
                        log.error(e, "cannot store replicated events");
                    }
                })
                .match(ReplicaMessages.HighestOf.class, m -> sender().tell(new ReplicaMessages.Position(
                        m.persistenceId(), journal.highestSequenceNr(m.persistenceId())), self()))
                .match(ReplicaMessages.ReadFrom.class, m -> sender().tell(ReplicaMessages.Events.within(
                        journal.read(m.persistenceId(), m.fromSequenceNr(), m.maxEvents()), EVENTS_PAGE_BYTES),
                        self()))
                .build().onMessage();
    }

    /** Appends what continues the local copy; reports the ids whose copy ends before a batch begins. */
    private ReplicaMessages.Appended storeCopies(ReplicaMessages.Append m) {
        Map<String, ReplicaMessages.Position> behind = new LinkedHashMap<>();
        for (StoredEventBatch batch : m.batches()) {
            String id = batch.persistenceId();
            long highest = journal.highestSequenceNr(id);
            if (behind.containsKey(id) || batch.lastSequenceNr() <= highest) {
                continue;
            }
            if (batch.firstSequenceNr() > highest + 1) {
                behind.put(id, new ReplicaMessages.Position(id, highest));
                continue;
            }
            journal.append(batch.firstSequenceNr() == highest + 1 ? batch : batch.after(highest));
        }
        return new ReplicaMessages.Appended(List.copyOf(behind.values()));
    }

    /** Up members but this one; only those every node can reach when {@code reachableOnly}. */
    private List<Address> upPeers(boolean reachableOnly) {
        ClusterEvent.CurrentClusterState state = cluster.state();
        List<Address> peers = new ArrayList<>();
        for (Member m : state.getMembers()) {
            if (m.status() == MemberStatus.up() && !m.address().equals(cluster.selfAddress())
                    && !(reachableOnly && state.getUnreachable().contains(m))) {
                peers.add(m.address());
            }
        }
        return peers;
    }

    private static int majority(int members) {
        return members / 2 + 1;
    }

    @Override
    public void postStop() {
        journal.close();
    }

    /** Completes once {@code needed} of {@code asked} members stored a write; fails once they cannot. */
    private static final class Quorum {
        final CompletableFuture<Void> reached = new CompletableFuture<>();
        private final int needed;
        private final int asked;
        private final String failure;
        private int stored;
        private int failed;

        Quorum(int needed, int asked, String failure) {
            this.needed = needed;
            this.asked = asked;
            this.failure = failure;
            if (needed == 0) {
                reached.complete(null);
            }
        }

        synchronized void answer(Address peer, Throwable error) {
            if (error == null) {
                stored++;
            } else {
                failed++;
            }
            if (stored >= needed) {
                reached.complete(null);
            } else if (asked - failed < needed) {
                reached.completeExceptionally(new IllegalStateException(failure + ": stored by " + stored + " of "
                        + asked + " other members, " + needed + " needed; last failure from " + peer + ": " + error,
                        error));
            }
        }
    }
}
