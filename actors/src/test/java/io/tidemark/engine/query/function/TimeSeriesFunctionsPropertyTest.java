package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionCalls.arg;
import static io.tidemark.engine.query.function.FunctionCalls.call;
import static io.tidemark.engine.query.function.FunctionCalls.list;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class TimeSeriesFunctionsPropertyTest {

    private static final TimeSeriesType SERIES = new TimeSeriesType(DOUBLE);

    @Property(tries = 300)
    void interpolationsAtTheSampleInstantsReturnTheSamples(
            @ForAll @Size(min = 1, max = 25) List<@LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) Long> times,
            @ForAll @Size(min = 25, max = 25) List<@DoubleRange(min = -1e6, max = 1e6) Double> values) {
        TreeMap<Long, Double> samples = new TreeMap<>();
        for (int i = 0; i < times.size(); i++) {
            samples.put(times.get(i), values.get(i));
        }
        List<Object> series = list();
        List<Object> instants = list();
        samples.forEach((time, value) -> {
            series.add(list(time, value));
            instants.add(time);
        });
        for (String name : List.of("interpolate_linear", "interpolate_spline_cubic", "interpolate_locf")) {
            assertThat(call(name, SERIES, arg(SERIES, series), arg(new ArrayType(TIMESTAMP), instants))).as(name).isEqualTo(series);
        }
    }
}
