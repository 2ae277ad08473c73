package io.tidemark.loadtest.tsbs;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of {@code scale} simulated entities (hosts or trucks) over the configured steps, in
 * TSBS's order: step by step, entity by entity, each entity's measurements in their declared order.
 * As in TSBS an entity's first row shows each walk's initial state and every later step advances
 * every walk once. Memory holds the state of every entity and nothing per row.
 */
final class EntitySimulator implements UseCaseGenerator {

    /** Separates these draws from other uses of the seed (the entity tags). */
    private static final long VALUE_SALT = 2;

    private final GeneratorConfig config;
    private final List<SimulatedMeasurement> simulated;
    private final List<MeasurementSchema> schemas;
    private final List<List<String>> entityTags;
    private final Draws[] draws;
    /** Per entity: the measurements' own tag values, measurement by measurement. */
    private final String[][][] measurementTags;
    /** Per entity: every walk's state, measurement by measurement. */
    private final double[][] states;
    private final int[] walkOffsets;
    private final double[][] fieldBuffers;

    private long step;
    private int entity;
    private int measurement;

    /**
     * @param entityTagNames the tags every entity carries, in emission order
     * @param drawEntityTags the tag values of each entity, asked for entity 0, 1, ... in order
     */
    EntitySimulator(GeneratorConfig config, List<String> entityTagNames, EntityTags drawEntityTags,
            List<SimulatedMeasurement> simulated) {
        this.config = config;
        this.simulated = List.copyOf(simulated);
        List<MeasurementSchema> s = new ArrayList<>();
        walkOffsets = new int[simulated.size() + 1];
        fieldBuffers = new double[simulated.size()][];
        for (int m = 0; m < simulated.size(); m++) {
            s.add(simulated.get(m).schema(entityTagNames));
            walkOffsets[m + 1] = walkOffsets[m] + simulated.get(m).walks().size();
            fieldBuffers[m] = new double[simulated.get(m).fieldNames().size()];
        }
        this.schemas = List.copyOf(s);
        List<List<String>> tags = new ArrayList<>(config.scale());
        draws = new Draws[config.scale()];
        measurementTags = new String[config.scale()][simulated.size()][];
        states = new double[config.scale()][walkOffsets[simulated.size()]];
        for (int e = 0; e < config.scale(); e++) {
            tags.add(List.copyOf(drawEntityTags.draw(e)));
            draws[e] = new Draws(config.seed(), VALUE_SALT, e);
            for (int m = 0; m < simulated.size(); m++) {
                SimulatedMeasurement sm = simulated.get(m);
                measurementTags[e][m] = sm.drawTags().apply(draws[e]).toArray(new String[0]);
                for (int w = 0; w < sm.walks().size(); w++) {
                    states[e][walkOffsets[m] + w] = sm.walks().get(w).initial().applyAsDouble(draws[e]);
                }
            }
        }
        this.entityTags = List.copyOf(tags);
    }

    /** Draws the tag values of one entity. */
    @FunctionalInterface
    interface EntityTags {
        List<String> draw(int entity);
    }

    @Override
    public List<MeasurementSchema> measurements() {
        return schemas;
    }

    @Override
    public boolean next(Point point) {
        if (step >= config.steps()) {
            return false;
        }
        if (step > 0 && measurement == 0) {
            advance(entity);
        }
        SimulatedMeasurement sm = simulated.get(measurement);
        MeasurementSchema schema = schemas.get(measurement);
        point.reset(schema, config.timeNanos(step));
        List<String> tags = entityTags.get(entity);
        for (int t = 0; t < tags.size(); t++) {
            point.setTag(t, tags.get(t));
        }
        String[] own = measurementTags[entity][measurement];
        for (int t = 0; t < own.length; t++) {
            point.setTag(tags.size() + t, own[t]);
        }
        double[] fields = fieldBuffers[measurement];
        sm.emitter().emit(states[entity], walkOffsets[measurement], step, config.intervalNanos(), fields);
        for (int f = 0; f < fields.length; f++) {
            point.setValue(f, fields[f]);
        }
        if (++measurement == simulated.size()) {
            measurement = 0;
            if (++entity == config.scale()) {
                entity = 0;
                step++;
            }
        }
        return true;
    }

    /** Moves every walk of entity {@code e} one step on. */
    private void advance(int e) {
        double[] state = states[e];
        for (int m = 0; m < simulated.size(); m++) {
            List<Walk> walks = simulated.get(m).walks();
            for (int w = 0; w < walks.size(); w++) {
                int i = walkOffsets[m] + w;
                state[i] = walks.get(w).advance(state[i], draws[e]);
            }
        }
    }
}
