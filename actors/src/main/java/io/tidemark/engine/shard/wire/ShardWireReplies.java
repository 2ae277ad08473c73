package io.tidemark.engine.shard.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import io.tidemark.storage.serialization.KryoCounts;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.shard.FrozenChunks;
import io.tidemark.engine.shard.RowRejection;
import io.tidemark.engine.shard.ScannedChunks;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.ShardStats;
import io.tidemark.engine.shard.ShardWriteResult;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Kryo serializers of what a {@link io.tidemark.engine.shard.SeriesShard} answers inside a
 * {@code StatusReply} (ids 420-423 in the actors module's reference.conf; failures are
 * {@link io.tidemark.engine.EngineException}s, id 440). Lists go as a count and their elements.
 * A sealed chunk is already its encoded bytes: they are shipped as they are and only checked on
 * arrival ({@link SealedChunk#wrap}, magic, version and CRC), never decoded and re-encoded.
 * Layouts: docs/architecture.md §7.
 */
public final class ShardWireReplies {

    private ShardWireReplies() {
    }

    /** {@code count <varint>} then per series: {@code key <series key> chunks <varint> (length <varint> bytes)*}. */
    static void writeSeries(Output out, List<SeriesChunks> series) {
        out.writeVarInt(series.size(), true);
        for (SeriesChunks s : series) {
            writeKey(out, s.series());
            out.writeVarInt(s.chunks().size(), true);
            for (SealedChunk chunk : s.chunks()) {
                byte[] bytes = chunk.bytes();
                out.writeVarInt(bytes.length, true);
                out.writeBytes(bytes);
            }
        }
    }

    static List<SeriesChunks> readSeries(Input in) {
        int count = readCount(in, "series");
        List<SeriesChunks> series = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            SeriesKey key = readKey(in);
            int chunks = readCount(in, "chunks");
            List<SealedChunk> out = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                out.add(readChunk(in, key));
            }
            series.add(new SeriesChunks(key, out));
        }
        return series;
    }

    private static SealedChunk readChunk(Input in, SeriesKey key) {
        try {
            return SealedChunk.wrap(in.readBytes(readCount(in, "chunk bytes")));
        } catch (CorruptionException e) {
            throw new KryoException("cannot read shard reply: chunk damaged, series=" + key + ", cause="
                    + e.getMessage(), e);
        }
    }

    /** {@code dimensions <varint> (name <string> value <string>)* measureName <string>}, dimensions sorted. */
    static void writeKey(Output out, SeriesKey key) {
        out.writeVarInt(key.dimensionCount(), true);
        for (int d = 0; d < key.dimensionCount(); d++) {
            out.writeString(key.dimension(d).name());
            out.writeString(key.dimension(d).value());
        }
        out.writeString(key.measureName());
    }

    static SeriesKey readKey(Input in) {
        Dimension[] dims = new Dimension[readCount(in, "dimensions")];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = new Dimension(in.readString(), in.readString());
        }
        return SeriesKey.of(List.of(dims), in.readString());
    }

    /** Reads a count, refusing one that could not fit in the bytes left (corrupt or hostile bytes). */
    static int readCount(Input in, String what) {
        return KryoCounts.readCount(in, "shard reply", what);
    }

    /** {@code series <series list> more <ref, or Kryo's null 0x00 on the last part>}. */
    public static final class ScannedChunksSerializer extends Serializer<ScannedChunks> {
        public ScannedChunksSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, ScannedChunks scanned) {
            writeSeries(out, scanned.series());
            kryo.writeClassAndObject(out, scanned.more());
        }

        @Override
        public ScannedChunks read(Kryo kryo, Input in, Class<? extends ScannedChunks> type) {
            List<SeriesChunks> series = readSeries(in);
            return new ScannedChunks(series, ShardWireCommands.readRef(kryo, in));
        }
    }

    /** {@code migrationId <varlong> cutoffNanos <8> series <series list> more <ref, or 0x00 on the last part>}. */
    public static final class FrozenChunksSerializer extends Serializer<FrozenChunks> {
        public FrozenChunksSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, FrozenChunks frozen) {
            out.writeVarLong(frozen.migrationId(), true);
            out.writeLong(frozen.cutoffNanos());
            writeSeries(out, frozen.series());
            kryo.writeClassAndObject(out, frozen.more());
        }

        @Override
        public FrozenChunks read(Kryo kryo, Input in, Class<? extends FrozenChunks> type) {
            long migrationId = in.readVarLong(true);
            long cutoff = in.readLong();
            List<SeriesChunks> series = readSeries(in);
            return new FrozenChunks(migrationId, cutoff, series, ShardWireCommands.readRef(kryo, in));
        }
    }

    /** {@code rejections <varint>} then per rejection: {@code row <varint> existingVersion <varlong> lowerVersion <1>}. */
    public static final class ShardWriteResultSerializer extends Serializer<ShardWriteResult> {
        public ShardWriteResultSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, ShardWriteResult result) {
            out.writeVarInt(result.rejections().size(), true);
            for (RowRejection r : result.rejections()) {
                out.writeVarInt(r.row(), true);
                out.writeVarLong(r.existingVersion(), true);
                out.writeBoolean(r.lowerVersion());
            }
        }

        @Override
        public ShardWriteResult read(Kryo kryo, Input in, Class<? extends ShardWriteResult> type) {
            int count = readCount(in, "rejections");
            List<RowRejection> rejections = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int row = in.readVarInt(true);
                long existing = in.readVarLong(true);
                rejections.add(new RowRejection(row, existing, in.readBoolean()));
            }
            return new ShardWriteResult(rejections);
        }
    }

    /** {@code series <varlong> points <varlong> bytes <varlong> journalBytes <varlong>}. */
    public static final class ShardStatsSerializer extends Serializer<ShardStats> {
        public ShardStatsSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, ShardStats stats) {
            out.writeVarLong(stats.series(), true);
            out.writeVarLong(stats.points(), true);
            out.writeVarLong(stats.bytes(), true);
            out.writeVarLong(stats.journalBytes(), true);
        }

        @Override
        public ShardStats read(Kryo kryo, Input in, Class<? extends ShardStats> type) {
            long series = in.readVarLong(true);
            long points = in.readVarLong(true);
            long bytes = in.readVarLong(true);
            return new ShardStats(series, points, bytes, in.readVarLong(true));
        }
    }
}
