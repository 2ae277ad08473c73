package io.tidemark.engine.mailbox;

import com.typesafe.config.Config;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.AbstractNodeQueue;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.ProducesMessageQueue;
import org.apache.pekko.dispatch.UnboundedMessageQueueSemantics;
import scala.Option;

/**
 * The default mailbox of the node's typed actors ({@code pekko.actor.typed.default-mailbox} in the
 * actors module's reference.conf): the same lock-free single-consumer queue as Pekko's
 * {@code SingleConsumerOnlyUnboundedMailbox}, which also counts the messages it holds and adds
 * them to its actor group's totals ({@link MailboxDepths}), so the node can report how far each
 * kind of actor is behind; Pekko keeps no mailbox sizes (its queue counts by walking it). The cost
 * is two atomic additions per message.
 */
public final class CountingMailbox implements MailboxType, ProducesMessageQueue<CountingMailbox.CountingQueue> {

    /** Pekko's constructor signature for a mailbox type; nothing is configurable. */
    public CountingMailbox(ActorSystem.Settings settings, Config config) {
    }

    @Override
    public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
        MailboxDepths.Group group = owner.isDefined() && system.isDefined()
                ? MailboxDepths.of(system.get()).group(MailboxDepths.groupOf(owner.get().path()))
                : MailboxDepths.Group.UNTRACKED;
        return new CountingQueue(group);
    }

    /** One actor's queue and its count, registered with its group while it lives. */
    public static final class CountingQueue extends AbstractNodeQueue<Envelope>
            implements MessageQueue, UnboundedMessageQueueSemantics {

        private final AtomicInteger size = new AtomicInteger();
        private final MailboxDepths.Group group;

        CountingQueue(MailboxDepths.Group group) {
            this.group = group;
            group.add(this);
        }

        @Override
        public void enqueue(ActorRef receiver, Envelope handle) {
            add(handle);
            size.incrementAndGet();
            group.queued(1);
        }

        @Override
        public Envelope dequeue() {
            Envelope next = poll();
            if (next != null) {
                size.decrementAndGet();
                group.queued(-1);
            }
            return next;
        }

        @Override
        public int numberOfMessages() {
            // an enqueue adds before it counts, so a racing dequeue may see -1 for a moment
            return Math.max(0, size.get());
        }

        @Override
        public boolean hasMessages() {
            return !isEmpty();
        }

        @Override
        public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
            Envelope left;
            while ((left = dequeue()) != null) {
                deadLetters.enqueue(owner, left);
            }
            group.remove(this);
        }
    }
}
