package io.callstream.topology.query.auth;

/** The outcome of {@link AdminAuth}: the admin of one app, or a refusal with its reason and a message for the client. */
public sealed interface AuthResult {

    /** The request comes from the admin of {@code sdkAppId}; it may read that app's data and no other. */
    record Granted(long sdkAppId, String identifier) implements AuthResult {
    }

    /** @param message says which parameter or check failed, without revealing secrets or the admin's name */
    record Denied(AuthError error, String message) implements AuthResult {
    }
}
