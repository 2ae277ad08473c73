package io.tidemark.engine.shard.replica;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.shard.replica.ReplicaMessages.Append;
import io.tidemark.engine.shard.replica.ReplicaMessages.Appended;
import io.tidemark.engine.shard.replica.ReplicaMessages.CopyDropped;
import io.tidemark.engine.shard.replica.ReplicaMessages.CopyStatus;
import io.tidemark.engine.shard.replica.ReplicaMessages.DropCopy;
import io.tidemark.engine.shard.replica.ReplicaMessages.GetCopy;
import io.tidemark.engine.shard.replica.ReplicaMessages.HandOver;
import io.tidemark.engine.shard.replica.ReplicaMessages.Page;
import io.tidemark.engine.shard.replica.ReplicaMessages.Read;
import io.tidemark.engine.shard.replica.ReplicaMessages.TakeBack;
import io.tidemark.storage.journal.JournalEntry;
import io.tidemark.storage.queue.EntryFrame;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Kryo serializers of the {@link ReplicaMessages} (ids 450–459 in the actors module's
 * reference.conf). Fields are written by hand in declaration order; journal entries travel as
 * their stored frames (sequence number, frame length, frame bytes), checked again by the copy
 * that appends them. Actor refs go through the registered actor-ref serializer.
 */
public final class ReplicaWire {

    private ReplicaWire() {
    }

    static void writeEntries(Output out, List<JournalEntry> entries) {
        out.writeVarInt(entries.size(), true);
        for (JournalEntry e : entries) {
            out.writeVarLong(e.sequence(), true);
            out.writeVarInt(e.frame().length, true);
            out.writeBytes(e.frame());
        }
    }

    static List<JournalEntry> readEntries(Input in) {
        int count = KryoCounts.readCount(in, "replicated entries", "entries");
        List<JournalEntry> entries = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            long sequence = in.readVarLong(true);
            int length = in.readVarInt(true);
            if (length < 0 || length > EntryFrame.HEADER_BYTES + EntryFrame.MAX_BODY_BYTES) {
                throw new IllegalArgumentException("cannot read replicated entry: frame length out of range, sequence="
                        + sequence + ", length=" + length);
            }
            entries.add(new JournalEntry(sequence, in.readBytes(length)));
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    static <T> ActorRef<T> readRef(Kryo kryo, Input in) {
        return (ActorRef<T>) kryo.readClassAndObject(in);
    }

    public static final class AppendSerializer extends Serializer<Append> {
        @Override
        public void write(Kryo kryo, Output out, Append m) {
            out.writeString(m.tableId());
            out.writeVarInt(m.shard(), true);
            out.writeBoolean(m.fromScratch());
            out.writeVarLong(m.prevSequence(), true);
            out.writeInt(m.prevChecksum());
            writeEntries(out, m.entries());
            out.writeVarLong(m.releaseBeforeSequence(), true);
            kryo.writeClassAndObject(out, m.replyTo());
        }

        @Override
        public Append read(Kryo kryo, Input in, Class<? extends Append> type) {
            return new Append(in.readString(), in.readVarInt(true), in.readBoolean(), in.readVarLong(true),
                    in.readInt(), readEntries(in), in.readVarLong(true), readRef(kryo, in));
        }
    }

    public static final class AppendedSerializer extends Serializer<Appended> {
        @Override
        public void write(Kryo kryo, Output out, Appended m) {
            out.writeString(m.tableId());
            out.writeVarInt(m.shard(), true);
            out.writeBoolean(m.accepted());
            out.writeVarLong(m.lastSequence(), false);
            out.writeInt(m.lastChecksum());
            kryo.writeClassAndObject(out, m.keeper());
        }

        @Override
        public Appended read(Kryo kryo, Input in, Class<? extends Appended> type) {
            return new Appended(in.readString(), in.readVarInt(true), in.readBoolean(), in.readVarLong(false),
                    in.readInt(), readRef(kryo, in));
        }
    }

    public static final class GetCopySerializer extends Serializer<GetCopy> {
        @Override
        public void write(Kryo kryo, Output out, GetCopy m) {
            out.writeString(m.tableId());
            out.writeVarInt(m.shard(), true);
            kryo.writeClassAndObject(out, m.replyTo());
        }

        @Override
        public GetCopy read(Kryo kryo, Input in, Class<? extends GetCopy> type) {
            return new GetCopy(in.readString(), in.readVarInt(true), readRef(kryo, in));
        }
    }

    public static final class CopyStatusSerializer extends Serializer<CopyStatus> {
        @Override
        public void write(Kryo kryo, Output out, CopyStatus m) {
            out.writeString(m.tableId());
            out.writeVarInt(m.shard(), true);
            out.writeVarLong(m.firstSequence(), false);
            out.writeVarLong(m.lastSequence(), false);
            out.writeInt(m.lastChecksum());
            kryo.writeClassAndObject(out, m.keeper());
        }

        @Override
        public CopyStatus read(Kryo kryo, Input in, Class<? extends CopyStatus> type) {
            return new CopyStatus(in.readString(), in.readVarInt(true), in.readVarLong(false), in.readVarLong(false),
                    in.readInt(), readRef(kryo, in));
        }
    }

    public static final class ReadSerializer extends Serializer<Read> {
        @Override
        public void write(Kryo kryo, Output out, Read m) {
            out.writeString(m.tableId());
            out.writeVarInt(m.shard(), true);
            out.writeBoolean(m.fromStart());
            out.writeVarLong(m.afterSequence(), true);
            out.writeInt(m.afterChecksum());
            kryo.writeClassAndObject(out, m.replyTo());
        }

        @Override
        public Read read(Kryo kryo, Input in, Class<? extends Read> type) {
            return new Read(in.readString(), in.readVarInt(true), in.readBoolean(), in.readVarLong(true), in.readInt(),
                    readRef(kryo, in));
        }
    }

    public static final class PageSerializer extends Serializer<Page> {
        @Override
        public void write(Kryo kryo, Output out, Page m) {
            out.writeString(m.tableId());
            out.writeVarInt(m.shard(), true);
            out.writeBoolean(m.anchored());
            writeEntries(out, m.entries());
            out.writeVarLong(m.lastSequence(), false);
        }

        @Override
        public Page read(Kryo kryo, Input in, Class<? extends Page> type) {
            return new Page(in.readString(), in.readVarInt(true), in.readBoolean(), readEntries(in),
                    in.readVarLong(false));
        }
    }

    public static final class HandOverSerializer extends Serializer<HandOver> {
        @Override
        public void write(Kryo kryo, Output out, HandOver m) {
            out.writeString(m.tableId());
            out.writeVarInt(m.shard(), true);
            kryo.writeClassAndObject(out, m.replyTo());
        }

        @Override
        public HandOver read(Kryo kryo, Input in, Class<? extends HandOver> type) {
            String tableId = in.readString();
            int shard = in.readVarInt(true);
            ActorRef<Done> replyTo = readRef(kryo, in);
            return new HandOver(tableId, shard, replyTo);
        }
    }

    public static final class TakeBackSerializer extends Serializer<TakeBack> {
        @Override
        public void write(Kryo kryo, Output out, TakeBack m) {
            out.writeString(m.tableId());
            out.writeVarInt(m.shard(), true);
        }

        @Override
        public TakeBack read(Kryo kryo, Input in, Class<? extends TakeBack> type) {
            return new TakeBack(in.readString(), in.readVarInt(true));
        }
    }

    public static final class DropCopySerializer extends Serializer<DropCopy> {
        @Override
        public void write(Kryo kryo, Output out, DropCopy m) {
            out.writeString(m.tableId());
            out.writeVarInt(m.shard(), true);
            kryo.writeClassAndObject(out, m.replyTo());
        }

        @Override
        public DropCopy read(Kryo kryo, Input in, Class<? extends DropCopy> type) {
            return new DropCopy(in.readString(), in.readVarInt(true), readRef(kryo, in));
        }
    }

    public static final class CopyDroppedSerializer extends Serializer<CopyDropped> {
        @Override
        public void write(Kryo kryo, Output out, CopyDropped m) {
            out.writeString(m.tableId());
            out.writeVarInt(m.shard(), true);
            out.writeBoolean(m.deleted());
            kryo.writeClassAndObject(out, m.keeper());
        }

        @Override
        public CopyDropped read(Kryo kryo, Input in, Class<? extends CopyDropped> type) {
            return new CopyDropped(in.readString(), in.readVarInt(true), in.readBoolean(), readRef(kryo, in));
        }
    }
}
