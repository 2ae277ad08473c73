package io.tidemark.engine.catalog;

/**
 * One level of a table's composite partition key.
 *
 * @param name the dimension's name for a DIMENSION key; null for the MEASURE key
 */
public record PartitionKey(Type type, String name, Enforcement enforcementInRecord) {

    public enum Type { DIMENSION, MEASURE }

    /** Whether a record must carry the key's dimension. */
    public enum Enforcement { REQUIRED, OPTIONAL }

    /** What a table without a customer-defined key is partitioned by: the measure name. */
    public static final PartitionKey DEFAULT = new PartitionKey(Type.MEASURE, null, null);
}
