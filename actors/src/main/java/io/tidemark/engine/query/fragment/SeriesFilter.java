package io.tidemark.engine.query.fragment;

import io.tidemark.storage.model.SeriesKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The series a scan may skip without reading them, decided by their key alone from
 * {@link ScanRequest#values()}: {@code measure_name} against the key's measure name, any other
 * name against the key's dimension of that name (a series lacking the dimension is null there,
 * which no listed value matches).
 */
final class SeriesFilter implements Predicate<SeriesKey> {

    private final Set<String> measureNames;
    private final List<Map.Entry<String, Set<String>>> dimensions;

    private SeriesFilter(Map<String, Set<String>> values) {
        this.measureNames = values.get("measure_name");
        this.dimensions = values.entrySet().stream().filter(e -> !e.getKey().equals("measure_name")).toList();
    }

    static Predicate<SeriesKey> of(Map<String, Set<String>> values) {
        return values.isEmpty() ? key -> true : new SeriesFilter(values);
    }

    @Override
    public boolean test(SeriesKey key) {
        if (measureNames != null && !measureNames.contains(key.measureName())) {
            return false;
        }
        for (Map.Entry<String, Set<String>> dimension : dimensions) {
            String value = key.dimensionValue(dimension.getKey());
            if (value == null || !dimension.getValue().contains(value)) {
                return false;
            }
        }
        return true;
    }
}
