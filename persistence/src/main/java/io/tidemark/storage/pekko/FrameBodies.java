package io.tidemark.storage.pekko;

import com.esotericsoftware.kryo.KryoException;
import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.queue.FrameReader;
import java.nio.file.Path;

/** Turns a frame body back into the registered entry class its entry type promises. */
final class FrameBodies {

    private FrameBodies() {}

    static <T> T decode(Path dir, FrameReader frame, Class<T> expected) {
        Object decoded;
        try {
            decoded = PluginKryo.POOL.readClassAndObject(frame.copyBody());
        } catch (KryoException | IllegalArgumentException e) {
            throw new CorruptionException(dir, frame.index(),
                    "entry type " + frame.type() + " body does not decode as " + expected.getSimpleName(), e);
        }
        if (!expected.isInstance(decoded)) {
            throw new CorruptionException(dir, frame.index(), "entry type " + frame.type() + " holds "
                    + (decoded == null ? "null" : decoded.getClass().getSimpleName()) + ", expected "
                    + expected.getSimpleName());
        }
        return expected.cast(decoded);
    }

    /** The failure for a sound frame whose entry type the {@code log} (journal, snapshot) does not know. */
    static CorruptionException unknownType(Path dir, FrameReader frame, String log) {
        return new CorruptionException(dir, frame.index(), "unknown " + log + " entry type " + frame.type());
    }
}
