package io.tidemark.loadtest.tsbs;

/** How cpu field values are drawn and emitted. */
public enum ValueMode {
    /**
     * TSBS as shipped: Gaussian N(0,1) steps, emitted truncated to an integer
     * ({@code ToPointAllInt64}), e.g. {@code usage_user=58i}.
     */
    INT("int"),
    /** Two-decimal floats: uniform(-1,1) steps, emitted rounded to two decimals, e.g. {@code 58.27}. */
    FLOAT2("float2");

    private final String optionName;

    ValueMode(String optionName) {
        this.optionName = optionName;
    }

    /** The spelling used on the command line ({@code --values int|float2}). */
    public String optionName() {
        return optionName;
    }

    public static ValueMode parse(String name) {
        for (ValueMode m : values()) {
            if (m.optionName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("cannot parse value mode: value=" + name + ", expected=int|float2");
    }
}
