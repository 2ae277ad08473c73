package io.tidemark.engine.query.fragment.remote;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.fragment.ScanRequest;
import io.tidemark.engine.query.fragment.ShardFragmentScan;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kryo serializers of the query side of shipped fragments (ids 602-603 in the actors module's
 * reference.conf): the {@link ShippedFragment} a {@code RunFragment} carries, and the
 * {@link ShardFragmentScan.Output} a shard answers with (its batch in {@link BatchWire}'s form).
 * The scan request's values are written sorted, so equal requests give equal bytes. Layouts:
 * docs/architecture.md §7.
 */
public final class FragmentWire {

    private static final String READING = "shipped fragment";

    /** Frozen wire ids of the column roles; 0 is never written. */
    private static final ColumnRole[] ROLES = {null, ColumnRole.DIMENSION, ColumnRole.MEASURE_NAME,
        ColumnRole.TIMESTAMP, ColumnRole.MEASURE_VALUE, ColumnRole.MULTI};

    private FragmentWire() {
    }

    static int roleId(ColumnRole role) {
        for (int id = 1; id < ROLES.length; id++) {
            if (ROLES[id] == role) {
                return id;
            }
        }
        throw new IllegalArgumentException("cannot send column role across nodes: role=" + role);
    }

    /**
     * {@code queryId <string> sql <string|null> queryStartNanos <8> timeoutMillis <varlong>
     * tableId <string> shardCount <varint> fromNanos <8> request <scan request> fingerprint <string>}.
     */
    public static final class ShippedFragmentSerializer extends Serializer<ShippedFragment> {
        public ShippedFragmentSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, ShippedFragment fragment) {
            out.writeString(fragment.queryId());
            out.writeString(fragment.sql());
            out.writeLong(fragment.queryStartNanos());
            out.writeVarLong(fragment.timeoutMillis(), true);
            out.writeString(fragment.tableId());
            out.writeVarInt(fragment.shardCount(), true);
            out.writeLong(fragment.fromNanos());
            writeRequest(out, fragment.request());
            out.writeString(fragment.fingerprint().get());
        }

        @Override
        public ShippedFragment read(Kryo kryo, Input in, Class<? extends ShippedFragment> type) {
            String queryId = in.readString();
            String sql = in.readString();
            long start = in.readLong();
            long timeout = in.readVarLong(true);
            String tableId = in.readString();
            int shardCount = in.readVarInt(true);
            long from = in.readLong();
            ScanRequest request = readRequest(in);
            String fingerprint = in.readString();
            if (queryId == null || tableId == null || fingerprint == null) {
                throw new KryoException("cannot read shipped fragment: a required field is null, queryId=" + queryId
                        + ", tableId=" + tableId);
            }
            return new ShippedFragment(queryId, sql, start, timeout, tableId, shardCount, request, from,
                    () -> fingerprint, null);
        }
    }

    /**
     * {@code database <string> table <string> columns <varint> (name <string> type <type> role <1>)*
     * fromNanos <8> toNanos <8> values <varint> (column <string> count <varint> (value <string>)*)*}.
     */
    static void writeRequest(Output out, ScanRequest request) {
        out.writeString(request.database());
        out.writeString(request.table());
        out.writeVarInt(request.columns().size(), true);
        for (ScanColumn column : request.columns()) {
            out.writeString(column.name());
            BatchWire.writeType(out, column.type());
            out.writeByte(roleId(column.role()));
        }
        out.writeLong(request.fromNanos());
        out.writeLong(request.toNanos());
        Map<String, Set<String>> values = new TreeMap<>(request.values());
        out.writeVarInt(values.size(), true);
        values.forEach((column, allowed) -> {
            out.writeString(column);
            out.writeVarInt(allowed.size(), true);
            new TreeSet<>(allowed).forEach(out::writeString);
        });
    }

    static ScanRequest readRequest(Input in) {
        String database = in.readString();
        String table = in.readString();
        int count = KryoCounts.readCount(in, READING, "columns");
        List<ScanColumn> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            var type = BatchWire.readType(in);
            int role = in.readByte() & 0xFF;
            if (role == 0 || role >= ROLES.length) {
                throw new KryoException("cannot read shipped fragment: unknown column role id, id=" + role);
            }
            columns.add(new ScanColumn(name, type, ROLES[role]));
        }
        long from = in.readLong();
        long to = in.readLong();
        int columnsWithValues = KryoCounts.readCount(in, READING, "values");
        Map<String, Set<String>> values = new HashMap<>();
        for (int i = 0; i < columnsWithValues; i++) {
            String column = in.readString();
            int allowed = KryoCounts.readCount(in, READING, "values of " + column);
            Set<String> set = new HashSet<>();
            for (int v = 0; v < allowed; v++) {
                set.add(in.readString());
            }
            values.put(column, set);
        }
        return new ScanRequest(database, table, columns, from, to, values);
    }

    /** {@code bytesScanned <varlong> batch <batch>}. */
    public static final class OutputSerializer extends Serializer<ShardFragmentScan.Output> {
        public OutputSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, ShardFragmentScan.Output output) {
            out.writeVarLong(output.bytesScanned(), true);
            BatchWire.write(out, output.batch());
        }

        @Override
        public ShardFragmentScan.Output read(Kryo kryo, Input in, Class<? extends ShardFragmentScan.Output> type) {
            long bytes = in.readVarLong(true);
            return new ShardFragmentScan.Output(BatchWire.read(in), bytes);
        }
    }
}
