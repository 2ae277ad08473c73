package io.tidemark.engine.shard.replica;

import io.tidemark.engine.shard.replica.ReplicaMessages.CopyStatus;
import io.tidemark.engine.shard.replica.ReplicaMessages.GetCopy;
import io.tidemark.engine.shard.replica.ReplicaMessages.KeeperCommand;
import io.tidemark.engine.shard.replica.ReplicaMessages.Page;
import io.tidemark.engine.shard.replica.ReplicaMessages.Read;
import io.tidemark.storage.journal.JournalEntry;
import io.tidemark.storage.journal.ShardJournal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Brings a starting shard's journal up to date from the other copies before the shard serves
 * anything (a child of the shard entity, which stashes everything meanwhile and does not touch the
 * journal until the answer). Asks every other reachable member's keeper for its copy's range and
 * waits for every answer: a keeper that does not answer within the timeout may hold the only
 * acknowledged entries this journal lacks, so catching up fails and the entity tries again rather
 * than serve without them (and then ship its older journal over the copy that holds them). So does
 * a catch-up where every keeper answered that its copy is unavailable (hosted by a shard entity
 * still running on its node, or unreadable); one such copy among available ones is skipped (an
 * entity still running elsewhere shipped every entry it acknowledged to a quorum of copies).
 * With every answer in, it takes the most advanced copy, and appends its entries after
 * this journal's last one, page by page, provided that copy holds the same last entry (log
 * matching); the entity then replays what was appended. A local journal that disagrees with the
 * most advanced copy (a tail no quorum acknowledged, or a copy left so far behind that the entries
 * it needs were released) is replaced: the answer tells the entity to delete it and start over,
 * and the empty journal then takes the whole copy.
 *
 * <p>A journal that holds no entries but continues after a checkpoint (it was started afresh
 * after the checkpoint's sequence C, having ended before it) cannot anchor on its last entry: it
 * reads the entries from C + 1 of the most advanced copy, which must hold entry C + 1 (of equally
 * advanced copies, one that does is taken). A copy whose entries start later has a gap after the
 * checkpoint and is never a source; when the most advanced copy has one, catching up fails (the
 * shard neither serves with a hole nor from a less advanced copy that may lack acknowledged
 * entries).
 */
public final class CatchUp {

    /** What the entity is told. */
    public sealed interface Result permits CaughtUp, StartOver, Failed {
    }

    /** The journal is up to date; {@code appended} entries came from {@code source} (null: none needed). */
    public record CaughtUp(long appended, String source) implements Result {
    }

    /** The local journal disagrees with the most advanced copy: delete it and start again. */
    public record StartOver(String why) implements Result {
    }

    /** The source stopped answering; start again (the cluster may have changed). */
    public record Failed(String why) implements Result {
    }

    private sealed interface Message permits Status, Paged, TimedOut {
    }

    private record Status(CopyStatus status) implements Message {
    }

    private record Paged(Page page) implements Message {
    }

    private enum TimedOut implements Message {
        INSTANCE
    }

    private final ActorContext<Message> ctx;
    private final TimerScheduler<Message> timers;
    private final String tableId;
    private final int shard;
    private final ShardJournal journal;
    private final ReplicaPeers peers;
    private final ReplicationSettings settings;
    private final ActorRef<Result> replyTo;
    private final List<CopyStatus> statuses = new ArrayList<>();
    /** The keepers asked that have not answered yet, by {@link #pathOf} (a reply's ref may carry a uid). */
    private final Map<String, ActorRef<KeeperCommand>> awaited = new HashMap<>();
    /** The keepers that answered that their copy is unavailable. */
    private final List<ActorRef<KeeperCommand>> unavailable = new ArrayList<>();
    private long appended;

    private CatchUp(ActorContext<Message> ctx, TimerScheduler<Message> timers, String tableId, int shard,
                    ShardJournal journal, ReplicaPeers peers, ReplicationSettings settings, ActorRef<Result> replyTo) {
        this.ctx = ctx;
        this.timers = timers;
        this.tableId = tableId;
        this.shard = shard;
        this.journal = journal;
        this.peers = peers;
        this.settings = settings;
        this.replyTo = replyTo;
    }

    public static Behavior<?> create(String tableId, int shard, ShardJournal journal, ReplicaPeers peers,
                                        ReplicationSettings settings, ActorRef<Result> replyTo) {
        return Behaviors.<Message>setup(ctx -> Behaviors.withTimers(timers ->
                new CatchUp(ctx, timers, tableId, shard, journal, peers, settings, replyTo).askCopies(peers.others())));
    }

    /** Catches up from the copies of the given keepers (tests name them instead of the cluster's members). */
    static Behavior<?> create(String tableId, int shard, ShardJournal journal, ReplicaPeers peers,
                              List<ActorRef<KeeperCommand>> others, ReplicationSettings settings,
                              ActorRef<Result> replyTo) {
        return Behaviors.<Message>setup(ctx -> Behaviors.withTimers(timers ->
                new CatchUp(ctx, timers, tableId, shard, journal, peers, settings, replyTo).askCopies(others)));
    }

    private Behavior<Message> askCopies(List<ActorRef<KeeperCommand>> others) {
        if (others.isEmpty()) {
            return finish(new CaughtUp(0, null));
        }
        ActorRef<CopyStatus> adapter = ctx.messageAdapter(CopyStatus.class, Status::new);
        for (ActorRef<KeeperCommand> keeper : others) {
            keeper.tell(new GetCopy(tableId, shard, adapter));
        }
        others.forEach(keeper -> awaited.put(pathOf(keeper), keeper));
        timers.startSingleTimer(TimedOut.INSTANCE, settings.timeout());
        return Behaviors.receive(Message.class)
                .onMessage(Status.class, this::onStatus)
                .onMessageEquals(TimedOut.INSTANCE, () -> finish(new Failed("copies did not answer within "
                        + settings.timeout() + " (one may hold acknowledged entries this journal lacks): "
                        + describe(awaited.values()))))
                .build();
    }

    private Behavior<Message> onStatus(Status s) {
        if (awaited.remove(pathOf(s.status().keeper())) == null) {
            return Behaviors.same();
        }
        if (s.status().lastSequence() == ReplicaMessages.UNAVAILABLE) {
            unavailable.add(s.status().keeper());
        } else {
            statuses.add(s.status());
        }
        if (!awaited.isEmpty()) {
            return Behaviors.same();
        }
        timers.cancel(TimedOut.INSTANCE);
        if (statuses.isEmpty()) {
            return finish(new Failed("every copy is unavailable (hosted by a shard still running there, or"
                    + " unreadable; one may hold acknowledged entries this journal lacks): " + describe(unavailable)));
        }
        return chooseSource();
    }

    private static String pathOf(ActorRef<?> keeper) {
        return keeper.path().address() + keeper.path().toStringWithoutAddress();
    }

    private String describe(Collection<ActorRef<KeeperCommand>> keepers) {
        return keepers.stream().map(peers::describe).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    private Behavior<Message> chooseSource() {
        long last = journal.lastSequence();
        boolean afterCheckpoint = holdsNoEntries() && last != ShardJournal.NO_SEQUENCE;
        CopyStatus best = null;
        for (CopyStatus s : statuses) {
            // of equally advanced copies, one that continues the checkpoint
            if (best == null || s.lastSequence() > best.lastSequence() || (s.lastSequence() == best.lastSequence()
                    && afterCheckpoint && gapAfter(best, last) && !gapAfter(s, last))) {
                best = s;
            }
        }
        if (best == null || best.lastSequence() <= last) {
            // the most advanced copy is this one; replicas that lag or differ are backfilled by the primary
            return finish(new CaughtUp(0, null));
        }
        if (afterCheckpoint && gapAfter(best, last)) {
            // a less advanced copy may lack acknowledged entries the most advanced one holds
            return finish(new Failed("the most advanced copy lacks the entries after the checkpoint at sequence " + last
                    + ": " + peers.describe(best.keeper()) + " holds " + best.firstSequence() + " to "
                    + best.lastSequence()));
        }
        CopyStatus source = best;
        ActorRef<Page> adapter = ctx.messageAdapter(Page.class, Paged::new);
        readNext(source, adapter);
        return Behaviors.receive(Message.class)
                .onMessage(Paged.class, p -> onPage(p.page(), source, adapter))
                .onMessageEquals(TimedOut.INSTANCE, () -> finish(new Failed("copy did not answer within "
                        + settings.timeout() + ": " + peers.describe(source.keeper()))))
                .build();
    }

    /** Reads the page after this journal's last entry; one holding none reads from its next sequence number. */
    private void readNext(CopyStatus source, ActorRef<Page> adapter) {
        long after = journal.lastSequence();
        source.keeper().tell(new Read(tableId, shard, holdsNoEntries(), after, journal.lastChecksum(), adapter));
        timers.startSingleTimer(TimedOut.INSTANCE, settings.timeout());
    }

    /** Whether {@code copy} cannot continue a checkpoint covering up to {@code covered}: it starts later. */
    private static boolean gapAfter(CopyStatus copy, long covered) {
        return copy.firstSequence() > covered + 1;
    }

    /** Whether the journal holds no entry: it is new, or continues after a checkpoint. */
    private boolean holdsNoEntries() {
        return journal.firstSequence() > journal.lastSequence();
    }

    private Behavior<Message> onPage(Page page, CopyStatus source, ActorRef<Page> adapter) {
        timers.cancel(TimedOut.INSTANCE);
        String from = peers.describe(source.keeper());
        if (page.lastSequence() == ReplicaMessages.UNAVAILABLE) {
            return finish(new Failed("copy became unavailable: " + from));
        }
        if (!page.anchored()) {
            return finish(new StartOver("local journal disagrees with the copy at " + from + " after sequence "
                    + journal.lastSequence() + " (its first " + source.firstSequence() + ", last "
                    + source.lastSequence() + ")"));
        }
        try {
            for (JournalEntry entry : page.entries()) {
                journal.appendReplicated(entry);
                appended++;
            }
        } catch (RuntimeException e) {
            return finish(new Failed("cannot append entries from " + from + ": " + e));
        }
        if (!page.entries().isEmpty() && journal.lastSequence() < source.lastSequence()) {
            readNext(source, adapter);
            return Behaviors.same();
        }
        journal.sync();
        return finish(new CaughtUp(appended, from));
    }

    private Behavior<Message> finish(Result result) {
        replyTo.tell(result);
        return Behaviors.stopped();
    }
}
