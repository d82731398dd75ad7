package io.callstream.topology.query.auth;

import io.callstream.service.ClientText;
import io.callstream.service.usersig.AdminParams;
import io.callstream.service.usersig.InvalidAdminParamException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Admin authentication for the query APIs, as the vendor's REST APIs do it: the caller names an app ({@code sdkappid})
 * and an account ({@code identifier}), which must be the app's admin, and proves it with that account's UserSig.
 *
 * <p>{@link #authenticate(String, String, String)} is the core and does not care where the three values came from, so
 * that the vendor-compatible routes (query string) and the analyst API ({@code Authorization: Bearer <usersig>} with
 * {@code identifier} and {@code sdkappid}) share the same checks, in the same order, with the same messages:
 * parameters (70001), admin (70004), signature (70002, 70003).
 *
 * <p>The admin check comes before the signature check: a non-admin's UserSig is never verified, which is the cheaper
 * order, and an admin name that does not match is reported as such rather than as a bad signature.
 */
public final class AdminAuth {

    public static final String DEFAULT_ADMIN_IDENTIFIER = "administrator";

    private final String adminIdentifier;
    private final SignatureCheck signatures;

    public AdminAuth(String adminIdentifier, SignatureCheck signatures) {
        if (adminIdentifier == null || adminIdentifier.isBlank()) {
            throw new IllegalArgumentException("the admin identifier must not be blank");
        }
        this.adminIdentifier = adminIdentifier;
        this.signatures = Objects.requireNonNull(signatures, "signatures");
    }

    /**
     * Checks the three values that identify an admin, wherever the request carried them. Any may be null (absent).
     */
    public AuthResult authenticate(String sdkAppId, String identifier, String userSig) {
        return authenticate(() -> AdminParams.of(sdkAppId, identifier, userSig));
    }

    /**
     * The vendor's REST convention ({@link AdminParams#fromQuery}): {@code sdkappid}, {@code identifier},
     * {@code usersig}, {@code random} (uint32) and {@code contenttype=json} in the query string, checked in that order
     * before the admin and the signature.
     *
     * @param queryParam the value of a query parameter by name, null when absent
     */
    public AuthResult authenticateQuery(Function<String, String> queryParam) {
        return authenticate(() -> AdminParams.fromQuery(queryParam));
    }

    private AuthResult authenticate(Supplier<AdminParams> read) {
        AdminParams params;
        try {
            params = read.get();
        } catch (InvalidAdminParamException e) {
            return new AuthResult.Denied(AuthError.INVALID_PARAMETER, e.getMessage());
        }
        long app = params.sdkAppId();
        String identifier = params.identifier();
        // Parameter values are case-sensitive in the vendor's APIs, and so is the admin's name.
        if (!adminIdentifier.equals(identifier)) {
            return new AuthResult.Denied(AuthError.NOT_ADMIN,
                    "identifier " + ClientText.quoted(identifier) + " is not the app's admin account");
        }
        SignatureCheck.Result result = signatures.check(app, identifier, params.userSig());
        return switch (result == null ? SignatureCheck.Result.INVALID : result) {
            case VALID -> new AuthResult.Granted(app, identifier);
            case UNKNOWN_APP -> new AuthResult.Denied(AuthError.UNKNOWN_APP,
                    "sdkappid " + app + " is not served by this service");
            case INVALID -> new AuthResult.Denied(AuthError.INVALID_USERSIG,
                    "usersig is not a valid UserSig of this identifier for sdkappid " + app);
            case EXPIRED -> new AuthResult.Denied(AuthError.EXPIRED_USERSIG, "usersig has expired; sign a new one");
        };
    }
}
