package io.tidemark.engine.query.fragment.remote;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.shard.fragment.HeldAnswerCommand;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Kryo serializers of fragment answers sent in parts (ids 640-642 in the actors module's
 * reference.conf): the {@link OutputPart} a shard answers with and the holder hands out, and the
 * querying node's {@link HeldAnswerCommand.NextPart} and {@link HeldAnswerCommand.Release}. Refs
 * are written with {@code writeClassAndObject} (Kryo id 110). Layouts: docs/architecture.md §7.
 */
public final class AnswerPartsWire {

    private AnswerPartsWire() {
    }

    /**
     * {@code answerId <varlong> index <varint> count <varint> bytesScanned <varlong> holder <ref>
     * batch <batch>}.
     */
    public static final class OutputPartSerializer extends Serializer<OutputPart> {
        public OutputPartSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, OutputPart part) {
            out.writeVarLong(part.answerId(), true);
            out.writeVarInt(part.index(), true);
            out.writeVarInt(part.count(), true);
            out.writeVarLong(part.bytesScanned(), true);
            kryo.writeClassAndObject(out, part.holder());
            BatchWire.write(out, part.batch());
        }

        @Override
        public OutputPart read(Kryo kryo, Input in, Class<? extends OutputPart> type) {
            long answerId = in.readVarLong(true);
            int index = in.readVarInt(true);
            int count = in.readVarInt(true);
            long bytesScanned = in.readVarLong(true);
            ActorRef<HeldAnswerCommand> holder = readRef(kryo, in, "OutputPart");
            Batch batch = BatchWire.read(in);
            if (count < 2 || index < 0 || index >= count) {
                throw new KryoException("cannot read OutputPart: the index is not one of at least two parts, index="
                        + index + ", count=" + count);
            }
            return new OutputPart(batch, bytesScanned, answerId, index, count, holder);
        }
    }

    /** {@code answerId <varlong> index <varint> replyTo <ref>}. */
    public static final class NextPartSerializer extends Serializer<HeldAnswerCommand.NextPart> {
        public NextPartSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, HeldAnswerCommand.NextPart next) {
            out.writeVarLong(next.answerId(), true);
            out.writeVarInt(next.index(), true);
            kryo.writeClassAndObject(out, next.replyTo());
        }

        @Override
        public HeldAnswerCommand.NextPart read(Kryo kryo, Input in, Class<? extends HeldAnswerCommand.NextPart> type) {
            long answerId = in.readVarLong(true);
            int index = in.readVarInt(true);
            return new HeldAnswerCommand.NextPart(answerId, index, readRef(kryo, in, "NextPart"));
        }
    }

    /** {@code answerId <varlong>}. */
    public static final class ReleaseSerializer extends Serializer<HeldAnswerCommand.Release> {
        public ReleaseSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, HeldAnswerCommand.Release release) {
            out.writeVarLong(release.answerId(), true);
        }

        @Override
        public HeldAnswerCommand.Release read(Kryo kryo, Input in, Class<? extends HeldAnswerCommand.Release> type) {
            return new HeldAnswerCommand.Release(in.readVarLong(true));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> ActorRef<T> readRef(Kryo kryo, Input in, String reading) {
        Object ref = kryo.readClassAndObject(in);
        if (!(ref instanceof ActorRef<?>)) {
            throw new KryoException("cannot read " + reading + ": expected an actor ref, class="
                    + (ref == null ? "null" : ref.getClass().getName()));
        }
        return (ActorRef<T>) ref;
    }
}
