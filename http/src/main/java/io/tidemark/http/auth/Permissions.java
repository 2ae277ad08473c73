package io.tidemark.http.auth;

import io.tidemark.engine.catalog.Arns;
import io.tidemark.http.wire.WireError;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an authenticated access key may make a request, from the key's
 * {@link AccessPolicy} and what the request names. A key allowed the action everywhere is let
 * through without reading the request at all; otherwise the request's resources are read
 * ({@link WireResources}, {@link StatementResources}) and each must be allowed. A refusal is
 * Timestream's AccessDeniedException, 403, worded as IAM words it. The check runs before the
 * request does anything, so a refused request leaves no trace.
 */
public final class Permissions {

    public static final String ACCESS_DENIED = "AccessDeniedException";

    private final AccessKeys keys;
    private final Arns arns;

    /** @param arns how refusals name the resource (the node's region and account) */
    public Permissions(AccessKeys keys, Arns arns) {
        this.keys = keys;
        this.arns = arns;
    }

    /**
     * The refusal of a Timestream operation with this body, if the key may not make it.
     *
     * @param action the operation's action
     */
    public Optional<WireError> checkOperation(String accessKey, Action action, byte[] body) {
        AccessPolicy policy = keys.policy(accessKey);
        if (policy.allowsEverywhere(action)) {
            return Optional.empty();
        }
        return check(accessKey, policy, action, WireResources.of(action, body, arns));
    }

    /** The refusal of a SQL statement ({@code /sql}, {@code /subscribe}), checked as Query on the tables it reads. */
    public Optional<WireError> checkStatement(String accessKey, String sql) {
        AccessPolicy policy = keys.policy(accessKey);
        if (policy.allowsEverywhere(Action.QUERY)) {
            return Optional.empty();
        }
        return check(accessKey, policy, Action.QUERY, StatementResources.of(sql));
    }

    /** The refusal of {@code action} on {@code resource}. */
    public Optional<WireError> check(String accessKey, Action action, Resource resource) {
        return check(accessKey, keys.policy(accessKey), action, Set.of(resource));
    }

    private Optional<WireError> check(String accessKey, AccessPolicy policy, Action action, Set<Resource> resources) {
        for (Resource resource : resources) {
            if (!policy.allows(action, resource)) {
                return Optional.of(denied(accessKey, action.iamName(), resource.arn(arns)));
            }
        }
        return Optional.empty();
    }

    private static WireError denied(String accessKey, String action, String resource) {
        return WireError.of(403, ACCESS_DENIED, "User: " + accessKey + " is not authorized to perform: " + action
                + " on resource: " + resource + " because no grant of the key in tidemark.http.access-keys allows "
                + action);
    }
}
