package io.tidemark.loadtest.tsbs;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The flags that pick a TSBS use case's data set (use case, scale, seed, interval, time span,
 * values), shared by {@code load generate} and the load drivers through picocli's
 * {@code @Mixin}, so the same flags give the same rows everywhere.
 */
public final class UseCaseOptions {

    private static final int DEFAULT_HOURS = 24;

    @Option(names = "--use-case", defaultValue = "cpu-only", converter = UseCaseConverter.class,
            description = "cpu-only, devops or iot (default: ${DEFAULT-VALUE}).")
    UseCase useCase;

    @Option(names = "--scale", defaultValue = "100", description = "Hosts (cpu-only, devops) or trucks (iot) (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interval", defaultValue = "10s", converter = IntervalConverter.class,
            description = "Time between two rows of an entity: 10s, 500ms, 1m, 1h or ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--start", description = "Time of the first rows, ISO-8601 (default: the command's, see its help).")
    Instant start;

    @Option(names = "--end", description = "End of the data, exclusive, ISO-8601 (instead of --hours).")
    Instant end;

    @Option(names = "--hours", description = "Hours of data when --end is not given (default: 24).")
    Integer hours;

    @Option(names = "--values", defaultValue = "int", converter = ValueModeConverter.class,
            description = "cpu-only values: int (TSBS) or float2 (two decimals) (default: ${DEFAULT-VALUE}).")
    ValueMode values;

    public UseCase useCase() {
        return useCase;
    }

    public int scale() {
        return scale;
    }

    /** Whether {@code --start} was given. */
    public boolean hasStart() {
        return start != null;
    }

    /** The span of the data when it starts at {@code first}: to {@code --end}, or {@code --hours} long. */
    public long spanNanos(Instant first) {
        if (end != null) {
            if (hours != null) {
                throw new IllegalArgumentException("cannot generate: both --end and --hours given (pick one)");
            }
            long span = nanos(end) - nanos(first);
            if (span <= 0) {
                throw new IllegalArgumentException("cannot generate: start=" + first + ", end=" + end
                        + " (end must be after start)");
            }
            return span;
        }
        if (hours != null && hours < 1) {
            throw new IllegalArgumentException("cannot generate: hours=" + hours + " (must be at least 1)");
        }
        return TimeUnit.HOURS.toNanos(hours != null ? hours : DEFAULT_HOURS);
    }

    /** The data set, starting at {@code --start} or else at {@code defaultStart}. */
    public GeneratorConfig config(Instant defaultStart) {
        long intervalNanos = interval.toNanos();
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("cannot generate: interval=" + interval + " (must be > 0)");
        }
        if (scale <= 0) {
            throw new IllegalArgumentException("cannot generate: scale=" + scale + " (must be > 0)");
        }
        Instant first = start != null ? start : defaultStart;
        return new GeneratorConfig(scale, seed, nanos(first), intervalNanos, spanNanos(first) / intervalNanos, values);
    }

    /**
     * The data set ending about now: without {@code --start} it starts {@code --hours} before the
     * current hour began (as {@code load compare}'s data does), so a server with an acceptance window
     * (Tidemark's memory store) takes every row and hourly buckets hold whole hours.
     */
    public GeneratorConfig endingNow(long nowMillis) {
        if (start == null && end != null) {
            throw new IllegalArgumentException("cannot generate: end=" + end + " without --start (give both, or --hours)");
        }
        long hour = TimeUnit.HOURS.toMillis(1);
        long span = TimeUnit.NANOSECONDS.toMillis(spanNanos(Instant.EPOCH));
        return config(Instant.ofEpochMilli(nowMillis / hour * hour - span));
    }

    private static long nanos(Instant t) {
        return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
    }

    /** {@code --use-case}. */
    static final class UseCaseConverter implements ITypeConverter<UseCase> {
        @Override
        public UseCase convert(String value) {
            return UseCase.parse(value);
        }
    }

    /** {@code --interval}: {@code 10s}, {@code 500ms}, {@code 1m}, {@code 1h}, or ISO-8601 ({@code PT10S}). */
    public static final class IntervalConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("pt") || v.startsWith("p")) {
                    return Duration.parse(value.trim());
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                switch (v.charAt(v.length() - 1)) {
                    case 's':
                        return Duration.ofSeconds(n);
                    case 'm':
                        return Duration.ofMinutes(n);
                    case 'h':
                        return Duration.ofHours(n);
                    default:
                        break;
                }
            } catch (RuntimeException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("cannot parse interval: value=" + value
                    + ", expected=<n>ms|<n>s|<n>m|<n>h or ISO-8601 such as PT10S");
        }
    }
}
