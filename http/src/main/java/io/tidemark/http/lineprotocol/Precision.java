package io.tidemark.http.lineprotocol;

import java.util.Locale;

/**
 * The unit of line-protocol timestamps, from the {@code precision} query parameter: InfluxDB v1
 * accepts {@code ns, u, ms, s, m, h} (and {@code n}, {@code us}), v2 {@code ns, us, ms, s}.
 */
public enum Precision {
    NANOSECONDS(1L),
    MICROSECONDS(1_000L),
    MILLISECONDS(1_000_000L),
    SECONDS(1_000_000_000L),
    MINUTES(60_000_000_000L),
    HOURS(3_600_000_000_000L);

    private final long nanosPerUnit;

    Precision(long nanosPerUnit) {
        this.nanosPerUnit = nanosPerUnit;
    }

    public long nanosPerUnit() {
        return nanosPerUnit;
    }

    /**
     * The precision a request names; absent means nanoseconds.
     *
     * @param v2 true for {@code /api/v2/write}, which knows only {@code ns, us, ms, s}
     * @throws IllegalArgumentException with the message the client sees, for an unknown value
     */
    public static Precision parse(String value, boolean v2) {
        if (value == null || value.isEmpty()) {
            return NANOSECONDS;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "ns":
            case "n":
                return NANOSECONDS;
            case "us":
            case "u":
                return MICROSECONDS;
            case "ms":
                return MILLISECONDS;
            case "s":
                return SECONDS;
            case "m":
                if (!v2) {
                    return MINUTES;
                }
                break;
            case "h":
                if (!v2) {
                    return HOURS;
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("cannot write: invalid precision=" + value + " (expected "
                + (v2 ? "ns, us, ms or s" : "ns, u, ms, s, m or h") + ")");
    }
}
