package io.tidemark.engine.shard;

import com.typesafe.config.Config;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.serialization.KryoSerializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;

/**
 * Scan and freeze answers for an asker on another node, in parts that each fit one Pekko remoting frame
 * ({@code pekko.remote.artery.advanced.maximum-frame-size}; a larger message would be dropped by
 * the transport and the ask would only time out). The shard cuts the scan's snapshot into parts
 * of whole chunks; if there is more than one, it answers the first with a reference to a part
 * server, a child that hands out the rest, in order, one {@link NextPart} at a time, and stops
 * after the last or when nobody asks for {@link #IDLE}. An asker on the shard's own node gets the
 * whole answer in one message, as before: nothing is cut, copied or spawned.
 */
public final class ScanParts {

    /** How long a part server waits for the next ask before it gives up on the asker. */
    static final Duration IDLE = Duration.ofSeconds(30);
    /** Room left in a frame for the envelope, the series keys and the reply-to refs. */
    private static final double FRAME_SHARE = 0.75;

    /**
     * Asks a part server for the next part of a scan or freeze answer. Without a reply-to it is the
     * server's own idle timeout, which stops it.
     */
    public record NextPart(ActorRef<StatusReply<ScannedChunks>> replyTo) implements KryoSerializable {
    }

    private ScanParts() {
    }

    /** The bytes of chunks one part may carry under {@code config}'s remoting frame size. */
    public static long partBytes(Config config) {
        return (long) (config.getBytes("pekko.remote.artery.advanced.maximum-frame-size") * FRAME_SHARE);
    }

    /**
     * The answer to a scan from another node: the first part, with a part server for the rest
     * spawned under {@code ctx} when the snapshot does not fit one part.
     */
    static ScannedChunks firstPart(ActorContext<?> ctx, List<SeriesChunks> snapshot, long partBytes) {
        return firstPart(ctx, snapshot, partBytes, ScannedChunks::new);
    }

    /** The answer to a freeze from another node, cut like a scan's. */
    static FrozenChunks firstPart(ActorContext<?> ctx, FrozenChunks frozen, long partBytes) {
        return firstPart(ctx, frozen.series(), partBytes,
                (first, more) -> new FrozenChunks(frozen.migrationId(), frozen.cutoffNanos(), first, more));
    }

    private static <T> T firstPart(ActorContext<?> ctx, List<SeriesChunks> snapshot, long partBytes,
                                   BiFunction<List<SeriesChunks>, ActorRef<NextPart>, T> answer) {
        Deque<List<SeriesChunks>> parts = cut(snapshot, partBytes);
        List<SeriesChunks> first = parts.poll();
        return answer.apply(first, parts.isEmpty() ? null : ctx.spawnAnonymous(server(parts)));
    }

    /** Splits {@code snapshot} into parts of at most {@code partBytes} of chunks (at least one chunk each). */
    static Deque<List<SeriesChunks>> cut(List<SeriesChunks> snapshot, long partBytes) {
        Deque<List<SeriesChunks>> parts = new ArrayDeque<>();
        List<SeriesChunks> part = new ArrayList<>();
        long bytes = 0;
        for (SeriesChunks series : snapshot) {
            List<SealedChunk> chunks = new ArrayList<>();
            for (SealedChunk chunk : series.chunks()) {
                long size = chunk.bytes().length;
                if (bytes > 0 && bytes + size > partBytes) {
                    if (!chunks.isEmpty()) {
                        part.add(new SeriesChunks(series.series(), chunks));
                        chunks = new ArrayList<>();
                    }
                    parts.add(part);
                    part = new ArrayList<>();
                    bytes = 0;
                }
                chunks.add(chunk);
                bytes += size;
            }
            if (!chunks.isEmpty()) {
                part.add(new SeriesChunks(series.series(), chunks));
            }
        }
        parts.add(part);
        return parts;
    }

    private static Behavior<NextPart> server(Deque<List<SeriesChunks>> rest) {
        return Behaviors.setup(ctx -> {
            ctx.setReceiveTimeout(IDLE, new NextPart(null));
            return Behaviors.receiveMessage(next -> {
                if (next.replyTo() == null) {
                    return Behaviors.stopped();
                }
                List<SeriesChunks> part = rest.poll();
                next.replyTo().tell(StatusReply.success(new ScannedChunks(part, rest.isEmpty() ? null : ctx.getSelf())));
                return rest.isEmpty() ? Behaviors.stopped() : Behaviors.same();
            });
        });
    }
}
