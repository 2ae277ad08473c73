package io.tidemark.engine.catalog;

import io.tidemark.engine.EngineException;

/**
 * Timestream resource names: {@code arn:aws:timestream:<region>:<account>:database/<db>} and
 * {@code …:database/<db>/table/<table>}.
 */
public record Arns(String region, String accountId) {

    /** Longest ARN TagResource/UntagResource/ListTagsForResource accept. */
    public static final int MAX_ARN_LENGTH = 1011;

    /** What an ARN names: a database when {@code table} is null, else a table. */
    public record Resource(String database, String table) {}

    public String database(String database) {
        return prefix() + database;
    }

    public String table(String database, String table) {
        return prefix() + database + "/table/" + table;
    }

    /** Fails with VALIDATION when {@code arn} is not a database or table ARN of this node's region and account. */
    public Resource parse(String arn) {
        if (arn == null || arn.isEmpty() || arn.length() > MAX_ARN_LENGTH) {
            throw EngineException.validation("cannot read ResourceARN: length=" + (arn == null ? 0 : arn.length())
                    + " (expected 1.." + MAX_ARN_LENGTH + ")");
        }
        String prefix = prefix();
        if (!arn.startsWith(prefix)) {
            throw EngineException.validation("cannot read ResourceARN: arn=" + arn + " (expected " + prefix
                    + "<database>[/table/<table>])");
        }
        String rest = arn.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return requireNames(arn, new Resource(rest, null));
        }
        String tail = rest.substring(slash + 1);
        if (!tail.startsWith("table/")) {
            throw EngineException.validation("cannot read ResourceARN: arn=" + arn + " (expected .../table/<table>)");
        }
        return requireNames(arn, new Resource(rest.substring(0, slash), tail.substring("table/".length())));
    }

    private static Resource requireNames(String arn, Resource r) {
        if (r.database().isEmpty() || (r.table() != null && (r.table().isEmpty() || r.table().indexOf('/') >= 0))) {
            throw EngineException.validation("cannot read ResourceARN: arn=" + arn + " (empty or malformed name)");
        }
        return r;
    }

    private String prefix() {
        return "arn:aws:timestream:" + region + ":" + accountId + ":database/";
    }
}
