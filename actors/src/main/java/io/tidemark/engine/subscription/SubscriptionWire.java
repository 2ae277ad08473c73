package io.tidemark.engine.subscription;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.subscription.ClusterWriteNotices.WrittenElsewhere;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.ArrayList;
import java.util.List;

/**
 * Kryo serializers of the write notices that cross nodes ({@link ClusterWriteNotices}), registered
 * with fixed ids in the tier and subscription range (500-549) under
 * {@code tidemark.serialization.kryo.classes} in the actors module's reference.conf. Fields by
 * hand, in declaration order; a list as a count and its elements.
 */
final class SubscriptionWire {

    private SubscriptionWire() {
    }

    static final class TableWrittenSerializer extends Serializer<TableWritten> {
        @Override
        public void write(Kryo kryo, Output out, TableWritten write) {
            writeFields(out, write);
        }

        @Override
        public TableWritten read(Kryo kryo, Input in, Class<? extends TableWritten> type) {
            return readFields(in);
        }
    }

    static final class WrittenElsewhereSerializer extends Serializer<WrittenElsewhere> {
        @Override
        public void write(Kryo kryo, Output out, WrittenElsewhere notice) {
            out.writeString(notice.origin());
            out.writeVarInt(notice.writes().size(), true);
            for (TableWritten write : notice.writes()) {
                writeFields(out, write);
            }
        }

        @Override
        public WrittenElsewhere read(Kryo kryo, Input in, Class<? extends WrittenElsewhere> type) {
            String origin = in.readString();
            int count = KryoCounts.readCount(in, "write notice", "writes");
            List<TableWritten> writes = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                writes.add(readFields(in));
            }
            return new WrittenElsewhere(origin, List.copyOf(writes));
        }
    }

    private static void writeFields(Output out, TableWritten write) {
        out.writeString(write.database());
        out.writeString(write.table());
        out.writeLong(write.minTimeNanos());
        out.writeLong(write.maxTimeNanos());
    }

    private static TableWritten readFields(Input in) {
        return new TableWritten(in.readString(), in.readString(), in.readLong(), in.readLong());
    }
}
