package io.tidemark.storage.magnetic;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.codec.BitReader;
import io.tidemark.storage.codec.BitWriter;
import io.tidemark.storage.codec.CodecException;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The series dictionary of a segment: a string table holding each distinct dimension name and
 * value, measure name and column name once, then every series key as string ids. The series of a
 * host share all their dimensions, so keys shrink to a few bytes of ids. Layout in
 * <a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>, "Series dictionary".
 */
final class SegmentDictionary {

    /** The distinct strings in ascending unsigned UTF-8 byte order; a string's index is its id. */
    final String[] strings;
    /** The series in ascending key order; a series' index is how the footer refers to it. */
    final SeriesKey[] series;
    private final Map<String, Integer> ids;

    private SegmentDictionary(String[] strings, SeriesKey[] series) {
        this.strings = strings;
        this.series = series;
        this.ids = new HashMap<>(strings.length * 2);
        for (int i = 0; i < strings.length; i++) {
            ids.put(strings[i], i);
        }
    }

    /**
     * A dictionary of {@code series} (in key order) whose string table also holds {@code columnNames},
     * which the footer refers to by id.
     */
    static SegmentDictionary of(Collection<SeriesKey> series, Set<String> columnNames) {
        TreeSet<byte[]> distinct = new TreeSet<>(Arrays::compareUnsigned);
        for (SeriesKey key : series) {
            for (Dimension d : key.dimensions()) {
                distinct.add(utf8(d.name()));
                distinct.add(utf8(d.value()));
            }
            distinct.add(utf8(key.measureName()));
        }
        for (String name : columnNames) {
            distinct.add(utf8(name));
        }
        String[] strings = distinct.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toArray(String[]::new);
        return new SegmentDictionary(strings, series.toArray(new SeriesKey[0]));
    }

    /** The id of a string of the table. */
    int id(String string) {
        Integer id = ids.get(string);
        if (id == null) {
            throw new IllegalArgumentException("cannot find string in segment dictionary: string=" + string);
        }
        return id;
    }

    /** The plain (unframed) bytes of the dictionary. */
    byte[] encode() {
        BitWriter out = new BitWriter();
        out.writeUvarint(strings.length);
        for (String string : strings) {
            byte[] bytes = utf8(string);
            out.writeUvarint(bytes.length);
            out.writeBytes(bytes, 0, bytes.length);
        }
        out.writeUvarint(series.length);
        for (SeriesKey key : series) {
            out.writeUvarint(key.dimensions().size());
            for (Dimension d : key.dimensions()) {
                out.writeUvarint(id(d.name()));
                out.writeUvarint(id(d.value()));
            }
            out.writeUvarint(id(key.measureName()));
        }
        return out.toByteArray();
    }

    /**
     * Decodes and checks the plain bytes of a dictionary: strings distinct, ascending and UTF-8,
     * ids in range, series strictly ascending.
     *
     * @param fileOffset where the dictionary section starts in the file, for error messages
     */
    static SegmentDictionary decode(byte[] plain, Path file, long fileOffset) {
        BitReader in = new BitReader(plain, 0, plain.length);
        try {
            int stringCount = in.readLength(plain.length, "string count");
            String[] strings = new String[stringCount];
            byte[] previous = null;
            for (int i = 0; i < stringCount; i++) {
                int length = in.readLength(plain.length - in.bytePosition(), "string length");
                byte[] bytes = Arrays.copyOfRange(plain, in.bytePosition(), in.bytePosition() + length);
                in.skipBytes(length);
                if (previous != null && Arrays.compareUnsigned(previous, bytes) >= 0) {
                    throw new CorruptionException(file, fileOffset, "dictionary strings not strictly ordered: index=" + i);
                }
                strings[i] = decodeUtf8(bytes, file, fileOffset, i);
                previous = bytes;
            }
            int seriesCount = in.readLength(plain.length - in.bytePosition(), "series count");
            if (seriesCount == 0) {
                throw new CorruptionException(file, fileOffset, "series count out of range: count=0");
            }
            SeriesKey[] series = new SeriesKey[seriesCount];
            for (int s = 0; s < seriesCount; s++) {
                series[s] = readKey(in, strings, plain.length, file, fileOffset, s);
                if (s > 0 && series[s - 1].compareTo(series[s]) >= 0) {
                    throw new CorruptionException(file, fileOffset, "series dictionary not strictly ordered: index=" + s);
                }
            }
            if (in.bytePosition() != plain.length) {
                throw new CorruptionException(file, fileOffset, "dictionary has trailing bytes: count="
                        + (plain.length - in.bytePosition()));
            }
            return new SegmentDictionary(strings, series);
        } catch (CodecException e) {
            throw new CorruptionException(file, fileOffset, "series dictionary truncated or invalid: " + e.getMessage(), e);
        }
    }

    private static SeriesKey readKey(BitReader in, String[] strings, int plainLength, Path file, long fileOffset,
            int index) {
        int dimensionCount = in.readLength(plainLength - in.bytePosition(), "dimension count");
        List<Dimension> dimensions = new ArrayList<>(dimensionCount);
        for (int d = 0; d < dimensionCount; d++) {
            String name = string(in, strings, file, fileOffset, index);
            dimensions.add(new Dimension(name, string(in, strings, file, fileOffset, index)));
        }
        String measure = string(in, strings, file, fileOffset, index);
        try {
            return SeriesKey.of(dimensions, measure);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(file, fileOffset, "invalid series key: index=" + index + ": " + e.getMessage(), e);
        }
    }

    /** Reads a string id and returns its string. */
    static String string(BitReader in, String[] strings, Path file, long fileOffset, int seriesIndex) {
        long id = in.readUvarint();
        if (id < 0 || id >= strings.length) {
            throw new CorruptionException(file, fileOffset, "string id out of range: series=" + seriesIndex + ", id="
                    + id + ", strings=" + strings.length);
        }
        return strings[(int) id];
    }

    private static String decodeUtf8(byte[] bytes, Path file, long fileOffset, int index) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CorruptionException(file, fileOffset, "dictionary string is not UTF-8: index=" + index, e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
