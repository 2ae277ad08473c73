package io.tidemark.loadtest.tsbs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One measurement of a simulated entity, as TSBS defines it: its own tags (drawn once per
 * entity), the walks that hold its state, and how a row's field values follow from that state.
 *
 * @param tagNames the measurement's own tags, emitted after the entity's
 * @param drawTags draws the values of {@code tagNames} for one entity
 * @param walks the state; one walk per field unless {@code emitter} derives fields
 * @param emitter the field values of a row from the state
 */
record SimulatedMeasurement(String name, List<String> tagNames, List<String> fieldNames,
        List<MeasurementSchema.FieldKind> fieldKinds, Function<Draws, List<String>> drawTags, List<Walk> walks,
        Emitter emitter) {

    /** Writes a row's field values into {@code out} from the walks' states {@code state[offset ..]}. */
    @FunctionalInterface
    interface Emitter {
        void emit(double[] state, int offset, long step, long intervalNanos, double[] out);
    }

    /** TSBS's {@code ToPointAllInt64}: one walk per field, each emitted truncated to an integer. */
    static final Emitter ALL_INT64 = (state, offset, step, interval, out) -> {
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) state[offset + i];
        }
    };

    SimulatedMeasurement {
        tagNames = List.copyOf(tagNames);
        fieldNames = List.copyOf(fieldNames);
        fieldKinds = List.copyOf(fieldKinds);
        walks = List.copyOf(walks);
    }

    /** A measurement without tags of its own whose integer fields are its walks. */
    static SimulatedMeasurement int64Walks(String name, List<String> fieldNames, List<Walk> walks) {
        return int64Walks(name, List.of(), d -> List.of(), fieldNames, walks);
    }

    static SimulatedMeasurement int64Walks(String name, List<String> tagNames, Function<Draws, List<String>> drawTags,
            List<String> fieldNames, List<Walk> walks) {
        return new SimulatedMeasurement(name, tagNames, fieldNames,
                fieldNames.stream().map(f -> MeasurementSchema.FieldKind.INTEGER).toList(), drawTags, walks, ALL_INT64);
    }

    /** The schema of its rows, behind the entity's tags. */
    MeasurementSchema schema(List<String> entityTagNames) {
        List<String> tags = new ArrayList<>(entityTagNames);
        tags.addAll(tagNames);
        return new MeasurementSchema(name, tags, fieldNames, fieldKinds);
    }
}
