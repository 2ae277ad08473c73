package io.tidemark.engine.catalog;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.serialization.KryoCounts;
import java.util.ArrayList;
import java.util.List;

/**
 * Kryo serializers of what the catalog answers across nodes (inside Pekko's {@code StatusReply},
 * or as plain replies and publications), registered under ids 380-399 in the actors module's
 * {@code reference.conf}. Encodings as in {@link CatalogMessageSerializers}.
 */
final class CatalogReplySerializers {

    private CatalogReplySerializers() {}

    static final class DatabaseDescriptionSerializer
            extends CatalogMessageSerializers.MessageSerializer<DatabaseDescription> {
        @Override
        public void write(Kryo kryo, Output out, DatabaseDescription d) {
            out.writeString(d.name());
            out.writeString(d.arn());
            out.writeVarLong(d.tableCount(), true);
            out.writeString(d.kmsKeyId());
            CatalogWire.writeInstant(out, d.creationTime());
            CatalogWire.writeInstant(out, d.lastUpdatedTime());
        }

        @Override
        DatabaseDescription read(Kryo kryo, Input in) {
            return new DatabaseDescription(in.readString(), in.readString(), in.readVarLong(true), in.readString(),
                    CatalogWire.readInstant(in), CatalogWire.readInstant(in));
        }
    }

    static final class TableDescriptionSerializer extends CatalogMessageSerializers.MessageSerializer<TableDescription> {
        @Override
        public void write(Kryo kryo, Output out, TableDescription d) {
            CatalogWire.writeDescription(out, d);
        }

        @Override
        TableDescription read(Kryo kryo, Input in) {
            return CatalogWire.readDescription(in);
        }
    }

    static final class TagSerializer extends CatalogMessageSerializers.MessageSerializer<Tag> {
        @Override
        public void write(Kryo kryo, Output out, Tag t) {
            out.writeString(t.key());
            out.writeString(t.value());
        }

        @Override
        Tag read(Kryo kryo, Input in) {
            return new Tag(in.readString(), in.readString());
        }
    }

    /** Count, each item with its class id (databases, tables or tags), then the next token. */
    @SuppressWarnings("rawtypes")
    static final class PageSerializer extends CatalogMessageSerializers.MessageSerializer<Page> {
        @Override
        public void write(Kryo kryo, Output out, Page page) {
            List<?> items = page.items();
            out.writeVarInt(items.size(), true);
            for (Object item : items) {
                kryo.writeClassAndObject(out, item);
            }
            out.writeString(page.nextToken());
        }

        @Override
        Page read(Kryo kryo, Input in) {
            int n = KryoCounts.readCount(in, "catalog page", "items");
            List<Object> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(kryo.readClassAndObject(in));
            }
            return new Page<>(items, in.readString());
        }
    }

    /** Table id, presence byte and description (absent once the table is gone), schema, version. */
    static final class TableChangeSerializer extends CatalogMessageSerializers.MessageSerializer<TableChange> {
        @Override
        public void write(Kryo kryo, Output out, TableChange c) {
            writeChange(out, c);
        }

        @Override
        TableChange read(Kryo kryo, Input in) {
            return readChange(in);
        }
    }

    static void writeChange(Output out, TableChange c) {
        out.writeString(c.tableId());
        out.writeBoolean(c.description() != null);
        if (c.description() != null) {
            CatalogWire.writeDescription(out, c.description());
        }
        CatalogWire.writeSchema(out, c.schema());
        out.writeVarLong(c.version(), true);
    }

    static TableChange readChange(Input in) {
        String tableId = in.readString();
        TableDescription description = in.readBoolean() ? CatalogWire.readDescription(in) : null;
        return new TableChange(tableId, description, CatalogWire.readSchema(in), in.readVarLong(true));
    }

    static final class SubscribedSerializer
            extends CatalogMessageSerializers.MessageSerializer<CatalogActor.Subscribed> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.Subscribed s) {
            CatalogMessageSerializers.writeRef(kryo, out, s.catalog());
            out.writeVarInt(s.tables().size(), true);
            s.tables().forEach(c -> writeChange(out, c));
            out.writeVarLong(s.version(), true);
        }

        @Override
        CatalogActor.Subscribed read(Kryo kryo, Input in) {
            org.apache.pekko.actor.typed.ActorRef<CatalogActor.Command> catalog =
                    CatalogMessageSerializers.readRef(kryo, in);
            int n = KryoCounts.readCount(in, "catalog subscription", "tables");
            List<TableChange> tables = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tables.add(readChange(in));
            }
            return new CatalogActor.Subscribed(catalog, tables, in.readVarLong(true));
        }
    }

    /** Presence byte, then the change. */
    static final class TableLookupSerializer extends CatalogMessageSerializers.MessageSerializer<CatalogActor.TableLookup> {
        @Override
        public void write(Kryo kryo, Output out, CatalogActor.TableLookup lookup) {
            out.writeBoolean(lookup.change() != null);
            if (lookup.change() != null) {
                writeChange(out, lookup.change());
            }
        }

        @Override
        CatalogActor.TableLookup read(Kryo kryo, Input in) {
            return new CatalogActor.TableLookup(in.readBoolean() ? readChange(in) : null);
        }
    }
}
