package io.tidemark.engine.tier;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.tier.MagneticNotices.MagneticChanged;
import io.tidemark.engine.tier.MagneticNotices.MigrationReport;
import io.tidemark.engine.tier.MagneticNotices.Reload;
import io.tidemark.engine.tier.MagneticNotices.Reloaded;
import io.tidemark.engine.tier.RetentionJanitor.RetentionSummary;
import io.tidemark.engine.tier.TierMigrator.MigrationSummary;
import io.tidemark.engine.tier.TierSingleton.DeleteTable;
import io.tidemark.engine.tier.TierSingleton.ExpireNow;
import io.tidemark.engine.tier.TierSingleton.MigrateNow;
import io.tidemark.engine.tier.TierSingleton.TableDeleted;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Kryo serializers of the tier messages that cross nodes: the magnetic notices, the
 * {@link TierSingleton}'s commands and their replies. Registered with fixed ids (500-549 belong to
 * the tier and subscription notices) under {@code tidemark.serialization.kryo.classes} in the
 * actors module's reference.conf. Fields are written by hand in declaration order; reply-to refs
 * with {@code writeClassAndObject} (the system's actor ref serializer).
 */
final class TierWire {

    private TierWire() {
    }

    @SuppressWarnings("unchecked")
    private static <T> ActorRef<T> readRef(Kryo kryo, Input in) {
        return (ActorRef<T>) kryo.readClassAndObject(in);
    }

    static final class MagneticChangedSerializer extends Serializer<MagneticChanged> {
        @Override
        public void write(Kryo kryo, Output out, MagneticChanged notice) {
            out.writeString(notice.tableId());
            out.writeString(notice.origin());
        }

        @Override
        public MagneticChanged read(Kryo kryo, Input in, Class<? extends MagneticChanged> type) {
            return new MagneticChanged(in.readString(), in.readString());
        }
    }

    /** Origin, then per table: id, shard count and each shard's time; then the two counters. */
    static final class MigrationReportSerializer extends Serializer<MigrationReport> {
        @Override
        public void write(Kryo kryo, Output out, MigrationReport report) {
            out.writeString(report.origin());
            MigrationProgress.Snapshot progress = report.progress();
            out.writeVarInt(progress.lastMigrated().size(), true);
            for (Map.Entry<String, long[]> table : progress.lastMigrated().entrySet()) {
                out.writeString(table.getKey());
                out.writeVarInt(table.getValue().length, true);
                for (long millis : table.getValue()) {
                    out.writeVarLong(millis, true);
                }
            }
            out.writeVarLong(progress.failedShards(), true);
            out.writeVarLong(progress.migratedPoints(), true);
        }

        @Override
        public MigrationReport read(Kryo kryo, Input in, Class<? extends MigrationReport> type) {
            String origin = in.readString();
            int tables = KryoCounts.readCount(in, "migration report", "tables");
            Map<String, long[]> lastMigrated = new HashMap<>();
            for (int t = 0; t < tables; t++) {
                String tableId = in.readString();
                long[] millis = new long[KryoCounts.readCount(in, "migration report", "shards")];
                for (int s = 0; s < millis.length; s++) {
                    millis[s] = in.readVarLong(true);
                }
                lastMigrated.put(tableId, millis);
            }
            return new MigrationReport(new MigrationProgress.Snapshot(lastMigrated, in.readVarLong(true),
                    in.readVarLong(true)), origin);
        }
    }

    static final class ReloadSerializer extends Serializer<Reload> {
        @Override
        public void write(Kryo kryo, Output out, Reload reload) {
            out.writeString(reload.tableId());
            kryo.writeClassAndObject(out, reload.replyTo());
        }

        @Override
        public Reload read(Kryo kryo, Input in, Class<? extends Reload> type) {
            return new Reload(in.readString(), readRef(kryo, in));
        }
    }

    static final class ReloadedSerializer extends Serializer<Reloaded> {
        @Override
        public void write(Kryo kryo, Output out, Reloaded reloaded) {
            out.writeString(reloaded.tableId());
        }

        @Override
        public Reloaded read(Kryo kryo, Input in, Class<? extends Reloaded> type) {
            return new Reloaded(in.readString());
        }
    }

    static final class MigrateNowSerializer extends Serializer<MigrateNow> {
        @Override
        public void write(Kryo kryo, Output out, MigrateNow command) {
            kryo.writeClassAndObject(out, command.replyTo());
        }

        @Override
        public MigrateNow read(Kryo kryo, Input in, Class<? extends MigrateNow> type) {
            return new MigrateNow(readRef(kryo, in));
        }
    }

    static final class ExpireNowSerializer extends Serializer<ExpireNow> {
        @Override
        public void write(Kryo kryo, Output out, ExpireNow command) {
            kryo.writeClassAndObject(out, command.replyTo());
        }

        @Override
        public ExpireNow read(Kryo kryo, Input in, Class<? extends ExpireNow> type) {
            return new ExpireNow(readRef(kryo, in));
        }
    }

    static final class DeleteTableSerializer extends Serializer<DeleteTable> {
        @Override
        public void write(Kryo kryo, Output out, DeleteTable command) {
            out.writeString(command.tableId());
            kryo.writeClassAndObject(out, command.replyTo());
        }

        @Override
        public DeleteTable read(Kryo kryo, Input in, Class<? extends DeleteTable> type) {
            return new DeleteTable(in.readString(), readRef(kryo, in));
        }
    }

    static final class TableDeletedSerializer extends Serializer<TableDeleted> {
        @Override
        public void write(Kryo kryo, Output out, TableDeleted reply) {
            out.writeString(reply.tableId());
            out.writeString(reply.failure());
        }

        @Override
        public TableDeleted read(Kryo kryo, Input in, Class<? extends TableDeleted> type) {
            return new TableDeleted(in.readString(), in.readString());
        }
    }

    static final class MigrationSummarySerializer extends Serializer<MigrationSummary> {
        @Override
        public void write(Kryo kryo, Output out, MigrationSummary summary) {
            out.writeVarInt(summary.shards(), true);
            out.writeVarInt(summary.failedShards(), true);
            out.writeVarLong(summary.chunks(), true);
            out.writeVarLong(summary.points(), true);
            out.writeVarLong(summary.segments(), true);
        }

        @Override
        public MigrationSummary read(Kryo kryo, Input in, Class<? extends MigrationSummary> type) {
            return new MigrationSummary(in.readVarInt(true), in.readVarInt(true), in.readVarLong(true),
                    in.readVarLong(true), in.readVarLong(true));
        }
    }

    static final class RetentionSummarySerializer extends Serializer<RetentionSummary> {
        @Override
        public void write(Kryo kryo, Output out, RetentionSummary summary) {
            out.writeVarInt(summary.tables(), true);
            out.writeVarInt(summary.failedTables(), true);
            out.writeVarInt(summary.segmentsDeleted(), true);
            out.writeVarInt(summary.segmentsRewritten(), true);
            out.writeVarInt(summary.segmentsCompacted(), true);
        }

        @Override
        public RetentionSummary read(Kryo kryo, Input in, Class<? extends RetentionSummary> type) {
            return new RetentionSummary(in.readVarInt(true), in.readVarInt(true), in.readVarInt(true),
                    in.readVarInt(true), in.readVarInt(true));
        }
    }
}
