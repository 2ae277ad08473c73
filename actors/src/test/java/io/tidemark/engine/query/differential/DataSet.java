package io.tidemark.engine.query.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The seeded data set the differential suite loads into both engines. Three tables of database
 * {@value #DATABASE}:
 * <ul>
 * <li>{@code cpu}: single-measure records of hosts h01…h08 — {@code usage} DOUBLE (negatives,
 *     zeros, multiples of 1/8 so sums are exact in any order), {@code requests} BIGINT,
 *     {@code status} VARCHAR, {@code healthy} BOOLEAN; dimensions region, host, az where h07 has
 *     no region and only odd hosts have an az; a host's measures share one time grid (100 to 130
 *     points 25 s apart with up to 20 s of jitter; even hosts at microsecond precision).</li>
 * <li>{@code metrics}: multi-measure records — {@code stats} (load DOUBLE, conns BIGINT, mode
 *     VARCHAR, ok BOOLEAN, each attribute sometimes absent) and {@code net} (rx, tx BIGINT) written
 *     three hours in the past through magnetic-store writes.</li>
 * <li>{@code hosts}: one {@code capacity} BIGINT record per host, for joins: h06 and h08 are
 *     missing, h09 has no cpu data, owner is absent for some.</li>
 * </ul>
 * Times lie in the hour before {@code startMicros}; the suite moves the clock on and migrates, so
 * the older half of each series is in the magnetic tier.
 */
public final class DataSet {

    public static final String DATABASE = "diffdb";

    private static final long SECOND = 1_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-south-1"};
    private static final String[] STATUSES = {"ok", "OK", "warn", "error", "err_50%", "degraded"};
    private static final String[] MODES = {"idle", "busy", "drain", "Busy"};
    private static final String[] OWNERS = {"ops", "web", "data"};

    private final Random random;
    private final long startMicros;

    public DataSet(long seed, long startMicros) {
        this.random = new Random(seed);
        this.startMicros = startMicros;
    }

    /**
     * The tables' columns in {@code SELECT *} order with DuckDB types. Tidemark orders the
     * dimensions of a table's first record by name (a series key sorts its dimensions), and
     * attributes as the first record lists them.
     */
    public static List<TableShape> shapes() {
        return List.of(
                new TableShape("cpu", columns("az", "VARCHAR", "host", "VARCHAR", "region", "VARCHAR",
                        "measure_name", "VARCHAR", "time", "TIMESTAMP", "measure_value::double", "DOUBLE",
                        "measure_value::bigint", "BIGINT", "measure_value::varchar", "VARCHAR",
                        "measure_value::boolean", "BOOLEAN")),
                new TableShape("metrics", columns("host", "VARCHAR", "region", "VARCHAR", "measure_name", "VARCHAR",
                        "time", "TIMESTAMP", "load", "DOUBLE", "conns", "BIGINT", "mode", "VARCHAR", "ok", "BOOLEAN",
                        "rx", "BIGINT", "tx", "BIGINT")),
                new TableShape("hosts", columns("host", "VARCHAR", "owner", "VARCHAR", "tier", "VARCHAR",
                        "measure_name", "VARCHAR", "time", "TIMESTAMP", "measure_value::bigint", "BIGINT")));
    }

    public List<DataRow> cpu() {
        List<DataRow> rows = new ArrayList<>();
        for (int h = 1; h <= 8; h++) {
            String host = String.format("h%02d", h);
            Map<String, String> dims = new LinkedHashMap<>();
            if (h != 7) {
                dims.put("region", REGIONS[h % REGIONS.length]);
            }
            dims.put("host", host);
            if (h % 2 == 1) {
                dims.put("az", h % 4 == 1 ? "az-a" : "az-b");
            }
            boolean micros = h % 2 == 0;
            long[] grid = timeGrid(startMicros - 55 * MINUTE, 25 * SECOND, 130, micros);
            int points = 100 + random.nextInt(31);
            for (int i = 0; i < points; i++) {
                rows.add(DataRow.single("cpu", dims, "usage", grid[i], micros, "DOUBLE", usage()));
                if (h <= 6) {
                    rows.add(DataRow.single("cpu", dims, "requests", grid[i], micros, "BIGINT", requests()));
                }
                if ((h <= 5 || h == 8) && i % 2 == 0) {
                    rows.add(DataRow.single("cpu", dims, "status", grid[i], micros, "VARCHAR",
                            STATUSES[random.nextInt(STATUSES.length)]));
                }
                if (h % 2 == 0 && i % 3 != 1) {
                    rows.add(DataRow.single("cpu", dims, "healthy", grid[i], micros, "BOOLEAN", random.nextInt(4) != 0));
                }
            }
        }
        return rows;
    }

    /** The {@code stats} records (memory store, later partly migrated). */
    public List<DataRow> metricsStats() {
        List<DataRow> rows = new ArrayList<>();
        for (int h = 1; h <= 6; h++) {
            Map<String, String> dims = new LinkedHashMap<>();
            dims.put("region", REGIONS[h % REGIONS.length]);
            dims.put("host", String.format("h%02d", h));
            long[] grid = timeGrid(startMicros - 50 * MINUTE, 2 * MINUTE, 24, false);
            for (int i = 0; i < grid.length; i++) {
                Map<String, Object> values = new LinkedHashMap<>();
                Map<String, String> types = new LinkedHashMap<>();
                boolean complete = h == 1 && i == 0;
                if (complete || random.nextInt(7) != 0) {
                    values.put("load", usage() / 8);
                    types.put("load", "DOUBLE");
                }
                if (complete || random.nextInt(7) != 0) {
                    values.put("conns", (long) random.nextInt(200) - 10);
                    types.put("conns", "BIGINT");
                }
                if (complete || random.nextInt(5) != 0) {
                    values.put("mode", MODES[random.nextInt(MODES.length)]);
                    types.put("mode", "VARCHAR");
                }
                if (complete || random.nextInt(6) != 0) {
                    values.put("ok", random.nextBoolean());
                    types.put("ok", "BOOLEAN");
                }
                if (values.isEmpty()) {
                    values.put("conns", 0L);
                    types.put("conns", "BIGINT");
                }
                rows.add(new DataRow("metrics", dims, "stats", grid[i], false, true, values, types, 1));
            }
        }
        return rows;
    }

    /** The {@code net} records, three hours old: written through magnetic-store writes. */
    public List<DataRow> metricsNet() {
        List<DataRow> rows = new ArrayList<>();
        for (int h = 1; h <= 3; h++) {
            Map<String, String> dims = new LinkedHashMap<>();
            dims.put("region", REGIONS[h % REGIONS.length]);
            dims.put("host", String.format("h%02d", h));
            long[] grid = timeGrid(startMicros - 180 * MINUTE, 5 * MINUTE, 20, false);
            for (long time : grid) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("rx", (long) random.nextInt(1_000_000));
                values.put("tx", (long) random.nextInt(1_000_000));
                rows.add(new DataRow("metrics", dims, "net", time, false, true, values, Map.of("rx", "BIGINT", "tx", "BIGINT"), 1));
            }
        }
        return rows;
    }

    public List<DataRow> hosts() {
        List<DataRow> rows = new ArrayList<>();
        int[] present = {1, 2, 3, 4, 5, 7, 9};
        for (int h : present) {
            Map<String, String> dims = new LinkedHashMap<>();
            dims.put("host", String.format("h%02d", h));
            if (h != 3 && h != 9) {
                dims.put("owner", OWNERS[h % OWNERS.length]);
            }
            dims.put("tier", h <= 4 ? "gold" : "silver");
            rows.add(DataRow.single("hosts", dims, "capacity", startMicros - 40 * MINUTE, false, "BIGINT",
                    (long) (h * 100 + random.nextInt(50))));
        }
        return rows;
    }

    private long[] timeGrid(long first, long step, int count, boolean micros) {
        long[] grid = new long[count];
        for (int i = 0; i < count; i++) {
            long jitter = micros ? random.nextInt(20_000_000) : random.nextInt(20_000) * 1000L;
            grid[i] = first + i * step + jitter;
        }
        return grid;
    }

    private double usage() {
        int roll = random.nextInt(10);
        if (roll == 0) {
            return 0.0;
        }
        return (random.nextInt(961) - 160) / 8.0;
    }

    private long requests() {
        int roll = random.nextInt(20);
        if (roll == 0) {
            return 0;
        }
        if (roll == 1) {
            return 1_000_000_000_000L + random.nextInt(1000);
        }
        return random.nextInt(5006) - 5;
    }

    private static List<TableShape.Column> columns(String... namesAndTypes) {
        List<TableShape.Column> columns = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            columns.add(new TableShape.Column(namesAndTypes[i], namesAndTypes[i + 1]));
        }
        return columns;
    }
}
