package io.tidemark.engine.shard.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.shard.SeriesShard;
import io.tidemark.engine.shard.fragment.FragmentDeclined;
import io.tidemark.engine.shard.fragment.ShardFragment;

/**
 * Kryo serializers of the shard side of shipped query fragments (ids 600-601 in the actors
 * module's reference.conf): the {@link SeriesShard.RunFragment} command and the
 * {@link FragmentDeclined} answer. The fragment itself, and the output the shard relays, are the
 * query engine's types with registrations of their own, written with {@code writeClassAndObject}.
 * Layouts: docs/architecture.md §7.
 */
public final class ShardWireFragments {

    private ShardWireFragments() {
    }

    /** {@code fragment <class and object> fromNanos <8> toNanos <8> replyTo <ref>}. */
    public static final class RunFragmentSerializer extends Serializer<SeriesShard.RunFragment> {
        public RunFragmentSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, SeriesShard.RunFragment run) {
            kryo.writeClassAndObject(out, run.fragment());
            out.writeLong(run.fromNanos());
            out.writeLong(run.toNanos());
            kryo.writeClassAndObject(out, run.replyTo());
        }

        @Override
        public SeriesShard.RunFragment read(Kryo kryo, Input in, Class<? extends SeriesShard.RunFragment> type) {
            Object fragment = kryo.readClassAndObject(in);
            if (!(fragment instanceof ShardFragment shipped)) {
                throw new KryoException("cannot read RunFragment: the fragment is not a"
                        + " shard fragment, class=" + (fragment == null ? "null" : fragment.getClass().getName()));
            }
            long from = in.readLong();
            long to = in.readLong();
            return new SeriesShard.RunFragment(shipped, from, to, ShardWireCommands.readRef(kryo, in));
        }
    }

    /** {@code reason <string>}. */
    public static final class FragmentDeclinedSerializer extends Serializer<FragmentDeclined> {
        public FragmentDeclinedSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, FragmentDeclined declined) {
            out.writeString(declined.reason());
        }

        @Override
        public FragmentDeclined read(Kryo kryo, Input in, Class<? extends FragmentDeclined> type) {
            return new FragmentDeclined(in.readString());
        }
    }
}
