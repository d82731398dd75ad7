package io.callstream.topology.query.auth;

import io.callstream.service.usersig.UserSigVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link SignatureCheck} with the real TLS-SigAPIv2 verifier: one {@link UserSigVerifier} per configured app. The
 * verifier's finer verdicts collapse to what the APIs answer: malformed, bad signature, wrong app and wrong identifier
 * are all {@link Result#INVALID} (70002), so a caller learns nothing about which check its forgery failed. With a
 * maximum lifetime, a genuine UserSig past it is {@link Result#EXPIRED} (70003), and one issued further ahead than it
 * allows {@link Result#INVALID} (70002), the vendor's two answers for a UserSig it does not accept.
 */
public final class UserSigSignatureCheck implements SignatureCheck {

    private final Map<Long, UserSigVerifier> verifiers;

    /**
     * Judges as the vendor does.
     *
     * @param clock the time UserSig expiry is judged against
     */
    public UserSigSignatureCheck(AppSecretKeys keys, Clock clock) {
        this(keys, clock, Optional.empty());
    }

    /** @param maxLifetime {@code CALLSTREAM_USERSIG_MAX_LIFETIME_S}, see {@link UserSigVerifier} */
    public UserSigSignatureCheck(AppSecretKeys keys, Clock clock, Optional<Duration> maxLifetime) {
        this.verifiers = keys.apps().stream().collect(Collectors.toUnmodifiableMap(app -> app,
                app -> new UserSigVerifier(app, keys.keyOf(app), clock, maxLifetime)));
    }

    @Override
    public Result check(long sdkAppId, String identifier, String userSig) {
        UserSigVerifier verifier = verifiers.get(sdkAppId);
        if (verifier == null) {
            return Result.UNKNOWN_APP;
        }
        return switch (verifier.verify(identifier, userSig)) {
            case VALID -> Result.VALID;
            case EXPIRED -> Result.EXPIRED;
            case MALFORMED, BAD_SIGNATURE, WRONG_APP, WRONG_IDENTIFIER, NOT_YET_VALID -> Result.INVALID;
        };
    }
}
