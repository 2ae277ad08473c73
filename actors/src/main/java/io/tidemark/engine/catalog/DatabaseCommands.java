package io.tidemark.engine.catalog;

import io.tidemark.engine.EngineException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The {@link CatalogActor}'s handlers for database and tag commands; table commands stay in the
 * actor. Each handler checks the command against the state and throws an {@link EngineException}
 * for a refused one, which the actor answers.
 */
final class DatabaseCommands {

    private static final String DATABASES_LISTING = "databases";

    private final EffectFactories<CatalogEvent, CatalogState> effects;
    private final CatalogSettings settings;
    private final Clock clock;

    DatabaseCommands(EffectFactories<CatalogEvent, CatalogState> effects, CatalogSettings settings, Clock clock) {
        this.effects = effects;
        this.settings = settings;
        this.clock = clock;
    }

    ReplyEffect<CatalogEvent, CatalogState> create(CatalogState s, CatalogActor.CreateDatabase c) {
        CatalogRules.requireNewName("DatabaseName", c.name());
        String kmsKeyId = c.kmsKeyId() == null ? CatalogRules.DEFAULT_KMS_KEY_ID : c.kmsKeyId();
        CatalogRules.requireKmsKeyId(kmsKeyId);
        CatalogRules.requireTags(c.tags());
        if (s.database(c.name()) != null) {
            throw EngineException.conflict("cannot create database: database=" + c.name() + " already exists");
        }
        if (s.databaseCount() >= settings.maxDatabases()) {
            throw EngineException.quotaExceeded("cannot create database: databases=" + s.databaseCount()
                    + " (at most " + settings.maxDatabases() + ")");
        }
        return effects.persist(new CatalogEvent.DatabaseCreated(c.name(), kmsKeyId, c.tags(), clock.millis()))
                .thenReply(c.replyTo(), after -> StatusReply.success(after.describe(after.database(c.name()))));
    }

    ReplyEffect<CatalogEvent, CatalogState> describe(CatalogState s, CatalogActor.DescribeDatabase c) {
        return effects.reply(c.replyTo(), StatusReply.success(s.describe(existing(s, c.name(), "describe"))));
    }

    ReplyEffect<CatalogEvent, CatalogState> list(CatalogState s, CatalogActor.ListDatabases c) {
        int size = CatalogRules.pageSize(c.maxResults(), settings.defaultPageSize());
        String after = CatalogRules.position(DATABASES_LISTING, c.nextToken());
        List<DatabaseDescription> items = new ArrayList<>(size);
        boolean more = false;
        for (CatalogState.DatabaseEntry db : (after == null ? s.databases() : s.databases().tailMap(after, false))
                .values()) {
            if (items.size() == size) {
                more = true;
                break;
            }
            items.add(s.describe(db));
        }
        String next = more ? CatalogRules.nextToken(DATABASES_LISTING, items.get(items.size() - 1).name()) : null;
        return effects.reply(c.replyTo(), StatusReply.success(new Page<>(items, next)));
    }

    /** Only the KMS key changes; the same key again changes nothing. */
    ReplyEffect<CatalogEvent, CatalogState> update(CatalogState s, CatalogActor.UpdateDatabase c) {
        CatalogRules.requireKmsKeyId(c.kmsKeyId());
        CatalogState.DatabaseEntry db = existing(s, c.name(), "update");
        if (db.kmsKeyId().equals(c.kmsKeyId())) {
            return effects.reply(c.replyTo(), StatusReply.success(s.describe(db)));
        }
        return effects.persist(new CatalogEvent.DatabaseKmsKeyUpdated(c.name(), c.kmsKeyId(), clock.millis()))
                .thenReply(c.replyTo(), after -> StatusReply.success(after.describe(after.database(c.name()))));
    }

    ReplyEffect<CatalogEvent, CatalogState> delete(CatalogState s, CatalogActor.DeleteDatabase c) {
        existing(s, c.name(), "delete");
        int tables = s.tableIds(c.name()).size();
        if (tables > 0) {
            throw EngineException.validation("cannot delete database: database=" + c.name() + ", tables=" + tables
                    + " (delete its tables first)");
        }
        return effects.persist(new CatalogEvent.DatabaseDeleted(c.name()))
                .thenReply(c.replyTo(), after -> StatusReply.success(Done.getInstance()));
    }

    /** Adds or overwrites tags; a resource may end up with at most 200. */
    ReplyEffect<CatalogEvent, CatalogState> tag(CatalogState s, CatalogActor.TagResource c) {
        Arns.Resource r = resource(s, c.arn());
        CatalogRules.requireTags(c.tags());
        int total = CatalogState.merge(s.tags(r.database(), r.table()), c.tags()).size();
        if (total > CatalogRules.MAX_TAGS) {
            throw EngineException.quotaExceeded("cannot tag: arn=" + c.arn() + ", tags=" + total + " (at most "
                    + CatalogRules.MAX_TAGS + " per resource)");
        }
        if (c.tags().isEmpty()) {
            return effects.reply(c.replyTo(), StatusReply.success(Done.getInstance()));
        }
        return effects.persist(new CatalogEvent.ResourceTagged(r.database(), r.table(), c.tags()))
                .thenReply(c.replyTo(), after -> StatusReply.success(Done.getInstance()));
    }

    /** Removes the tags with these keys; keys the resource does not have are ignored. */
    ReplyEffect<CatalogEvent, CatalogState> untag(CatalogState s, CatalogActor.UntagResource c) {
        Arns.Resource r = resource(s, c.arn());
        CatalogRules.requireTagKeys(c.tagKeys());
        if (s.tags(r.database(), r.table()).stream().noneMatch(t -> c.tagKeys().contains(t.key()))) {
            return effects.reply(c.replyTo(), StatusReply.success(Done.getInstance()));
        }
        return effects.persist(new CatalogEvent.ResourceUntagged(r.database(), r.table(), c.tagKeys()))
                .thenReply(c.replyTo(), after -> StatusReply.success(Done.getInstance()));
    }

    ReplyEffect<CatalogEvent, CatalogState> listTags(CatalogState s, CatalogActor.ListTags c) {
        Arns.Resource r = resource(s, c.arn());
        return effects.reply(c.replyTo(), StatusReply.success(new Page<>(s.tags(r.database(), r.table()), null)));
    }

    /** The database or ACTIVE table {@code arn} names; NOT_FOUND when there is none. */
    private Arns.Resource resource(CatalogState s, String arn) {
        Arns.Resource r = settings.arns().parse(arn);
        boolean exists = r.table() == null ? s.database(r.database()) != null
                : s.table(r.database(), r.table()) != null
                        && s.table(r.database(), r.table()).description().status() == TableStatus.ACTIVE;
        if (!exists) {
            throw EngineException.notFound("cannot find resource: arn=" + arn + " does not exist");
        }
        return r;
    }

    private static CatalogState.DatabaseEntry existing(CatalogState s, String name, String action) {
        CatalogState.DatabaseEntry db = s.database(name);
        if (db == null) {
            throw EngineException.notFound("cannot " + action + " database: database=" + name + " does not exist");
        }
        return db;
    }
}
