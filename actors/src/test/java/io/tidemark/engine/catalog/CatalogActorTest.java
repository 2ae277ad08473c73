package io.tidemark.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.engine.testing.SingleNodeConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the catalog actor tells its subscribers, and when it journals nothing. */
class CatalogActorTest {

    @TempDir
    Path dataDir;

    private ActorTestKit testKit;
    private ActorRef<CatalogActor.Command> catalog;

    @BeforeEach
    void start() {
        testKit = ActorTestKit.create("catalog-actor", SingleNodeConfig.of(dataDir, SingleNodeConfig.PATIENT_EXPECT));
        catalog = testKit.spawn(CatalogActor.create(CatalogSettings.from(testKit.system().settings().config()),
                new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))));
    }

    @AfterEach
    void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void publishesEveryTableChangeToSubscribers() {
        TestProbe<TableChange> subscriber = testKit.createTestProbe();
        TestProbe<CatalogActor.Subscribed> initial = testKit.createTestProbe();
        catalog.tell(new CatalogActor.Subscribe(subscriber.getRef(), initial.getRef()));
        CatalogActor.Subscribed first = initial.receiveMessage();
        assertThat(first.tables()).isEmpty();
        assertThat(first.version()).isZero();
        assertThat(first.catalog()).isEqualTo(catalog);

        TestProbe<StatusReply<DatabaseDescription>> dbReply = testKit.createTestProbe();
        catalog.tell(new CatalogActor.CreateDatabase("metrics", null, List.of(), dbReply.getRef()));
        assertThat(dbReply.receiveMessage().isSuccess()).isTrue();

        TestProbe<StatusReply<TableChange>> reply = testKit.createTestProbe();
        catalog.tell(new CatalogActor.CreateTable("metrics", "cpu", null, null, null, List.of(), reply.getRef()));
        TableChange created = reply.receiveMessage().getValue();
        assertThat(subscriber.receiveMessage()).isEqualTo(created);
        String id = created.tableId();

        SchemaDelta delta = new SchemaDelta(Map.of("usage", MeasureType.DOUBLE), Map.of(), Set.of("host"));
        catalog.tell(new CatalogActor.RegisterSchema(id, delta, reply.getRef()));
        TableChange extended = reply.receiveMessage().getValue();
        assertThat(extended.version()).isGreaterThan(created.version());
        assertThat(subscriber.receiveMessage()).isEqualTo(extended);

        // Nothing new: answered from the state, no event, no publication.
        catalog.tell(new CatalogActor.RegisterSchema(id, delta, reply.getRef()));
        assertThat(reply.receiveMessage().getValue()).isEqualTo(extended);

        catalog.tell(new CatalogActor.BeginDeleteTable("metrics", "cpu", reply.getRef()));
        TableChange deleting = reply.receiveMessage().getValue();
        assertThat(deleting.version()).as("the unchanged registration journaled nothing")
                .isEqualTo(extended.version() + 1);
        assertThat(subscriber.receiveMessage()).isEqualTo(deleting);
        catalog.tell(new CatalogActor.FinishDeleteTable(id, reply.getRef()));
        TableChange removed = reply.receiveMessage().getValue();
        assertThat(removed.removed()).isTrue();
        assertThat(subscriber.receiveMessage()).isEqualTo(removed);
        assertThat(removed.version()).isEqualTo(deleting.version() + 1);

        // A later subscriber gets the tables as they are now, with the version they are at.
        catalog.tell(new CatalogActor.Subscribe(testKit.<TableChange>createTestProbe().getRef(), initial.getRef()));
        CatalogActor.Subscribed later = initial.receiveMessage();
        assertThat(later.tables()).isEmpty();
        assertThat(later.version()).isEqualTo(removed.version());
    }
}
