package io.tidemark.loadtest.compare;

/** How the comparison feeds Tidemark. */
public enum TidemarkProtocol {
    /** Timestream WriteRecords calls over HTTP (JSON), the line-protocol rows re-encoded. */
    WRITERECORDS("writerecords"),
    /** Influx line protocol on {@code POST /write?db=} (InfluxDB v1 form), the same bodies the peers get. */
    LP("lp");

    private final String optionName;

    TidemarkProtocol(String optionName) {
        this.optionName = optionName;
    }

    public String optionName() {
        return optionName;
    }

    public static TidemarkProtocol parse(String name) {
        for (TidemarkProtocol p : values()) {
            if (p.optionName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("cannot parse protocol: value=" + name + ", expected=writerecords|lp");
    }
}
