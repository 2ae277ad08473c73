package io.tidemark.loadtest.tsbs;

import java.util.List;

/**
 * The TSBS iot use case: trucks report {@code readings} (position, elevation, velocity, heading,
 * grade, fuel consumption: clamped walks with uniform steps, truncated to TSBS's precision) and
 * {@code diagnostics} (fuel state that refills when empty, current load that changes 5 % of the
 * time, status) every step, as TSBS {@code pkg/data/usecases/iot/*.go} defines them; the rows then
 * pass through {@link IotDisorder}, TSBS's missing, out-of-order and zeroed entries.
 */
public final class IotUseCase {

    public static final List<String> TAG_NAMES = List.of("name", "fleet", "driver", "model", "device_version",
            "load_capacity", "fuel_capacity", "nominal_fuel_consumption");
    public static final List<String> FLEETS = List.of("East", "West", "North", "South");
    public static final List<String> DRIVERS = List.of("Derek", "Rodney", "Albert", "Andy", "Seth", "Trish");
    public static final List<String> DEVICE_VERSIONS = List.of("v1.0", "v1.5", "v2.0", "v2.3");
    /** Truck models with their load capacity, fuel capacity and nominal fuel consumption (tag values). */
    public static final List<TruckModel> MODELS = List.of(new TruckModel("F-150", "2000", "200", "15"),
            new TruckModel("G-2000", "5000", "300", "19"), new TruckModel("H-2", "1500", "150", "12"));

    /** Separates the truck-tag draws from the value draws of one seed. */
    private static final long TAG_SALT = 1;

    /** One truck model as its tags spell it. */
    public record TruckModel(String name, String loadCapacity, String fuelCapacity, String fuelConsumption) {
    }

    private IotUseCase() {
    }

    /** The trucks' rows with TSBS's disorder. */
    public static UseCaseGenerator generator(GeneratorConfig config) {
        return new IotDisorder(orderly(config), config.seed());
    }

    /** The trucks' rows in order, every one whole: what {@link IotDisorder} starts from. */
    static EntitySimulator orderly(GeneratorConfig config) {
        Draws tags = new Draws(config.seed(), TAG_SALT, 0);
        return new EntitySimulator(config, TAG_NAMES, e -> truckTags(e, tags), List.of(readings(), diagnostics()));
    }

    private static List<String> truckTags(int truck, Draws d) {
        TruckModel model = d.pick(MODELS);
        return List.of("truck_" + truck, d.pick(FLEETS), d.pick(DRIVERS), model.name(), d.pick(DEVICE_VERSIONS),
                model.loadCapacity(), model.fuelCapacity(), model.fuelConsumption());
    }

    static SimulatedMeasurement readings() {
        List<String> fields = List.of("latitude", "longitude", "elevation", "velocity", "heading", "grade",
                "fuel_consumption");
        int[] digits = {5, 5, 0, 0, 0, 0, 1};
        List<Walk> walks = List.of(
                Walk.clampedUniform(-0.005, 0.005, -90, 90, d -> d.uniform() * 90),
                Walk.clampedUniform(-0.005, 0.005, -180, 180, d -> d.uniform() * 180),
                Walk.clampedUniform(-10, 10, 0, 5000, d -> d.uniform() * 500),
                Walk.clampedUniform(-10, 10, 0, 100, d -> 0),
                Walk.clampedUniform(-5, 5, 0, 360, d -> d.uniform() * 360),
                Walk.clampedUniform(-5, 5, 0, 100, d -> 0),
                Walk.clampedUniform(-5, 5, 0, 50, d -> 25));
        return new SimulatedMeasurement("readings", List.of(), fields,
                fields.stream().map(f -> MeasurementSchema.FieldKind.FLOAT).toList(), d -> List.of(), walks,
                (state, offset, step, interval, out) -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Walk.truncate(state[offset + i], digits[i]);
                    }
                });
    }

    static SimulatedMeasurement diagnostics() {
        return new SimulatedMeasurement("diagnostics", List.of(), List.of("fuel_state", "current_load", "status"),
                List.of(MeasurementSchema.FieldKind.FLOAT, MeasurementSchema.FieldKind.FLOAT,
                        MeasurementSchema.FieldKind.INTEGER), d -> List.of(),
                List.of(Walk.refuelling(-0.001, 0, 0, 1), Walk.lazyUniform(0, 5000, 0.95),
                        Walk.clampedNormal(0, 1, 0, 5, d -> 0)),
                (state, offset, step, interval, out) -> {
                    out[0] = Walk.truncate(state[offset], 1);
                    out[1] = Walk.truncate(state[offset + 1], 0);
                    out[2] = (long) state[offset + 2];
                });
    }
}
