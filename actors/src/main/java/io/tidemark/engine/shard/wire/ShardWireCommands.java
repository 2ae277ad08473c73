package io.tidemark.engine.shard.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.shard.ScanParts;
import io.tidemark.engine.shard.SeriesShard;
import io.tidemark.storage.journal.WriteBatchSerializer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Kryo serializers of the {@link SeriesShard} commands another node sends through Cluster Sharding
 * (ids 400-405 in the actors module's reference.conf), and the ask for the next part of a scan
 * answer cut into parts ({@link ScanParts}, id 406). Each writes its fields by hand, then the
 * reply-to ref with {@code writeClassAndObject} (Tidemark's typed-ref serializer, id 110). A write
 * carries its batch in the journal's own batch layout ({@link WriteBatchSerializer}): columns as
 * bulk primitive arrays, nothing per point. {@code Passivate} is Cluster Sharding's local stop
 * message and never crosses nodes. Layouts: docs/architecture.md §7.
 */
public final class ShardWireCommands {

    private static final WriteBatchSerializer BATCH = new WriteBatchSerializer();

    private ShardWireCommands() {
    }

    @SuppressWarnings("unchecked")
    static <T> ActorRef<T> readRef(Kryo kryo, Input in) {
        return (ActorRef<T>) kryo.readClassAndObject(in);
    }

    /** {@code batch <write batch> replyTo <ref>}. */
    public static final class WriteSerializer extends Serializer<SeriesShard.Write> {
        public WriteSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, SeriesShard.Write write) {
            BATCH.write(kryo, out, write.batch());
            kryo.writeClassAndObject(out, write.replyTo());
        }

        @Override
        public SeriesShard.Write read(Kryo kryo, Input in, Class<? extends SeriesShard.Write> type) {
            return new SeriesShard.Write(BATCH.read(kryo, in, null), readRef(kryo, in));
        }
    }

    /** {@code fromNanos <8> toNanos <8> replyTo <ref>}. */
    public static final class ScanSerializer extends Serializer<SeriesShard.Scan> {
        public ScanSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, SeriesShard.Scan scan) {
            out.writeLong(scan.fromNanos());
            out.writeLong(scan.toNanos());
            kryo.writeClassAndObject(out, scan.replyTo());
        }

        @Override
        public SeriesShard.Scan read(Kryo kryo, Input in, Class<? extends SeriesShard.Scan> type) {
            long from = in.readLong();
            long to = in.readLong();
            return new SeriesShard.Scan(from, to, readRef(kryo, in));
        }
    }

    /** {@code cutoffNanos <8> replyTo <ref>}. */
    public static final class FreezeSerializer extends Serializer<SeriesShard.Freeze> {
        public FreezeSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, SeriesShard.Freeze freeze) {
            out.writeLong(freeze.cutoffNanos());
            kryo.writeClassAndObject(out, freeze.replyTo());
        }

        @Override
        public SeriesShard.Freeze read(Kryo kryo, Input in, Class<? extends SeriesShard.Freeze> type) {
            long cutoff = in.readLong();
            return new SeriesShard.Freeze(cutoff, readRef(kryo, in));
        }
    }

    /** {@code migrationId <varlong> replyTo <ref>}. */
    public static final class CommitSerializer extends Serializer<SeriesShard.Commit> {
        public CommitSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, SeriesShard.Commit commit) {
            out.writeVarLong(commit.migrationId(), true);
            kryo.writeClassAndObject(out, commit.replyTo());
        }

        @Override
        public SeriesShard.Commit read(Kryo kryo, Input in, Class<? extends SeriesShard.Commit> type) {
            long migrationId = in.readVarLong(true);
            return new SeriesShard.Commit(migrationId, readRef(kryo, in));
        }
    }

    /** {@code replyTo <ref>}. */
    public static final class GetStatsSerializer extends Serializer<SeriesShard.GetStats> {
        public GetStatsSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, SeriesShard.GetStats get) {
            kryo.writeClassAndObject(out, get.replyTo());
        }

        @Override
        public SeriesShard.GetStats read(Kryo kryo, Input in, Class<? extends SeriesShard.GetStats> type) {
            return new SeriesShard.GetStats(readRef(kryo, in));
        }
    }

    /** {@code replyTo <ref>}. */
    public static final class NextPartSerializer extends Serializer<ScanParts.NextPart> {
        public NextPartSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, ScanParts.NextPart next) {
            kryo.writeClassAndObject(out, next.replyTo());
        }

        @Override
        public ScanParts.NextPart read(Kryo kryo, Input in, Class<? extends ScanParts.NextPart> type) {
            return new ScanParts.NextPart(readRef(kryo, in));
        }
    }

    /** {@code replyTo <ref>}. */
    public static final class DropSerializer extends Serializer<SeriesShard.Drop> {
        public DropSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, SeriesShard.Drop drop) {
            kryo.writeClassAndObject(out, drop.replyTo());
        }

        @Override
        public SeriesShard.Drop read(Kryo kryo, Input in, Class<? extends SeriesShard.Drop> type) {
            return new SeriesShard.Drop(readRef(kryo, in));
        }
    }
}
