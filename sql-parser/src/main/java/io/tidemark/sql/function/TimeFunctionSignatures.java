package io.tidemark.sql.function;

/**
 * Date/time functions (TIMESTREAM.md §4.11) and the time-series functions (§4.14) other than the
 * lambdas. {@code current_date} and friends without parentheses are syntax; {@code extract} is
 * syntax typed by the analyzer.
 */
final class TimeFunctionSignatures {

    static final String[] TEXT = {
        "now(): timestamp", "current_timezone(): varchar", "date(varchar): date", "date(timestamp): date",
        "last_day_of_month(timestamp): date", "last_day_of_month(date): date",
        "from_iso8601_timestamp(varchar): timestamp", "from_iso8601_date(varchar): date",
        "to_iso8601(timestamp): varchar", "to_iso8601(date): varchar",
        "from_milliseconds(bigint): timestamp", "from_nanoseconds(bigint): timestamp", "from_unixtime(double): timestamp",
        "to_milliseconds(interval day to second): bigint", "to_milliseconds(timestamp): bigint",
        "to_nanoseconds(interval day to second): bigint", "to_nanoseconds(timestamp): bigint", "to_unixtime(timestamp): double",
        "date_trunc(varchar, timestamp): timestamp", "date_trunc(varchar, date): date",
        "date_add(varchar, bigint, timestamp): timestamp", "date_add(varchar, bigint, date): date", "date_add(varchar, bigint, time): time",
        "date_diff(varchar, timestamp, timestamp): bigint", "date_diff(varchar, date, date): bigint", "date_diff(varchar, time, time): bigint",
        "parse_duration(varchar): interval day to second", "human_readable_seconds(double): varchar",
        "bin(timestamp, interval day to second): timestamp", "ago(interval day to second): timestamp",
        "date_format(timestamp, varchar): varchar", "date_parse(varchar, varchar): timestamp",
        "format_datetime(timestamp, varchar): varchar", "parse_datetime(varchar, varchar): timestamp",
        "year(timestamp): bigint", "year(date): bigint", "year(interval year to month): bigint",
        "quarter(timestamp): bigint", "quarter(date): bigint",
        "month(timestamp): bigint", "month(date): bigint", "month(interval year to month): bigint",
        "week(timestamp): bigint", "week(date): bigint", "week_of_year(timestamp): bigint", "week_of_year(date): bigint",
        "day(timestamp): bigint", "day(date): bigint", "day(interval day to second): bigint",
        "day_of_month(timestamp): bigint", "day_of_month(date): bigint", "day_of_month(interval day to second): bigint",
        "day_of_week(timestamp): bigint", "day_of_week(date): bigint", "dow(timestamp): bigint", "dow(date): bigint",
        "day_of_year(timestamp): bigint", "day_of_year(date): bigint", "doy(timestamp): bigint", "doy(date): bigint",
        "year_of_week(timestamp): bigint", "year_of_week(date): bigint", "yow(timestamp): bigint", "yow(date): bigint",
        "hour(timestamp): bigint", "hour(time): bigint", "hour(interval day to second): bigint",
        "minute(timestamp): bigint", "minute(time): bigint", "minute(interval day to second): bigint",
        "second(timestamp): bigint", "second(time): bigint", "second(interval day to second): bigint",
        "millisecond(timestamp): bigint", "millisecond(time): bigint", "millisecond(interval day to second): bigint",
        "nanosecond(timestamp): bigint", "nanosecond(time): bigint",
        // time series (create_time_series is an aggregate, filter/transform/reduce are lambdas)
        "interpolate_linear(timeseries(double), array(timestamp)): timeseries(double)",
        "interpolate_linear(timeseries(double), timestamp): double",
        "interpolate_spline_cubic(timeseries(double), array(timestamp)): timeseries(double)",
        "interpolate_spline_cubic(timeseries(double), timestamp): double",
        "interpolate_locf(timeseries(T), array(timestamp)): timeseries(T)", "interpolate_locf(timeseries(T), timestamp): T",
        "interpolate_fill(timeseries(T), array(timestamp), T): timeseries(T)", "interpolate_fill(timeseries(T), timestamp, T): T",
        "derivative_linear(timeseries(double), interval day to second): timeseries(double)",
        "non_negative_derivative_linear(timeseries(double), interval day to second): timeseries(double)",
        "integral_trapezoidal(timeseries(double)): double", "integral_trapezoidal(timeseries(double), interval day to second): double",
        "correlate_pearson(timeseries(double), timeseries(double)): double",
        "correlate_spearman(timeseries(double), timeseries(double)): double",
    };

    private TimeFunctionSignatures() {
    }
}
