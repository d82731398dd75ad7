package io.callstream.emulator.config;

import io.callstream.service.ClientText;
import io.callstream.service.usersig.AdminParams;
import io.callstream.service.usersig.InvalidAdminParamException;
import io.callstream.service.usersig.UserSigVerifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The vendor's admin REST convention (protocol §3.1, §5): the query parameters as {@link AdminParams} reads them; the
 * identifier must be the app's admin and the UserSig that admin's, signed with the app's key. Checked in that order:
 * parameters (70001, an app the emulator does not know included), admin (70004), signature (70002; 70003 once it is
 * genuine but expired).
 */
final class AdminCheck {

    private final String adminIdentifier;
    private final Map<Long, UserSigVerifier> verifiers = new HashMap<>();

    AdminCheck(ConfigApiSettings settings) {
        this.adminIdentifier = settings.adminIdentifier();
        settings.secretKeys().forEach((app, key) -> verifiers.put(app, new UserSigVerifier(app, key, settings.clock())));
    }

    /** @return the app the request is for; throws {@link ConfigApiException} when it may not proceed */
    long check(Function<String, String> param) {
        AdminParams params;
        try {
            params = AdminParams.fromQuery(param);
        } catch (InvalidAdminParamException e) {
            throw new ConfigApiException(ConfigApiError.INVALID_PARAMETER, e.getMessage());
        }
        long sdkAppId = params.sdkAppId();
        UserSigVerifier verifier = verifiers.get(sdkAppId);
        if (verifier == null) {
            throw new ConfigApiException(ConfigApiError.INVALID_PARAMETER,
                    "sdkappid " + sdkAppId + " is not an app of this service");
        }
        if (!adminIdentifier.equals(params.identifier())) {
            throw new ConfigApiException(ConfigApiError.NOT_ADMIN,
                    "identifier " + ClientText.quoted(params.identifier()) + " is not the app's admin account");
        }
        return switch (verifier.verify(params.identifier(), params.userSig())) {
            case VALID -> sdkAppId;
            case EXPIRED -> throw new ConfigApiException(ConfigApiError.USERSIG_EXPIRED, "usersig has expired");
            case MALFORMED, BAD_SIGNATURE, WRONG_APP, WRONG_IDENTIFIER, NOT_YET_VALID -> throw new ConfigApiException(
                    ConfigApiError.INVALID_USERSIG, "usersig is not a valid UserSig of the admin of sdkappid " + sdkAppId);
        };
    }
}
