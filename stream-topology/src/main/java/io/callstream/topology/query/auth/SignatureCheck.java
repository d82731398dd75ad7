package io.callstream.topology.query.auth;

/**
 * Verifies an admin's UserSig (TLS-SigAPIv2) for an app. The query APIs only need the outcome; the verifier itself
 * (HMAC-SHA256 with the app's secret key) lives in service-kit, and an adapter maps its verdicts onto {@link Result}:
 * malformed, bad signature, wrong app and wrong identifier are all {@link Result#INVALID}.
 */
@FunctionalInterface
public interface SignatureCheck {

    Result check(long sdkAppId, String identifier, String userSig);

    enum Result {
        /** The signature was issued for this identifier and app, with the app's key, and has not expired. */
        VALID,
        /** No secret key is configured for this app: this service does not serve it. */
        UNKNOWN_APP,
        /** Not a UserSig, or not one issued for this identifier and app with the app's key. */
        INVALID,
        /** Genuine, but past its validity. */
        EXPIRED
    }
}
