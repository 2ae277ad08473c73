package io.tidemark.loadtest.load;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where {@code load ingest} sends the data, and in which form. */
public enum IngestTarget {
    /** Tidemark's Timestream WriteRecords ({@code POST /}, JSON); the driver creates the database and table. */
    TIDEMARK_WRITERECORDS("tidemark-writerecords"),
    /** Tidemark's line protocol ({@code POST /write?db=}); the driver creates the database and a table per measurement. */
    TIDEMARK_LP("tidemark-lp"),
    /** Any server that takes InfluxDB line protocol; {@code --endpoint} is its whole write URL. */
    LP("lp");

    private final String optionName;

    IngestTarget(String optionName) {
        this.optionName = optionName;
    }

    public String optionName() {
        return optionName;
    }

    public boolean tidemark() {
        return this != LP;
    }

    public boolean lineProtocol() {
        return this != TIDEMARK_WRITERECORDS;
    }

    public static IngestTarget parse(String name) {
        for (IngestTarget t : values()) {
            if (t.optionName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("cannot parse target: value=" + name + ", expected="
                + Arrays.stream(values()).map(IngestTarget::optionName).collect(Collectors.joining("|")));
    }
}
