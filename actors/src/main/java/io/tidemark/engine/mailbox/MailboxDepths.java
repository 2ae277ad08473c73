package io.tidemark.engine.mailbox;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.ActorSystem;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The message counts of one actor system's {@link CountingMailbox}es, by actor group: the actor's
 * top-level path ({@code /system/replica-keeper}, {@code /system/catalog-view}; children count with
 * their ancestor), or {@code /system/sharding/<entity type>} for sharded entities (every series
 * shard of the node in one group). Read when metrics are scraped: totals are kept as messages come
 * and go, the deepest mailbox is found by looking at each live one.
 */
public final class MailboxDepths {

    /** Per actor system: several systems share a JVM in tests, each reports its own. */
    private static final Map<ActorSystem, MailboxDepths> SYSTEMS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, Group> groups = new ConcurrentHashMap<>();

    /** The depths of {@code system}'s mailboxes (empty when it uses none of these mailboxes). */
    public static MailboxDepths of(ActorSystem system) {
        return SYSTEMS.computeIfAbsent(system, s -> new MailboxDepths());
    }

    /** The group an actor's mailbox counts in. */
    static String groupOf(ActorPath path) {
        var elements = CollectionConverters.asJava(path.elements()).iterator();
        String top = elements.hasNext() ? elements.next() : "";
        if (!elements.hasNext()) {
            return "/" + top;
        }
        String second = elements.next();
        if (top.equals("system") && second.equals("sharding") && elements.hasNext()) {
            return "/system/sharding/" + elements.next();
        }
        // generated names ($a, $b …) would make a group per actor
        return "/" + top + "/" + (second.startsWith("$") ? "$anonymous" : second);
    }

    Group group(String name) {
        return groups.computeIfAbsent(name, n -> new Group());
    }

    /** Each group's figures, by group name. */
    public Map<String, GroupDepth> snapshot() {
        Map<String, GroupDepth> out = new TreeMap<>();
        groups.forEach((name, group) -> {
            int deepest = 0;
            int mailboxes = 0;
            for (CountingMailbox.CountingQueue queue : group.queues) {
                deepest = Math.max(deepest, queue.numberOfMessages());
                mailboxes++;
            }
            if (mailboxes > 0) {
                out.put(name, new GroupDepth(Math.max(0, group.messages.sum()), deepest, mailboxes));
            }
        });
        return out;
    }

    /**
     * @param messages messages waiting in the group's mailboxes
     * @param deepest messages waiting in its fullest mailbox
     * @param mailboxes live mailboxes (actors) of the group
     */
    public record GroupDepth(long messages, int deepest, int mailboxes) {
    }

    /** The live queues of one group and their total. */
    static final class Group {

        /** For a mailbox created without an owner or a system: counted nowhere. */
        static final Group UNTRACKED = new Group();

        private final Set<CountingMailbox.CountingQueue> queues = ConcurrentHashMap.newKeySet();
        private final LongAdder messages = new LongAdder();

        void add(CountingMailbox.CountingQueue queue) {
            if (this != UNTRACKED) {
                queues.add(queue);
            }
        }

        void remove(CountingMailbox.CountingQueue queue) {
            queues.remove(queue);
        }

        void queued(int delta) {
            messages.add(delta);
        }
    }
}
