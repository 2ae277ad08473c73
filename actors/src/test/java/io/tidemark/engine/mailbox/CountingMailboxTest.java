package io.tidemark.engine.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.testing.LoopbackCluster;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.ActorPaths;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mailbox depths as the node reports them, on a system using the engine's default config. */
class CountingMailboxTest {

    /** A deadline for a busy shared machine, not a speed assertion. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private ActorTestKit testKit;

    @BeforeEach
    void start() {
        testKit = ActorTestKit.create("mailboxes");
    }

    @AfterEach
    void stop() {
        testKit.shutdownTestKit();
    }

    private static Behavior<String> blockingOnFirst(CountDownLatch entered, CountDownLatch release) {
        return Behaviors.receiveMessage(message -> {
            if (message.equals("block")) {
                entered.countDown();
                release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            return Behaviors.same();
        });
    }

    @Test
    void countsTheMessagesWaitingPerGroupAndTheDeepestMailbox() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<String> busy = testKit.spawn(blockingOnFirst(entered, release), "busy");
        ActorRef<String> idle = testKit.spawn(Behaviors.ignore(), "idle");
        busy.tell("block");
        assertThat(entered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            busy.tell("waiting-" + i);
        }
        idle.tell("handled at once");

        MailboxDepths depths = MailboxDepths.of(Adapter.toClassic(testKit.system()));
        MailboxDepths.GroupDepth user = depths.snapshot().get("/user/busy");
        assertThat(user).isEqualTo(new MailboxDepths.GroupDepth(5, 5, 1));

        release.countDown();
        LoopbackCluster.awaitUntil(DEADLINE, "the busy actor's mailbox to drain",
                () -> depths.snapshot().get("/user/busy").messages() == 0);
        assertThat(depths.snapshot().get("/user/busy")).isEqualTo(new MailboxDepths.GroupDepth(0, 0, 1));

        // a stopped actor's mailbox leaves its group
        testKit.stop(idle);
        LoopbackCluster.awaitUntil(DEADLINE, "the stopped actor's mailbox to be gone",
                () -> !depths.snapshot().containsKey("/user/idle"));
    }

    @Test
    void groupsChildrenWithTheirTopLevelActorAndShardsByEntityType() {
        assertThat(MailboxDepths.groupOf(path("/user/query-manager/planner-12"))).isEqualTo("/user/query-manager");
        assertThat(MailboxDepths.groupOf(path("/system/sharding/series-shard/17/t1%2F3")))
                .isEqualTo("/system/sharding/series-shard");
        assertThat(MailboxDepths.groupOf(path("/system/replica-keeper"))).isEqualTo("/system/replica-keeper");
        assertThat(MailboxDepths.groupOf(path("/user/$a/child"))).isEqualTo("/user/$anonymous");
        assertThat(MailboxDepths.groupOf(path("/user"))).isEqualTo("/user");
    }

    private static ActorPath path(String elements) {
        return ActorPaths.fromString("pekko://mailboxes" + elements);
    }
}
