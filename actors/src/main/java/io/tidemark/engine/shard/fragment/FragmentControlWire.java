package io.tidemark.engine.shard.fragment;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Kryo serializers of the fragment control messages (ids 630-639 in the actors module's
 * reference.conf): {@link TrackedFragment} 630, {@link FragmentStarted} 631 and
 * {@link CancelFragment} 632. A fragment id is written inline as {@code queryId <string>
 * serial <varlong> tableId <string> shard <varint> attempt <varint>}; refs are Kryo's id 110.
 * Layouts: docs/architecture.md §7; golden bytes: {@code fixtures/fragment-control-v1}.
 */
public final class FragmentControlWire {

    private FragmentControlWire() {
    }

    static void writeId(Output out, FragmentId id) {
        out.writeString(id.queryId());
        out.writeVarLong(id.serial(), true);
        out.writeString(id.tableId());
        out.writeVarInt(id.shard(), true);
        out.writeVarInt(id.attempt(), true);
    }

    static FragmentId readId(Input in, String reading) {
        String queryId = in.readString();
        long serial = in.readVarLong(true);
        String tableId = in.readString();
        int shard = in.readVarInt(true);
        int attempt = in.readVarInt(true);
        if (queryId == null || tableId == null) {
            throw new KryoException("cannot read " + reading + ": a fragment id field is null, queryId=" + queryId
                    + ", tableId=" + tableId);
        }
        return new FragmentId(queryId, serial, tableId, shard, attempt);
    }

    @SuppressWarnings("unchecked")
    static ActorRef<FragmentControl.Command> readRef(Kryo kryo, Input in, String reading) {
        Object ref = kryo.readClassAndObject(in);
        if (!(ref instanceof ActorRef<?>)) {
            throw new KryoException("cannot read " + reading + ": the control ref is not an actor ref, class="
                    + (ref == null ? "null" : ref.getClass().getName()));
        }
        return (ActorRef<FragmentControl.Command>) ref;
    }

    /** {@code id <fragment id> control <ref> fragment <class and object>}. */
    public static final class TrackedFragmentSerializer extends Serializer<TrackedFragment> {
        public TrackedFragmentSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, TrackedFragment tracked) {
            writeId(out, tracked.id());
            kryo.writeClassAndObject(out, tracked.control());
            kryo.writeClassAndObject(out, tracked.fragment());
        }

        @Override
        public TrackedFragment read(Kryo kryo, Input in, Class<? extends TrackedFragment> type) {
            FragmentId id = readId(in, "TrackedFragment");
            ActorRef<FragmentControl.Command> control = readRef(kryo, in, "TrackedFragment");
            Object fragment = kryo.readClassAndObject(in);
            if (!(fragment instanceof ShardFragment shipped) || fragment instanceof TrackedFragment) {
                throw new KryoException("cannot read TrackedFragment: the fragment is not a shard fragment, class="
                        + (fragment == null ? "null" : fragment.getClass().getName()));
            }
            return new TrackedFragment(id, control, shipped);
        }
    }

    /** {@code id <fragment id> host <ref>}. */
    public static final class FragmentStartedSerializer extends Serializer<FragmentStarted> {
        public FragmentStartedSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, FragmentStarted started) {
            writeId(out, started.id());
            kryo.writeClassAndObject(out, started.host());
        }

        @Override
        public FragmentStarted read(Kryo kryo, Input in, Class<? extends FragmentStarted> type) {
            return new FragmentStarted(readId(in, "FragmentStarted"), readRef(kryo, in, "FragmentStarted"));
        }
    }

    /** {@code id <fragment id> reason <string>}. */
    public static final class CancelFragmentSerializer extends Serializer<CancelFragment> {
        public CancelFragmentSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, CancelFragment cancel) {
            writeId(out, cancel.id());
            out.writeString(cancel.reason());
        }

        @Override
        public CancelFragment read(Kryo kryo, Input in, Class<? extends CancelFragment> type) {
            FragmentId id = readId(in, "CancelFragment");
            String reason = in.readString();
            if (reason == null) {
                throw new KryoException("cannot read CancelFragment: the reason is null, " + id);
            }
            return new CancelFragment(id, reason);
        }
    }
}
