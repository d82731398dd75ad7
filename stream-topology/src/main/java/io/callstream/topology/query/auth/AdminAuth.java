package io.callstream.topology.query.auth;

import io.callstream.service.ClientText;
import java.util.Objects;
import java.util.function.Function;

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

    private static final long UINT32_MAX = 0xFFFF_FFFFL;

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
        if (isBlank(sdkAppId)) {
            return invalid("sdkappid is missing");
        }
        long app = parseUnsigned(sdkAppId, Long.MAX_VALUE);
        if (app <= 0) {
            return invalid("sdkappid must be a positive integer, got " + ClientText.quoted(sdkAppId));
        }
        if (isBlank(identifier)) {
            return invalid("identifier is missing");
        }
        if (isBlank(userSig)) {
            return invalid("usersig is missing");
        }
        // Parameter values are case-sensitive in the vendor's APIs, and so is the admin's name.
        if (!adminIdentifier.equals(identifier)) {
            return new AuthResult.Denied(AuthError.NOT_ADMIN,
                    "identifier " + ClientText.quoted(identifier) + " is not the app's admin account");
        }
        SignatureCheck.Result result = signatures.check(app, identifier, userSig);
        return switch (result == null ? SignatureCheck.Result.INVALID : result) {
            case VALID -> new AuthResult.Granted(app, identifier);
            case UNKNOWN_APP -> new AuthResult.Denied(AuthError.UNKNOWN_APP,
                    "sdkappid " + app + " is not served by this service");
            case INVALID -> new AuthResult.Denied(AuthError.INVALID_USERSIG,
                    "usersig is not a valid UserSig of this identifier for sdkappid " + app);
            case EXPIRED -> new AuthResult.Denied(AuthError.EXPIRED_USERSIG, "usersig has expired; sign a new one");
        };
    }

    /**
     * The vendor's REST convention: {@code sdkappid}, {@code identifier}, {@code usersig}, {@code random} (uint32) and
     * {@code contenttype=json} in the query string. {@code random} and {@code contenttype} are checked first, then
     * {@link #authenticate(String, String, String)}.
     *
     * @param queryParam the value of a query parameter by name, null when absent
     */
    public AuthResult authenticateQuery(Function<String, String> queryParam) {
        String sdkAppId = queryParam.apply("sdkappid");
        String identifier = queryParam.apply("identifier");
        String userSig = queryParam.apply("usersig");
        // Missing values are reported in the order of the vendor's parameter table.
        for (String name : new String[] {"sdkappid", "identifier", "usersig"}) {
            if (isBlank(queryParam.apply(name))) {
                return invalid(name + " is missing");
            }
        }
        String random = queryParam.apply("random");
        if (isBlank(random)) {
            return invalid("random is missing");
        }
        if (parseUnsigned(random, UINT32_MAX) < 0) {
            return invalid("random must be an integer in [0, 4294967295], got " + ClientText.quoted(random));
        }
        String contentType = queryParam.apply("contenttype");
        if (isBlank(contentType)) {
            return invalid("contenttype is missing");
        }
        if (!"json".equals(contentType)) {
            return invalid("contenttype must be json, got " + ClientText.quoted(contentType));
        }
        return authenticate(sdkAppId, identifier, userSig);
    }

    private static AuthResult invalid(String message) {
        return new AuthResult.Denied(AuthError.INVALID_PARAMETER, message);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The decimal value of {@code text} if it is only ASCII digits and at most {@code max}, else -1. */
    private static long parseUnsigned(String text, long max) {
        if (text.isEmpty() || text.length() > 19) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (value > (max - (c - '0')) / 10) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
