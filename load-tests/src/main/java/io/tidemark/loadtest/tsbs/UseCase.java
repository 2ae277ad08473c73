package io.tidemark.loadtest.tsbs;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The TSBS use cases the generator knows, by their TSBS names. */
public enum UseCase {
    CPU_ONLY("cpu-only", CpuOnlyUseCase::new),
    DEVOPS("devops", DevopsUseCase::generator),
    IOT("iot", IotUseCase::generator);

    private final String optionName;
    private final Function<GeneratorConfig, UseCaseGenerator> factory;

    UseCase(String optionName, Function<GeneratorConfig, UseCaseGenerator> factory) {
        this.optionName = optionName;
        this.factory = factory;
    }

    /** The TSBS spelling, as {@code --use-case} takes it. */
    public String optionName() {
        return optionName;
    }

    public UseCaseGenerator generator(GeneratorConfig config) {
        return factory.apply(config);
    }

    public static UseCase parse(String name) {
        for (UseCase u : values()) {
            if (u.optionName.equals(name)) {
                return u;
            }
        }
        throw new IllegalArgumentException("cannot parse use case: value=" + name + ", expected="
                + Arrays.stream(values()).map(UseCase::optionName).collect(Collectors.joining("|")));
    }
}
