package io.tidemark.engine.shard.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.EngineExceptionSerializer;
import io.tidemark.engine.ErrorKind;
import io.tidemark.engine.shard.FrozenChunks;
import io.tidemark.engine.shard.RowRejection;
import io.tidemark.engine.shard.ScanParts;
import io.tidemark.engine.shard.ScannedChunks;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.SeriesShard;
import io.tidemark.engine.shard.ShardStats;
import io.tidemark.engine.shard.ShardWriteResult;
import io.tidemark.engine.testing.KryoWireSystem;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchBuilder;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import io.tidemark.storage.serialization.PekkoKryoSerializer;
import java.io.IOException;
import java.io.NotSerializableException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every message of the series-shard protocol round-trips through the Pekko Kryo serializer with the
 * registrations of the actors module's reference.conf, under its frozen id, with frozen bytes
 * ({@code fixtures/shard-wire-v1}). The reply-to refs are the dead-letters ref of a local system
 * named {@code wire}, whose serialized path carries no host, port or uid, so the bytes are stable.
 */
class ShardWireSerializerTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final SeriesKey KEY = SeriesKey.of(List.of(new Dimension("host", "a"), new Dimension("az", "z1")),
            "cpu");

    @RegisterExtension
    static final KryoWireSystem WIRE = new KryoWireSystem();

    private static <T> ActorRef<T> replyTo() {
        return WIRE.deadLetters();
    }

    static SealedChunk chunk() {
        OpenChunk open = new OpenChunk(List.of(new ColumnSpec(MeasureType.DOUBLE.valueColumnName(), MeasureType.DOUBLE)));
        for (int i = 0; i < 3; i++) {
            int row = open.append(T0 + i * 1_000_000_000L, 1);
            open.setDouble(0, row, i + 0.5);
        }
        return open.seal();
    }

    static WriteBatch batch() {
        WriteBatchBuilder b = WriteBatch.builder("0123456789abcdef", 2);
        int value = b.column(MeasureType.DOUBLE.valueColumnName(), MeasureType.DOUBLE);
        b.addRow(b.series(KEY), T0, 1);
        b.setDouble(value, 1.5);
        b.addRow(b.series(KEY), T0 + 1_000_000_000L, 2);
        b.setDouble(value, 2.5);
        return b.build();
    }

    /** One of each message, by fixture name, with the Kryo id it is registered under. */
    static Map<String, Map.Entry<Object, Integer>> samples() {
        SealedChunk chunk = chunk();
        Map<String, Map.Entry<Object, Integer>> samples = new LinkedHashMap<>();
        samples.put("Write", Map.entry(new SeriesShard.Write(batch(), replyTo()), 400));
        samples.put("Scan", Map.entry(new SeriesShard.Scan(T0, Long.MAX_VALUE, replyTo()), 401));
        samples.put("Freeze", Map.entry(new SeriesShard.Freeze(T0 + 3_000_000_000L, replyTo()), 402));
        samples.put("Commit", Map.entry(new SeriesShard.Commit(1_764_064_800_000L, replyTo()), 403));
        samples.put("GetStats", Map.entry(new SeriesShard.GetStats(replyTo()), 404));
        samples.put("Drop", Map.entry(new SeriesShard.Drop(replyTo()), 405));
        samples.put("NextPart", Map.entry(new ScanParts.NextPart(replyTo()), 406));
        samples.put("ScannedChunks", Map.entry(new ScannedChunks(List.of(new SeriesChunks(KEY, List.of(chunk, chunk)),
                new SeriesChunks(SeriesKey.of(List.of(), "m"), List.of()))), 420));
        samples.put("ScannedChunksPart", Map.entry(new ScannedChunks(List.of(new SeriesChunks(KEY, List.of(chunk))),
                replyTo()), 420));
        samples.put("FrozenChunks", Map.entry(new FrozenChunks(7, T0, List.of(new SeriesChunks(KEY, List.of(chunk)))),
                421));
        samples.put("ShardWriteResult", Map.entry(new ShardWriteResult(List.of(new RowRejection(0, 1, false),
                new RowRejection(300, 1_000_000, true))), 422));
        samples.put("ShardStats", Map.entry(new ShardStats(3, 1_000, 65_536, 1L << 33), 423));
        samples.put("EngineException", Map.entry(EngineException.conflict("cannot commit migration: unknown migration"
                + " id, table=0123456789abcdef, shard=0, migrationId=9"), 440));
        samples.put("EngineExceptionWithCause", Map.entry(EngineException.internal("cannot scan: journal failed",
                new IOException("disk gone")), 440));
        return samples;
    }

    @Test
    void everyMessageIsMarkedAndRegisteredUnderItsFrozenId() {
        WIRE.assertFrozenIds(samples());
    }

    @Test
    void bytesMatchTheV1FixturesAndReadBackToTheSameBytes() throws IOException {
        WIRE.assertFixtures("shard-wire-v1", samples());
    }

    @Test
    void recordsReadBackEqual() {
        for (String name : List.of("Write", "Scan", "Freeze", "Commit", "GetStats", "Drop", "NextPart",
                "ShardWriteResult", "ShardStats")) {
            Object value = samples().get(name).getKey();
            assertThat(WIRE.fromBinary(WIRE.toBinary(value))).as(name).isEqualTo(value);
        }
    }

    @Test
    void sealedChunksTravelAsTheirEncodedBytes() {
        SealedChunk chunk = chunk();
        byte[] bytes = WIRE.toBinary(new ScannedChunks(List.of(new SeriesChunks(KEY, List.of(chunk)))));
        // the last series' last chunk, then the null "more" ref (0x00)
        byte[] tail = Arrays.copyOfRange(bytes, bytes.length - 1 - chunk.bytes().length, bytes.length - 1);
        assertThat(tail).isEqualTo(chunk.bytes());
        assertThat(bytes[bytes.length - 1]).isZero();

        ScannedChunks back = (ScannedChunks) WIRE.fromBinary(bytes);
        assertThat(back.series()).hasSize(1);
        assertThat(back.series().get(0).series()).isEqualTo(KEY);
        assertThat(back.series().get(0).chunks()).singleElement()
                .satisfies(c -> assertThat(c.bytes()).isEqualTo(chunk.bytes()));
    }

    @Test
    void anEngineExceptionKeepsItsKindMessageAndCauseText() {
        for (ErrorKind kind : ErrorKind.values()) {
            EngineException back = (EngineException) WIRE.fromBinary(WIRE.toBinary(new EngineException(kind, "m " + kind)));
            assertThat(back.kind()).isEqualTo(kind);
            assertThat(back.getMessage()).isEqualTo("m " + kind);
            assertThat(back.getCause()).isNull();
        }
        EngineException back = (EngineException) WIRE.fromBinary(WIRE.toBinary(
                samples().get("EngineExceptionWithCause").getKey()));
        assertThat(back.kind()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(back.getCause()).isInstanceOf(EngineExceptionSerializer.RemoteCause.class)
                .hasMessage("java.io.IOException: disk gone");
    }

    @Test
    void errorKindWireIdsAreFrozen() {
        Map<ErrorKind, Integer> ids = new LinkedHashMap<>();
        for (ErrorKind kind : ErrorKind.values()) {
            ids.put(kind, (int) EngineExceptionSerializer.wireId(kind));
        }
        assertThat(ids).containsExactly(Map.entry(ErrorKind.VALIDATION, 1), Map.entry(ErrorKind.NOT_FOUND, 2),
                Map.entry(ErrorKind.CONFLICT, 3), Map.entry(ErrorKind.THROTTLING, 4),
                Map.entry(ErrorKind.QUOTA_EXCEEDED, 5), Map.entry(ErrorKind.INTERNAL, 6));
    }

    @Test
    void statusReplyErrorsAreBoundToKryoNotToJavaSerialization() {
        StatusReply<Done> reply = StatusReply.error(EngineException.throttling("cannot accept write: shard busy"));
        assertThat(SerializationExtension.get(Adapter.toClassic(WIRE.testKit().system())).findSerializerFor(reply.getError())
                .identifier()).isEqualTo(PekkoKryoSerializer.IDENTIFIER);
    }

    @Test
    void refusesUnknownIdsDamagedChunksAndImpossibleCounts() {
        // id 449 (+2 = 0x1c3) is in the shard protocol's range but registered to nothing
        assertThatThrownBy(() -> WIRE.fromBinary(new byte[] {(byte) 0xc3, 0x03, 0x00}))
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("cannot deserialize with Kryo");
        // an unknown error kind
        byte[] error = WIRE.toBinary(EngineException.validation("x"));
        error[2] = 99;
        assertThatThrownBy(() -> WIRE.fromBinary(error)).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("unknown kind id=99");
        // a chunk whose bytes were damaged on the way
        byte[] scanned = WIRE.toBinary(new ScannedChunks(List.of(new SeriesChunks(KEY, List.of(chunk())))));
        scanned[scanned.length - 7] ^= 0x40;
        assertThatThrownBy(() -> WIRE.fromBinary(scanned)).isInstanceOf(NotSerializableException.class)
                .hasMessageContaining("chunk damaged");
        // a series count (420 + 2 = 0x1a6, then 16383) larger than the bytes that follow
        assertThatThrownBy(() -> WIRE.fromBinary(new byte[] {(byte) 0xa6, 0x03, (byte) 0xff, 0x7f}))
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("count exceeds payload");
    }

}
