package io.tidemark.http.auth;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The access keys of {@code tidemark.http.access-keys}: each key's secret and {@link AccessPolicy}.
 * An entry is {@code { id, secret [, allow = [ { actions, databases [, tables] } … ] ] }}; an
 * action is a group ({@code read}, {@code write}, {@code admin}, {@code *} for all three) or an
 * action name ({@code timestream:WriteRecords}, any case); {@code tables} defaults to {@code ["*"]}.
 * A mistake (unknown action or member, a grant without databases, a key given twice) fails
 * start-up with the path of the entry, since a grant read wrongly would let a key do more or
 * less than meant.
 *
 * @param secrets access key id to secret access key
 * @param policies access key id to what the key may do
 */
public record AccessKeys(Map<String, String> secrets, Map<String, AccessPolicy> policies) {

    private static final Set<String> KEY_MEMBERS = Set.of("id", "secret", "allow");
    private static final Set<String> GRANT_MEMBERS = Set.of("actions", "databases", "tables");

    public AccessKeys {
        secrets = Map.copyOf(secrets);
        policies = Map.copyOf(policies);
        if (!secrets.keySet().equals(policies.keySet())) {
            throw new IllegalArgumentException("cannot pair secrets with policies: secrets=" + secrets.keySet()
                    + ", policies=" + policies.keySet());
        }
    }

    /** The policy of a configured key (callers ask only for keys that authenticated). */
    public AccessPolicy policy(String accessKey) {
        AccessPolicy policy = policies.get(accessKey);
        if (policy == null) {
            throw new IllegalArgumentException("cannot find the policy of access key: id=" + accessKey);
        }
        return policy;
    }

    /**
     * Reads the list at {@code path}.
     *
     * @throws ConfigException.BadValue naming the entry and member at fault
     */
    public static AccessKeys fromConfig(List<? extends Config> entries, String path) {
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, AccessPolicy> policies = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Config entry = entries.get(i);
            String at = path + "[" + i + "]";
            requireOnly(entry, KEY_MEMBERS, at);
            String id = entry.getString("id");
            if (id.isEmpty() || secrets.containsKey(id)) {
                throw new ConfigException.BadValue(at + ".id", "cannot read access key: id=" + id
                        + (id.isEmpty() ? " is empty" : " is given twice"));
            }
            secrets.put(id, entry.getString("secret"));
            policies.put(id, entry.hasPath("allow") ? AccessPolicy.of(grants(entry.getConfigList("allow"), at + ".allow"))
                    : AccessPolicy.FULL_ACCESS);
        }
        return new AccessKeys(secrets, policies);
    }

    private static List<Grant> grants(List<? extends Config> entries, String path) {
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Config entry = entries.get(i);
            String at = path + "[" + i + "]";
            requireOnly(entry, GRANT_MEMBERS, at);
            Set<Action> actions = EnumSet.noneOf(Action.class);
            for (String name : list(entry, "actions", at)) {
                actions.addAll(actions(name, at + ".actions"));
            }
            Set<String> databases = names(entry, "databases", at);
            Set<String> tables = entry.hasPath("tables") ? names(entry, "tables", at) : Set.of(Grant.ANY);
            grants.add(new Grant(actions, databases, tables));
        }
        return grants;
    }

    /** The actions one entry of {@code actions} stands for. */
    static Set<Action> actions(String name, String path) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("*")) {
            return EnumSet.allOf(Action.class);
        }
        for (Action.Group group : Action.Group.values()) {
            if (lower.equals(group.name().toLowerCase(Locale.ROOT))) {
                EnumSet<Action> members = EnumSet.noneOf(Action.class);
                Arrays.stream(Action.values()).filter(a -> a.group() == group).forEach(members::add);
                return members;
            }
        }
        if (lower.startsWith("timestream:")) {
            var action = Action.ofOperation(name.substring("timestream:".length()));
            if (action.isPresent()) {
                return EnumSet.of(action.get());
            }
        }
        throw new ConfigException.BadValue(path, "cannot read grant: unknown action=" + name
                + " (expected read, write, admin, * or timestream:<Operation>, e.g. timestream:WriteRecords)");
    }

    private static Set<String> names(Config entry, String member, String path) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : list(entry, member, path)) {
            if (name.isEmpty() || (name.contains(Grant.ANY) && !name.equals(Grant.ANY))) {
                throw new ConfigException.BadValue(path + "." + member, "cannot read grant: " + member + " name='"
                        + name + "' (expected a name, or \"*\" alone for every name; no other patterns)");
            }
            names.add(name);
        }
        return names;
    }

    /** A required, non-empty list of strings. */
    private static List<String> list(Config entry, String member, String path) {
        if (!entry.hasPath(member)) {
            throw new ConfigException.BadValue(path, "cannot read grant: " + member + " missing (a grant names its "
                    + member + "; \"*\" for all)");
        }
        List<String> values = entry.getStringList(member);
        if (values.isEmpty()) {
            throw new ConfigException.BadValue(path + "." + member, "cannot read grant: " + member
                    + " is empty (a grant names its " + member + "; \"*\" for all)");
        }
        return values;
    }

    private static void requireOnly(Config entry, Set<String> members, String path) {
        for (String member : entry.root().keySet()) {
            if (!members.contains(member)) {
                throw new ConfigException.BadValue(path + "." + member, "cannot read " + path + ": unknown member="
                        + member + " (expected " + String.join(", ", members.stream().sorted().toList()) + ")");
            }
        }
    }
}
