package io.callstream.emulator.config;

import io.callstream.service.ClientText;
import io.callstream.service.usersig.UserSigVerifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The vendor's admin REST convention (protocol §3.1, §5): {@code sdkappid}, {@code identifier}, {@code usersig},
 * {@code random} (uint32) and {@code contenttype=json} in the query; the identifier must be the app's admin and the
 * UserSig that admin's, signed with the app's key. Checked in that order: parameters (70001, an app the emulator does
 * not know included), admin (70004), signature (70002; 70003 once it is genuine but expired).
 */
final class AdminCheck {

    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final String adminIdentifier;
    private final Map<Long, UserSigVerifier> verifiers = new HashMap<>();

    AdminCheck(ConfigApiSettings settings) {
        this.adminIdentifier = settings.adminIdentifier();
        settings.secretKeys().forEach((app, key) -> verifiers.put(app, new UserSigVerifier(app, key, settings.clock())));
    }

    /** @return the app the request is for; throws {@link ConfigApiException} when it may not proceed */
    long check(Function<String, String> param) {
        for (String name : new String[] {"sdkappid", "identifier", "usersig", "random", "contenttype"}) {
            String value = param.apply(name);
            if (value == null || value.isBlank()) {
                throw invalid(name + " is missing");
            }
        }
        long random = parseUnsigned(param.apply("random"));
        if (random < 0 || random > UINT32_MAX) {
            throw invalid("random must be an integer in [0, 4294967295]");
        }
        if (!"json".equals(param.apply("contenttype"))) {
            throw invalid("contenttype must be json");
        }
        long sdkAppId = parseUnsigned(param.apply("sdkappid"));
        UserSigVerifier verifier = sdkAppId > 0 ? verifiers.get(sdkAppId) : null;
        if (verifier == null) {
            throw invalid("sdkappid " + ClientText.cut(param.apply("sdkappid")) + " is not an app of this service");
        }
        String identifier = param.apply("identifier");
        if (!adminIdentifier.equals(identifier)) {
            throw new ConfigApiException(ConfigApiError.NOT_ADMIN,
                    "identifier " + ClientText.quoted(identifier) + " is not the app's admin account");
        }
        return switch (verifier.verify(identifier, param.apply("usersig"))) {
            case VALID -> sdkAppId;
            case EXPIRED -> throw new ConfigApiException(ConfigApiError.USERSIG_EXPIRED, "usersig has expired");
            case MALFORMED, BAD_SIGNATURE, WRONG_APP, WRONG_IDENTIFIER, NOT_YET_VALID -> throw new ConfigApiException(
                    ConfigApiError.INVALID_USERSIG, "usersig is not a valid UserSig of the admin of sdkappid " + sdkAppId);
        };
    }

    private static ConfigApiException invalid(String message) {
        return new ConfigApiException(ConfigApiError.INVALID_PARAMETER, message);
    }

    /** Decimal digits only, at most 18 of them; -1 otherwise. */
    private static long parseUnsigned(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }
}
