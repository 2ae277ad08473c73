package io.tidemark.engine.shard.replica;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * How series shards replicate their journals, from {@code tidemark.cluster.replication-factor}
 * and {@code tidemark.engine.shard.replication.*} (see the actors module's reference.conf).
 *
 * @param factor copies of each shard's journal, the primary's included (1 to 3)
 * @param timeout how long a primary waits for its replicas' answers to a run of writes, and a
 *     starting shard for the answers of the other copies
 * @param pageEntries entries per page of a catch-up read or a backfill
 * @param pageBytes about how many bytes of entries a page, or one {@code Append} of a run of
 *     writes, holds (at least one entry)
 * @param idleCopyClose how often a replica keeper closes the copies nothing used since its last
 *     look (a copy holds open files and mapped memory; it reopens on the next use)
 */
public record ReplicationSettings(int factor, Duration timeout, int pageEntries, int pageBytes,
        Duration idleCopyClose) {

    /** One copy: nothing is replicated. */
    public static final ReplicationSettings NONE = new ReplicationSettings(1, Duration.ofSeconds(5), 256, 4 << 20,
            Duration.ofMinutes(5));
    /** The large-message frame size key: replica messages travel on Artery's large-message stream. */
    static final String LARGE_FRAME = "pekko.remote.artery.advanced.maximum-large-frame-size";
    /** Room left in a large frame for the message's other fields and the entries' framing. */
    private static final double FRAME_SHARE = 0.75;

    public ReplicationSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(idleCopyClose, "idleCopyClose");
        if (factor < 1 || factor > 3 || timeout.isNegative() || timeout.isZero() || pageEntries < 2 || pageBytes < 1
                || idleCopyClose.isNegative() || idleCopyClose.isZero()) {
            throw new IllegalArgumentException("cannot configure replication: replication-factor must be 1 to 3, the"
                    + " timeout and idle-copy-close positive, pages at least 2 entries, factor=" + factor + ", timeout="
                    + timeout + ", pageEntries=" + pageEntries + ", pageBytes=" + pageBytes + ", idleCopyClose="
                    + idleCopyClose);
        }
    }

    /**
     * Reads the settings from an actor system's config (the root). Pages are cut below the remoting
     * transport's large frame ({@value #LARGE_FRAME}, the stream the replica keepers and catch-up
     * readers receive on): Artery drops a larger message, and the sender would only time out.
     */
    public static ReplicationSettings fromConfig(Config root) {
        Config replication = root.getConfig("tidemark.engine.shard.replication");
        String factor = "tidemark.cluster.replication-factor";
        long frameBytes = root.hasPath(LARGE_FRAME) ? (long) (root.getBytes(LARGE_FRAME) * FRAME_SHARE)
                : Integer.MAX_VALUE;
        return new ReplicationSettings(root.hasPath(factor) ? root.getInt(factor) : 1,
                replication.getDuration("timeout"), replication.getInt("page-entries"),
                (int) Math.min(Math.min(Integer.MAX_VALUE, frameBytes), replication.getBytes("page-bytes")),
                replication.getDuration("idle-copy-close"));
    }

    /** Whether a shard has copies on other nodes. */
    public boolean replicated() {
        return factor > 1;
    }

    /** Copies, the primary's included, that must hold a batch before it is acknowledged: a majority. */
    public int quorum() {
        return factor / 2 + 1;
    }
}
