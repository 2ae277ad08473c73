package io.tidemark.loadtest.tsbs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The TSBS devops use case: every host (the ten {@link HostTags}) reports nine measurements per
 * step, defined as in TSBS {@code pkg/data/usecases/devops/*.go}: cpu, diskio, disk, kernel, mem,
 * net, nginx, postgresl (TSBS's spelling) and redis, 101 fields in all. All values are integers
 * ({@code ToPointAllInt64}) except mem's three percentages. Hosts get the same tags as the cpu-only
 * use case's for the same seed.
 */
public final class DevopsUseCase {

    static final double ONE_TERABYTE = 1L << 40;
    static final double INODE_SIZE = 4096;
    static final double SIXTEEN_GB = 16.0 * 1024 * 1024 * 1024;
    static final List<Double> MEMORY_TOTALS = List.of(8.0 * (1L << 30), 12.0 * (1L << 30), 16.0 * (1L << 30));

    private DevopsUseCase() {
    }

    public static UseCaseGenerator generator(GeneratorConfig config) {
        SplittableRandom tagRandom = new SplittableRandom(config.seed());
        return new EntitySimulator(config, TsbsVocabulary.TAG_NAMES, e -> HostTags.draw(e, tagRandom).values(),
                measurements());
    }

    /** The nine measurements in TSBS's order. */
    static List<SimulatedMeasurement> measurements() {
        return List.of(cpu(), diskio(), disk(), kernel(), mem(), net(), nginx(), postgresql(), redis());
    }

    static SimulatedMeasurement cpu() {
        return SimulatedMeasurement.int64Walks("cpu", TsbsVocabulary.FIELD_NAMES,
                repeat(TsbsVocabulary.FIELD_COUNT, () -> Walk.clampedNormal(0, 1, 0, 100, d -> d.uniform() * 100)));
    }

    static SimulatedMeasurement diskio() {
        List<Walk> walks = new ArrayList<>();
        walks.addAll(repeat(2, () -> Walk.monotonicNormal(50, 1)));
        walks.addAll(repeat(2, () -> Walk.monotonicNormal(100, 1)));
        walks.addAll(repeat(3, () -> Walk.monotonicNormal(5, 1)));
        return SimulatedMeasurement.int64Walks("diskio", List.of("serial"),
                d -> List.of(String.format("%03d-%03d-%03d", d.nextInt(1000), d.nextInt(1000), d.nextInt(1000))),
                List.of("reads", "writes", "read_bytes", "write_bytes", "read_time", "write_time", "io_time"), walks);
    }

    /** Only the free byte count walks; the other six fields follow from it and the 1 TB total. */
    static SimulatedMeasurement disk() {
        List<String> fields = List.of("total", "free", "used", "used_percent", "inodes_total", "inodes_free",
                "inodes_used");
        return new SimulatedMeasurement("disk", List.of("path", "fstype"),
                fields, fields.stream().map(f -> MeasurementSchema.FieldKind.INTEGER).toList(),
                d -> List.of("/dev/sda" + d.nextInt(10), d.pick(List.of("ext3", "ext4", "btrfs"))),
                List.of(Walk.clampedNormal(50, 1, 0, ONE_TERABYTE, d -> ONE_TERABYTE / 2)),
                (state, offset, step, interval, out) -> {
                    long total = (long) ONE_TERABYTE;
                    long free = (long) state[offset];
                    long used = total - free;
                    long inodesTotal = total / (long) INODE_SIZE;
                    long inodesFree = free / (long) INODE_SIZE;
                    out[0] = total;
                    out[1] = free;
                    out[2] = used;
                    out[3] = (long) (100.0 * ((double) used / total));
                    out[4] = inodesTotal;
                    out[5] = inodesFree;
                    out[6] = inodesTotal - inodesFree;
                });
    }

    /** boot_time is drawn once per host (0..239) and emitted first. */
    static SimulatedMeasurement kernel() {
        List<Walk> walks = new ArrayList<>();
        walks.add(Walk.constant(d -> d.nextInt(240)));
        walks.addAll(repeat(5, () -> Walk.monotonicNormal(5, 1)));
        return SimulatedMeasurement.int64Walks("kernel", List.of("boot_time", "interrupts", "context_switches",
                "processes_forked", "disk_pages_in", "disk_pages_out"), walks);
    }

    /** Walks: the host's total (one of 8/12/16 GiB), then used, cached and buffered bytes. */
    static SimulatedMeasurement mem() {
        List<String> fields = List.of("total", "available", "used", "free", "cached", "buffered", "used_percent",
                "available_percent", "buffered_percent");
        List<MeasurementSchema.FieldKind> kinds = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) {
            kinds.add(f < 6 ? MeasurementSchema.FieldKind.INTEGER : MeasurementSchema.FieldKind.FLOAT);
        }
        // TSBS draws the total first and scales the steps by it; the state here starts with the total
        Walk total = Walk.constant(d -> d.pick(MEMORY_TOTALS));
        return new SimulatedMeasurement("mem", List.of(), fields, kinds, d -> List.of(),
                List.of(total, memWalk(), memWalk(), memWalk()),
                (state, offset, step, interval, out) -> {
                    long t = (long) state[offset];
                    long used = (long) (state[offset + 1] * t);
                    long cached = (long) (state[offset + 2] * t);
                    long buffered = (long) (state[offset + 3] * t);
                    long available = t - used;
                    out[0] = t;
                    out[1] = available;
                    out[2] = used;
                    out[3] = available;
                    out[4] = cached;
                    out[5] = buffered;
                    out[6] = 100.0 * ((double) used / t);
                    out[7] = 100.0 * ((double) available / t);
                    out[8] = 100.0 * ((double) buffered / t);
                });
    }

    /**
     * TSBS's CWD(ND(0, total/64), 0, total, rand*total), kept as a fraction of the total (steps
     * N(0, 1/64), clamped to [0, 1]) so that one walk definition serves every host's total.
     */
    private static Walk memWalk() {
        return Walk.clampedNormal(0, 1.0 / 64, 0, 1, Draws::uniform);
    }

    static SimulatedMeasurement net() {
        List<Walk> walks = new ArrayList<>();
        walks.addAll(repeat(4, () -> Walk.monotonicNormal(50, 1)));
        walks.addAll(repeat(4, () -> Walk.monotonicNormal(5, 1)));
        return SimulatedMeasurement.int64Walks("net", List.of("interface"), d -> List.of("eth" + d.nextInt(4)),
                List.of("bytes_sent", "bytes_recv", "packets_sent", "packets_recv", "err_in", "err_out", "drop_in",
                        "drop_out"), walks);
    }

    static SimulatedMeasurement nginx() {
        Walk counter = Walk.monotonicNormal(5, 1);
        Walk gauge = Walk.clampedNormal(5, 1, 0, 100, d -> 0);
        return SimulatedMeasurement.int64Walks("nginx", List.of("port", "server"),
                d -> List.of(Long.toString(d.nextInt(20000) + 1024L), "nginx_" + d.nextInt(100000)),
                List.of("accepts", "active", "handled", "reading", "requests", "waiting", "writing"),
                List.of(counter, gauge, counter, gauge, counter, gauge, gauge));
    }

    static SimulatedMeasurement postgresql() {
        List<String> fields = List.of("numbackends", "xact_commit", "xact_rollback", "blks_read", "blks_hit",
                "tup_returned", "tup_fetched", "tup_inserted", "tup_updated", "tup_deleted", "conflicts", "temp_files",
                "temp_bytes", "deadlocks", "blk_read_time", "blk_write_time");
        List<Walk> walks = new ArrayList<>();
        for (String f : fields) {
            walks.add(f.equals("temp_bytes") ? Walk.clampedNormal(1024, 1, 0, 1024.0 * 1024 * 1024, d -> 0)
                    : Walk.clampedNormal(5, 1, 0, 1000, d -> 0));
        }
        return SimulatedMeasurement.int64Walks("postgresl", fields, walks);
    }

    /** uptime_in_seconds is the time since the first step, emitted first; the 30 walks follow. */
    static SimulatedMeasurement redis() {
        List<String> fields = List.of("uptime_in_seconds", "total_connections_received", "expired_keys",
                "evicted_keys", "keyspace_hits", "keyspace_misses", "instantaneous_ops_per_sec",
                "instantaneous_input_kbps", "instantaneous_output_kbps", "connected_clients", "used_memory",
                "used_memory_rss", "used_memory_peak", "used_memory_lua", "rdb_changes_since_last_save", "sync_full",
                "sync_partial_ok", "sync_partial_err", "pubsub_channels", "pubsub_patterns", "latest_fork_usec",
                "connected_slaves", "master_repl_offset", "repl_backlog_active", "repl_backlog_size",
                "repl_backlog_histlen", "mem_fragmentation_ratio", "used_cpu_sys", "used_cpu_user",
                "used_cpu_sys_children", "used_cpu_user_children");
        List<Walk> walks = new ArrayList<>();
        walks.add(Walk.monotonicNormal(5, 1));
        walks.addAll(repeat(4, () -> Walk.monotonicNormal(50, 1)));
        walks.addAll(repeat(3, () -> Walk.freeNormal(1, 1)));
        walks.add(Walk.clampedNormal(50, 1, 0, 10000, d -> 0));
        walks.addAll(repeat(4, () -> Walk.clampedNormal(50, 1, 0, SIXTEEN_GB, d -> SIXTEEN_GB / 2)));
        walks.add(Walk.clampedNormal(50, 1, 0, 10000, d -> 0));
        for (int i = 0; i < 11; i++) {
            walks.add(Walk.clampedNormal(5, 1, 0, 1000, d -> 0));
        }
        walks.add(Walk.clampedNormal(5, 1, 0, 100, d -> 0));
        walks.addAll(repeat(4, () -> Walk.clampedNormal(5, 1, 0, 1000, d -> 0)));
        List<MeasurementSchema.FieldKind> kinds = fields.stream().map(f -> MeasurementSchema.FieldKind.INTEGER)
                .toList();
        return new SimulatedMeasurement("redis", List.of("port", "server"), fields, kinds,
                d -> List.of(Long.toString(d.nextInt(20000) + 1024L), "redis_" + d.nextInt(100000)), walks,
                (state, offset, step, interval, out) -> {
                    out[0] = TimeUnit.NANOSECONDS.toSeconds(step * interval);
                    for (int i = 1; i < out.length; i++) {
                        out[i] = (long) state[offset + i - 1];
                    }
                });
    }

    private static List<Walk> repeat(int n, Supplier<Walk> walk) {
        List<Walk> walks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            walks.add(walk.get());
        }
        return walks;
    }
}
