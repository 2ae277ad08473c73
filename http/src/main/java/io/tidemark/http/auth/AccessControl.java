package io.tidemark.http.auth;

import io.tidemark.http.wire.WireException;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Authentication and authorization of the signed endpoints under {@code auth = sigv4}: who signed
 * the request ({@link SigV4Verifier}), then whether that key may make it ({@link Permissions}).
 * Each method throws the {@link WireException} to answer, or returns normally.
 */
public final class AccessControl {

    private final SigV4Verifier verifier;
    private final Permissions permissions;

    public AccessControl(SigV4Verifier verifier, Permissions permissions) {
        this.verifier = verifier;
        this.permissions = permissions;
    }

    /** The access key that signed the request (signature errors as AWS's front door sends them). */
    public String authenticate(HttpRequest request, byte[] body) {
        return verifier.authenticate(request, body);
    }

    /** Authenticates a Timestream request and checks its action on what its body names (AccessDeniedException). */
    public void authorizeOperation(HttpRequest request, Action action, byte[] body) {
        String accessKey = authenticate(request, body);
        permissions.checkOperation(accessKey, action, body).ifPresent(refusal -> {
            throw refusal.exception();
        });
    }

    /** Checks that the key may run the statement: Query on every table it reads (AccessDeniedException). */
    public void authorizeStatement(String accessKey, String sql) {
        permissions.checkStatement(accessKey, sql).ifPresent(refusal -> {
            throw refusal.exception();
        });
    }
}
