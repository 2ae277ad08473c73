package io.tidemark.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.serialization.PekkoKryoSerializer;
import io.tidemark.engine.testing.SingleNodeConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every catalog command and reply that crosses nodes goes through the Kryo serializer under its
 * fixed id (360-399) and comes back equal, reply-to refs included; the replies inside Pekko's
 * {@code StatusReply} too. Uses the actor system's own serialization, as remoting does.
 */
class CatalogMessageSerializationTest {

    @TempDir
    static Path dataDir;

    private static ActorTestKit testKit;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        // The node config starts the journal plugins with the system, so they need a directory.
        testKit = ActorTestKit.create("catalog-messages", SingleNodeConfig.of(dataDir, ""));
        serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    private static final Instant T = Instant.ofEpochMilli(1_700_000_000_000L);
    private static final List<Tag> TAGS = List.of(new Tag("env", "prod"), new Tag("empty", ""));
    private static final List<PartitionKey> KEYS = List.of(
            new PartitionKey(PartitionKey.Type.DIMENSION, "host", PartitionKey.Enforcement.REQUIRED),
            PartitionKey.DEFAULT);
    private static final MagneticStoreWriteProperties MAGNETIC = new MagneticStoreWriteProperties(true,
            new S3Location("bucket", null, "SSE_S3", null));
    private static final SchemaDelta DELTA = new SchemaDelta(Map.of("cpu", MeasureType.DOUBLE),
            Map.of("load", MeasureType.BIGINT), Set.of("host"));
    private static final TableDescription TABLE = new TableDescription("metrics", "cpu", "00112233445566ff",
            "arn:aws:timestream:us-east-1:000000000000:database/metrics/table/cpu", TableStatus.ACTIVE,
            new RetentionProperties(6, 73000), MAGNETIC, KEYS, 4, 0, T, T.plusSeconds(1));
    private static final TableChange CHANGE = new TableChange(TABLE.tableId(), TABLE,
            new TableSchema(DELTA.measures(), DELTA.attributes(), DELTA.dimensions()), 17);
    private static final DatabaseDescription DATABASE = new DatabaseDescription("metrics",
            "arn:aws:timestream:us-east-1:000000000000:database/metrics", 3, null, T, T);

    /** One of each message, with the Kryo id it is registered under. */
    private static Map<Object, Integer> samples() {
        ActorRef<Object> ref = testKit.createTestProbe().ref();
        Map<Object, Integer> samples = new LinkedHashMap<>();
        samples.put(new CatalogActor.CreateDatabase("metrics", "alias/k", TAGS, ref.narrow()), 360);
        samples.put(new CatalogActor.DescribeDatabase("metrics", ref.narrow()), 361);
        samples.put(new CatalogActor.ListDatabases("token", 5, ref.narrow()), 362);
        samples.put(new CatalogActor.ListDatabases(null, null, ref.narrow()), 362);
        samples.put(new CatalogActor.UpdateDatabase("metrics", null, ref.narrow()), 363);
        samples.put(new CatalogActor.DeleteDatabase("metrics", ref.narrow()), 364);
        samples.put(new CatalogActor.CreateTable("metrics", "cpu", new RetentionProperties(2, 30), MAGNETIC, KEYS,
                TAGS, ref.narrow()), 365);
        samples.put(new CatalogActor.CreateTable("metrics", "cpu", null, null, null, List.of(), ref.narrow()), 365);
        samples.put(new CatalogActor.DescribeTable("metrics", "cpu", ref.narrow()), 366);
        samples.put(new CatalogActor.ListTables(null, "token", 100, ref.narrow()), 367);
        samples.put(new CatalogActor.UpdateTable("metrics", "cpu", null, MagneticStoreWriteProperties.DISABLED,
                null, ref.narrow()), 368);
        samples.put(new CatalogActor.BeginDeleteTable("metrics", "cpu", ref.narrow()), 369);
        samples.put(new CatalogActor.FinishDeleteTable("00112233445566ff", ref.narrow()), 370);
        samples.put(new CatalogActor.TagResource(TABLE.arn(), TAGS, ref.narrow()), 371);
        samples.put(new CatalogActor.UntagResource(TABLE.arn(), List.of("env", "x"), ref.narrow()), 372);
        samples.put(new CatalogActor.ListTags(TABLE.arn(), ref.narrow()), 373);
        samples.put(new CatalogActor.RegisterSchema(TABLE.tableId(), DELTA, ref.narrow()), 374);
        samples.put(new CatalogActor.Subscribe(ref.narrow(), ref.narrow()), 375);
        samples.put(new CatalogActor.LookupTable("metrics", "cpu", ref.narrow()), 376);
        samples.put(DATABASE, 380);
        samples.put(TABLE, 381);
        samples.put(new Page<>(List.of(DATABASE), "next"), 382);
        samples.put(new Page<>(List.of(TABLE, TABLE), null), 382);
        samples.put(new Page<>(TAGS, null), 382);
        samples.put(new Tag("k", "v"), 383);
        samples.put(CHANGE, 384);
        samples.put(new TableChange(TABLE.tableId(), null, TableSchema.EMPTY, 18), 384);
        samples.put(new CatalogActor.Subscribed(ref.narrow(), List.of(CHANGE), 17), 385);
        samples.put(new CatalogActor.TableLookup(CHANGE), 386);
        samples.put(new CatalogActor.TableLookup(null), 386);
        return samples;
    }

    @Test
    void everyMessageRoundTripsThroughKryoUnderItsFixedId() {
        samples().forEach((message, id) -> {
            Serializer serializer = serialization.findSerializerFor(message);
            assertThat(serializer).as(message.getClass().getName()).isInstanceOf(PekkoKryoSerializer.class);
            byte[] bytes = serializer.toBinary(message);
            // Kryo writes the registered id + 2 as an unsigned varint.
            assertThat(bytes[0] & 0xFF).as(message.getClass().getSimpleName()).isEqualTo(((id + 2) & 0x7F) | 0x80);
            assertThat(bytes[1] & 0xFF).isEqualTo((id + 2) >>> 7);
            assertThat(serialization.deserialize(bytes, serializer.identifier(), "").get()).isEqualTo(message);
        });
    }

    @Test
    void repliesInsideStatusReplyRoundTrip() {
        for (Object value : List.of(DATABASE, TABLE, CHANGE, new Page<>(TAGS, null))) {
            StatusReply<Object> reply = StatusReply.success(value);
            Serializer serializer = serialization.findSerializerFor(reply);
            byte[] bytes = serialization.serialize(reply).get();
            String manifest = org.apache.pekko.serialization.Serializers.manifestFor(serializer, reply);
            assertThat(serialization.deserialize(bytes, serializer.identifier(), manifest).get()).isEqualTo(reply);
        }
    }
}
