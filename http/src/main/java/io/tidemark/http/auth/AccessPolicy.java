package io.tidemark.http.auth;

import java.util.List;
import java.util.Optional;

/**
 * What one access key may do: everything (a key configured without {@code allow}, as every key
 * could before keys had grants), or what one of its grants allows. A key with {@code allow = []}
 * authenticates but may do nothing except discover the endpoint.
 *
 * @param grants the key's grants; empty for a key with full access
 */
public record AccessPolicy(Optional<List<Grant>> grants) {

    /** The policy of a key configured without {@code allow}. */
    public static final AccessPolicy FULL_ACCESS = new AccessPolicy(Optional.empty());

    public AccessPolicy {
        grants = grants.map(List::copyOf);
    }

    public static AccessPolicy of(List<Grant> grants) {
        return new AccessPolicy(Optional.of(grants));
    }

    /** Whether the key may perform {@code action} on {@code resource}. */
    public boolean allows(Action action, Resource resource) {
        switch (action.scope()) {
            case ANY_KEY:
                return true;
            case ACTION_ONLY:
                return grants.isEmpty() || grants.get().stream().anyMatch(g -> g.allows(action));
            default:
                return grants.isEmpty() || grants.get().stream().anyMatch(g -> g.allows(action, resource));
        }
    }

    /**
     * Whether the key may perform {@code action} on every resource, so that a request needs no
     * reading of what it names: true for a key with full access, or granted the action on
     * {@code "*"} databases and tables.
     */
    public boolean allowsEverywhere(Action action) {
        return allows(action, Resource.ACCOUNT);
    }
}
