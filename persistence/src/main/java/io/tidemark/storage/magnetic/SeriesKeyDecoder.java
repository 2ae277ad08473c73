package io.tidemark.storage.magnetic;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a {@link SeriesKey} from its {@link SeriesKey#canonicalBytes() canonical bytes} as stored
 * in a segment's series dictionary, checking every length and the stored hash so a damaged
 * dictionary is reported rather than turned into a wrong series.
 */
final class SeriesKeyDecoder {

    private SeriesKeyDecoder() {
    }

    /**
     * Decodes {@code length} canonical bytes at the buffer's position and advances past them.
     *
     * @param fileOffset where the bytes start in the file, for the error message
     */
    static SeriesKey decode(ByteBuffer in, int length, long expectedHash, Path file, long fileOffset) {
        int end = in.position() + length;
        if (length < 8 || end > in.limit()) {
            throw new CorruptionException(file, fileOffset, "series key length out of range: length=" + length);
        }
        ByteBuffer key = in.slice(in.position(), length);
        in.position(end);
        int dimensionCount = key.getInt();
        if (dimensionCount < 0 || dimensionCount > (length - 8) / 8) {
            throw new CorruptionException(file, fileOffset, "series key dimension count out of range: count=" + dimensionCount);
        }
        List<Dimension> dimensions = new ArrayList<>(dimensionCount);
        for (int i = 0; i < dimensionCount; i++) {
            String name = string(key, file, fileOffset);
            dimensions.add(new Dimension(name, string(key, file, fileOffset)));
        }
        String measure = string(key, file, fileOffset);
        if (key.hasRemaining()) {
            throw new CorruptionException(file, fileOffset, "series key has trailing bytes: count=" + key.remaining());
        }
        SeriesKey decoded;
        try {
            decoded = SeriesKey.of(dimensions, measure);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(file, fileOffset, "invalid series key: " + e.getMessage(), e);
        }
        if (decoded.hash() != expectedHash) {
            throw new CorruptionException(file, fileOffset, "series key hash mismatch: stored="
                    + Long.toHexString(expectedHash) + ", computed=" + Long.toHexString(decoded.hash()));
        }
        return decoded;
    }

    private static String string(ByteBuffer key, Path file, long fileOffset) {
        if (key.remaining() < 4) {
            throw new CorruptionException(file, fileOffset, "series key truncated");
        }
        int length = key.getInt();
        if (length < 0 || length > key.remaining()) {
            throw new CorruptionException(file, fileOffset, "series key string length out of range: length=" + length);
        }
        ByteBuffer bytes = key.slice(key.position(), length);
        key.position(key.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CorruptionException(file, fileOffset, "series key is not UTF-8", e);
        }
    }
}
