package io.tidemark.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.serialization.KryoSerializable;
import io.tidemark.storage.serialization.PekkoKryoSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every persisted catalog type round-trips through the Pekko Kryo serializer configured by the
 * actors module's reference.conf, under its frozen id, with frozen bytes.
 */
class CatalogSerializationTest {

    private static final PekkoKryoSerializer KRYO = new PekkoKryoSerializer(ConfigFactory.load(),
            CatalogSerializationTest.class.getClassLoader());

    private static final List<Tag> TAGS = List.of(new Tag("env", "prod"), new Tag("empty", ""));
    private static final List<PartitionKey> KEYS = List.of(
            new PartitionKey(PartitionKey.Type.DIMENSION, "host", PartitionKey.Enforcement.REQUIRED),
            new PartitionKey(PartitionKey.Type.DIMENSION, "az", PartitionKey.Enforcement.OPTIONAL),
            new PartitionKey(PartitionKey.Type.DIMENSION, "rack", null), PartitionKey.DEFAULT);
    private static final MagneticStoreWriteProperties MAGNETIC = new MagneticStoreWriteProperties(true,
            new S3Location("bucket", "prefix/", "SSE_KMS", "key"));
    private static final SchemaDelta SCHEMA = new SchemaDelta(Map.of("cpu", MeasureType.DOUBLE, "m", MeasureType.MULTI),
            Map.of("load", MeasureType.BIGINT, "ok", MeasureType.BOOLEAN), Set.of("host", "az"));

    /** One of each persisted type, with the Kryo id it is registered under. */
    static Map<Object, Integer> samples() {
        Map<Object, Integer> samples = new LinkedHashMap<>();
        samples.put(new CatalogEvent.DatabaseCreated("metrics", "alias/k", TAGS, 1_700_000_000_000L), 300);
        samples.put(new CatalogEvent.DatabaseKmsKeyUpdated("metrics", "k2", 1_700_000_000_001L), 301);
        samples.put(new CatalogEvent.DatabaseDeleted("metrics"), 302);
        samples.put(new CatalogEvent.TableCreated("metrics", "cpu", "00112233445566ff", 4, new RetentionProperties(6, 73000),
                MAGNETIC, KEYS, TAGS, 1_700_000_000_002L), 303);
        samples.put(new CatalogEvent.TableUpdated("00112233445566ff", new RetentionProperties(24, 1),
                MagneticStoreWriteProperties.DISABLED, KEYS, 1_699_999_000_000L, 1_700_000_000_003L), 304);
        samples.put(new CatalogEvent.TableDeletionStarted("00112233445566ff", 1_700_000_000_004L), 305);
        samples.put(new CatalogEvent.TableDeletionFinished("00112233445566ff"), 306);
        samples.put(new CatalogEvent.ResourceTagged("metrics", null, TAGS), 307);
        samples.put(new CatalogEvent.ResourceUntagged("metrics", "cpu", List.of("env")), 308);
        samples.put(new CatalogEvent.SchemaExtended("00112233445566ff", SCHEMA), 309);
        samples.put(snapshot(), 350);
        return samples;
    }

    static CatalogSnapshot snapshot() {
        Instant t = Instant.ofEpochMilli(1_700_000_000_000L);
        TableDescription d = new TableDescription("metrics", "cpu", "00112233445566ff",
                "arn:aws:timestream:us-east-1:000000000000:database/metrics/table/cpu", TableStatus.DELETING,
                new RetentionProperties(6, 73000), MAGNETIC, KEYS, 4, 1_699_999_000_000L, t, t.plusSeconds(1));
        return new CatalogSnapshot(42, List.of(new CatalogState.DatabaseEntry("metrics", "alias/k", t, t, TAGS)),
                List.of(new CatalogState.TableEntry(d, TAGS, new TableSchema(SCHEMA.measures(), SCHEMA.attributes(),
                        SCHEMA.dimensions()), 41)));
    }

    @Test
    void everyPersistedTypeRoundTripsUnderItsFrozenId() {
        samples().forEach((value, id) -> {
            assertThat(value).isInstanceOf(KryoSerializable.class);
            byte[] bytes = KRYO.toBinary(value);
            // Kryo writes the registered id + 2 as an unsigned varint.
            assertThat(bytes[0] & 0xFF).as(value.getClass().getSimpleName()).isEqualTo(((id + 2) & 0x7F) | 0x80);
            assertThat(bytes[1] & 0xFF).isEqualTo((id + 2) >>> 7);
            assertThat(bytes[2]).as("format version").isEqualTo((byte) CatalogPayloadSerializer.FORMAT_VERSION);
            assertThat(KRYO.fromBinary(bytes)).isEqualTo(value);
        });
    }

    @Test
    void everyEventTypeHasASample() {
        assertThat(samples().keySet()).extracting(Object::getClass).map(Class::getSimpleName)
                .containsAll(java.util.Arrays.stream(CatalogEvent.class.getPermittedSubclasses())
                        .map(Class::getSimpleName).toList());
    }

    @Test
    void bytesMatchTheV1Fixtures() throws IOException {
        for (Map.Entry<Object, Integer> e : samples().entrySet()) {
            String name = e.getKey().getClass().getSimpleName();
            String expected = fixture(name);
            assertThat(HexFormat.of().formatHex(KRYO.toBinary(e.getKey())))
                    .as("bytes of %s changed: stored catalogs would no longer read", name).isEqualTo(expected);
            assertThat(KRYO.fromBinary(HexFormat.of().parseHex(expected))).isEqualTo(e.getKey());
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = CatalogSerializationTest.class.getResourceAsStream(
                "/fixtures/catalog-events-v1/" + name + ".hex")) {
            assertThat(in).as("fixture for " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    @Test
    void refusesUnregisteredClassesBothWays() {
        record NotRegistered(int x) implements KryoSerializable {}
        assertThatThrownBy(() -> KRYO.toBinary(new NotRegistered(1))).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("not registered");
        // Id 399 (+2 = 0x191) is in the catalog's range but registered to nothing.
        byte[] unknownId = {(byte) 0x91, 0x03, 0x01};
        assertThatThrownBy(() -> KRYO.fromBinary(unknownId)).isInstanceOf(NotSerializableException.class);
    }

    @Test
    void refusesAnotherFormatVersion() {
        byte[] bytes = KRYO.toBinary(new CatalogEvent.DatabaseDeleted("metrics"));
        bytes[2] = 2;
        assertThatThrownBy(() -> KRYO.fromBinary(bytes)).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("formatVersion=2");
    }
}
