package io.tidemark.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Input;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tidemark.engine.subscription.TableWritten;
import io.tidemark.engine.tier.MagneticNotices.MagneticChanged;
import io.tidemark.engine.tier.RetentionJanitor.RetentionSummary;
import io.tidemark.engine.tier.TierMigrator.MigrationSummary;
import io.tidemark.storage.serialization.PekkoKryoSerializer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tier and subscription notices that cross nodes: their fixed Kryo ids and their round trips. */
class TierWireTest {

    private static ActorTestKit testKit;
    private static PekkoKryoSerializer kryo;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("TierWireTest");
        kryo = new PekkoKryoSerializer((ExtendedActorSystem) Adapter.toClassic(testKit.system()));
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void idsArePinned() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        ids.put("io.tidemark.engine.tier.MagneticNotices$MagneticChanged", 500);
        ids.put("io.tidemark.engine.subscription.TableWritten", 501);
        ids.put("io.tidemark.engine.subscription.ClusterWriteNotices$WrittenElsewhere", 502);
        ids.put("io.tidemark.engine.tier.TierSingleton$MigrateNow", 503);
        ids.put("io.tidemark.engine.tier.TierSingleton$ExpireNow", 504);
        ids.put("io.tidemark.engine.tier.TierSingleton$DeleteTable", 505);
        ids.put("io.tidemark.engine.tier.TierSingleton$TableDeleted", 506);
        ids.put("io.tidemark.engine.tier.TierMigrator$MigrationSummary", 507);
        ids.put("io.tidemark.engine.tier.RetentionJanitor$RetentionSummary", 508);
        ids.put("io.tidemark.engine.tier.MagneticNotices$MigrationReport", 509);
        ids.put("io.tidemark.engine.tier.MagneticNotices$Reload", 510);
        ids.put("io.tidemark.engine.tier.MagneticNotices$Reloaded", 511);
        Config classes = ConfigFactory.load().getConfig(PekkoKryoSerializer.CLASSES_PATH);
        ids.forEach((name, id) -> assertThat(classes.getInt("\"" + name + "\".id")).as(name).isEqualTo(id));
    }

    @Test
    void noticesAndSummariesRoundTrip() {
        roundTrip(new MagneticChanged("t1", "pekko://tidemark@127.0.0.1:2551"), 500);
        roundTrip(new TableWritten("db", "cpu", Long.MIN_VALUE, 42), 501);
        roundTrip(new TierSingleton.TableDeleted("t1", ""), 506);
        roundTrip(new TierSingleton.TableDeleted("t1", "java.io.IOException: disk gone"), 506);
        roundTrip(new MigrationSummary(3, 1, 40, 1_000_000_000_000L, 7), 507);
        roundTrip(new RetentionSummary(2, 0, 5, 1, 3), 508);
    }

    @Test
    void migrationReportCarriesEveryShardsTime() {
        MigrationProgress progress = new MigrationProgress(1_000);
        progress.shardMigrated("t1", 1, 3, 5_000, 60);
        progress.shardMigrated("t2", 0, 1, 7_000, 40);
        progress.shardFailed();
        byte[] bytes = kryo.toBinary(new MagneticNotices.MigrationReport(progress.snapshot(), "node-a"));
        assertThat(new Input(bytes).readVarInt(true)).isEqualTo(509 + 2);

        MagneticNotices.MigrationReport back = (MagneticNotices.MigrationReport) kryo.fromBinaryJava(bytes, null);
        MigrationProgress other = new MigrationProgress(1_000);
        other.absorb(back.progress());

        assertThat(back.origin()).isEqualTo("node-a");
        assertThat(back.progress().lastMigrated().get("t1")).containsExactly(0, 5_000, 0);
        assertThat(other.migratedPoints()).isEqualTo(100);
        assertThat(other.failedShards()).isEqualTo(1);
        assertThat(other.lagMillis("t2", 1, 9_000)).isEqualTo(2_000);
        other.absorb(back.progress());
        assertThat(other.migratedPoints()).as("absorbing twice changes nothing").isEqualTo(100);
    }

    @Test
    void commandsCarryTheirReplyTo() {
        TestProbe<MigrationSummary> migrated = testKit.createTestProbe();
        TestProbe<RetentionSummary> expired = testKit.createTestProbe();
        TestProbe<TierSingleton.TableDeleted> deleted = testKit.createTestProbe();
        roundTrip(new TierSingleton.MigrateNow(migrated.getRef()), 503);
        roundTrip(new TierSingleton.ExpireNow(expired.getRef()), 504);
        roundTrip(new TierSingleton.DeleteTable("t1", deleted.getRef()), 505);
        TestProbe<MagneticNotices.Reloaded> reloaded = testKit.createTestProbe();
        roundTrip(new MagneticNotices.Reload("t1", reloaded.getRef()), 510);
        roundTrip(new MagneticNotices.Reloaded("t1"), 511);
    }

    private static void roundTrip(Object message, int id) {
        byte[] bytes = kryo.toBinary(message);
        assertThat(new Input(bytes).readVarInt(true)).as("the class id Kryo writes: registered id + 2").isEqualTo(id + 2);
        assertThat(kryo.fromBinaryJava(bytes, null)).isEqualTo(message);
    }
}
