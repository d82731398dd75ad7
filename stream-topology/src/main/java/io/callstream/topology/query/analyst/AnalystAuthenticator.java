package io.callstream.topology.query.analyst;

import io.callstream.service.usersig.UserSig;
import io.callstream.topology.query.auth.AdminAuth;
import io.callstream.topology.query.auth.AuthError;
import io.callstream.topology.query.auth.AuthResult;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the admin credentials in an analyst request and checks them with {@link AdminAuth}, the same checks the
 * vendor-compatible APIs make. Two ways to carry them:
 * <ul>
 *   <li>the vendor's query parameters {@code sdkappid}, {@code identifier}, {@code usersig};</li>
 *   <li>{@code Authorization: Bearer <usersig>}, with {@code sdkappid} and {@code identifier} from the query when
 *       given, else from the UserSig's own claims. Taking them from the claims trusts nothing: the verifier then
 *       checks the HMAC over exactly those claims with that app's key.</li>
 * </ul>
 */
final class AnalystAuthenticator {

    private static final String BEARER = "bearer ";

    private final AdminAuth auth;

    AnalystAuthenticator(AdminAuth auth) {
        this.auth = auth;
    }

    /** @param authorization the {@code Authorization} header, null when absent */
    AuthResult authenticate(String authorization, QueryParams params) {
        String sdkAppId = params.single("sdkappid");
        String identifier = params.single("identifier");
        String querySig = params.single("usersig");
        if (authorization == null) {
            if (sdkAppId == null && identifier == null && querySig == null) {
                return denied(AuthError.INVALID_PARAMETER, "no credentials");
            }
            return explained(auth.authenticate(sdkAppId, identifier, querySig));
        }
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return denied(AuthError.INVALID_PARAMETER, "the Authorization header must be 'Bearer <usersig>'");
        }
        String bearer = authorization.substring(BEARER.length()).trim();
        if (bearer.isEmpty()) {
            return denied(AuthError.INVALID_PARAMETER, "the Authorization header has no UserSig after 'Bearer'");
        }
        if (querySig != null) {
            return denied(AuthError.INVALID_PARAMETER,
                    "the UserSig was given twice, as a bearer token and as usersig; give it once");
        }
        if (sdkAppId == null || identifier == null) {
            Optional<UserSig.Claims> claims = UserSig.claims(bearer);
            if (claims.isEmpty()) {
                return denied(AuthError.INVALID_USERSIG, "the bearer token is not a UserSig (it does not decode), "
                        + "so it cannot say which app and identifier it is for");
            }
            sdkAppId = sdkAppId != null ? sdkAppId : Long.toString(claims.get().sdkAppId());
            identifier = identifier != null ? identifier : claims.get().identifier();
        }
        return explained(auth.authenticate(sdkAppId, identifier, bearer));
    }

    private static AuthResult denied(AuthError error, String message) {
        return explained(new AuthResult.Denied(error, message));
    }

    /** AdminAuth says what is wrong; the analyst API's messages also say how to fix it. */
    private static AuthResult explained(AuthResult result) {
        if (!(result instanceof AuthResult.Denied denied)) {
            return result;
        }
        String fix = switch (denied.error()) {
            case INVALID_PARAMETER -> "authenticate with 'Authorization: Bearer <usersig>' or with the query "
                    + "parameters sdkappid, identifier and usersig (docs/analyst-api.md, Authentication)";
            case UNKNOWN_APP -> "check sdkappid: this service answers for the apps whose secret keys it holds";
            case INVALID_USERSIG -> "sign a UserSig for the admin identifier with the app's secret key "
                    + "(docs/analyst-api.md, Authentication)";
            case EXPIRED_USERSIG -> "its lifetime (expire, from its issue time) is over";
            case NOT_ADMIN -> "use the app's admin account and a UserSig signed for it";
        };
        return new AuthResult.Denied(denied.error(), denied.message() + "; " + fix);
    }
}
