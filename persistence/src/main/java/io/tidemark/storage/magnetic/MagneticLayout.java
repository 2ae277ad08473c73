package io.tidemark.storage.magnetic;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Every directory and file name of the magnetic store, in one place:
 *
 * <pre>
 * &lt;data&gt;/magnetic/&lt;table-id&gt;/&lt;yyyymmdd&gt;/&lt;segment-id&gt;.tmk        a complete segment
 * &lt;data&gt;/magnetic/&lt;table-id&gt;/&lt;yyyymmdd&gt;/&lt;segment-id&gt;.tmk.tmp    a segment being written
 * &lt;data&gt;/magnetic/&lt;table-id&gt;/quarantine/&lt;yyyymmdd&gt;-&lt;segment-id&gt;.tmk   a segment that failed checks
 * </pre>
 *
 * A partition is one UTC day. Segment ids are 16 lower-case hex digits so that name order is id
 * order. The byte layout of a segment is in <a href="../../../../../../../../docs/formats/segment.md">docs/formats/segment.md</a>.
 */
public final class MagneticLayout {

    /** Nanoseconds in one partition (a UTC day). */
    public static final long PARTITION_NANOS = 86_400L * 1_000_000_000L;

    public static final String SEGMENT_SUFFIX = ".tmk";
    public static final String TEMP_SUFFIX = ".tmk.tmp";
    public static final String SEGMENT_GLOB = "*" + SEGMENT_SUFFIX;
    public static final String TEMP_GLOB = "*" + TEMP_SUFFIX;
    public static final String QUARANTINE_DIR = "quarantine";

    /** Table ids become directory names, so they are restricted to a portable alphabet. */
    private static final Pattern TABLE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern SEGMENT_NAME = Pattern.compile("[0-9a-f]{16}\\.tmk");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Path tableDir;
    private final String tableId;

    /**
     * @param dataDir the node's data directory ({@code <data>})
     * @throws IllegalArgumentException if the table id is not a portable directory name
     */
    public MagneticLayout(Path dataDir, String tableId) {
        this.tableId = checkTableId(tableId);
        this.tableDir = dataDir.resolve("magnetic").resolve(tableId);
    }

    public static String checkTableId(String tableId) {
        if (tableId == null || !TABLE_ID.matcher(tableId).matches() || tableId.equals(".") || tableId.equals("..")) {
            throw new IllegalArgumentException("cannot use table id: tableId=" + tableId
                    + ", expected 1-128 characters of [A-Za-z0-9_.-]");
        }
        return tableId;
    }

    public String tableId() {
        return tableId;
    }

    public Path tableDir() {
        return tableDir;
    }

    public Path quarantineDir() {
        return tableDir.resolve(QUARANTINE_DIR);
    }

    public Path partitionDir(LocalDate day) {
        return tableDir.resolve(DAY.format(day));
    }

    public Path segmentFile(LocalDate day, long segmentId) {
        return partitionDir(day).resolve(segmentName(segmentId));
    }

    public Path tempFile(LocalDate day, long segmentId) {
        return partitionDir(day).resolve(HexFormat.of().toHexDigits(segmentId) + TEMP_SUFFIX);
    }

    /** Where a damaged segment goes; the day prefix keeps names from different partitions apart. */
    public Path quarantineFile(LocalDate day, Path segment) {
        return quarantineDir().resolve(DAY.format(day) + "-" + segment.getFileName());
    }

    public static String segmentName(long segmentId) {
        return HexFormat.of().toHexDigits(segmentId) + SEGMENT_SUFFIX;
    }

    /** The id in a segment file name, or -1 when the name is not one this layout makes. */
    public static long segmentIdOf(Path segment) {
        String name = segment.getFileName().toString();
        if (!SEGMENT_NAME.matcher(name).matches()) {
            return -1;
        }
        return HexFormat.fromHexDigitsToLong(name, 0, 16);
    }

    /** The id in a temporary segment file name, or -1 when the name is not one this layout makes. */
    public static long tempSegmentIdOf(Path temp) {
        String name = temp.getFileName().toString();
        return name.endsWith(TEMP_SUFFIX) ? segmentIdOf(Path.of(name.substring(0, name.length() - 4))) : -1;
    }

    /**
     * The id in a quarantined file name ({@code <yyyymmdd>-<segment-id>.tmk}), or -1 when the name
     * is not one this layout makes.
     */
    public static long quarantinedSegmentIdOf(Path quarantined) {
        String name = quarantined.getFileName().toString();
        return name.length() > 9 && name.charAt(8) == '-' ? segmentIdOf(Path.of(name.substring(9))) : -1;
    }

    /** The partition a directory name stands for, or null when it is not a partition directory. */
    public static LocalDate partitionOf(Path partitionDir) {
        String name = partitionDir.getFileName().toString();
        if (name.length() != 8) {
            return null;
        }
        try {
            return LocalDate.parse(name, DAY);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The partition (UTC day) holding a time in nanoseconds since the epoch. */
    public static LocalDate partitionOf(long timeNanos) {
        return LocalDate.ofEpochDay(Math.floorDiv(timeNanos, PARTITION_NANOS));
    }

    /** First nanosecond of the partition, inclusive. */
    public static long partitionStartNanos(LocalDate day) {
        return Math.multiplyExact(day.toEpochDay(), PARTITION_NANOS);
    }

    /** First nanosecond after the partition, exclusive. */
    public static long partitionEndNanos(LocalDate day) {
        return partitionStartNanos(day) + PARTITION_NANOS;
    }
}
