package io.callstream.service.usersig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code usersig} of an admin REST call against one app's secret key. Thread-safe; one instance per app.
 *
 * <p>Checks, in this order, stopping at the first that fails:
 * <ol>
 *   <li>{@link Verdict#MALFORMED}: the text decodes (length bound, URL-safe base64, one zlib stream inflating to at
 *       most a few KB), the result is one JSON object without duplicate keys, {@code TLS.ver} is {@code "2.0"},
 *       {@code TLS.identifier} and {@code TLS.sig} are strings, {@code TLS.userbuf} is a string if present, and
 *       {@code TLS.sdkappid}, {@code TLS.time}, {@code TLS.expire} are integers, the last two not negative;</li>
 *   <li>{@link Verdict#WRONG_APP}: {@code TLS.sdkappid} is ours;</li>
 *   <li>{@link Verdict#WRONG_IDENTIFIER}: {@code TLS.identifier} is the identifier the request names;</li>
 *   <li>{@link Verdict#BAD_SIGNATURE}: {@code TLS.sig} is the HMAC of the signed fields under our key, compared in
 *       constant time;</li>
 *   <li>{@link Verdict#EXPIRED}: {@code TLS.time + TLS.expire} is not before the clock's now;</li>
 *   <li>with a maximum lifetime <i>L</i> only: {@link Verdict#EXPIRED} also once {@code TLS.time + L} is before now,
 *       and {@link Verdict#NOT_YET_VALID} when {@code TLS.time} is more than <i>L</i> after now.</li>
 * </ol>
 * App and identifier come before the signature because they only compare what the caller itself sent (the request's
 * {@code sdkappid} and {@code identifier} against the same claims inside its UserSig): answering them reveals nothing,
 * and tells an honest caller which of its two inputs is off. Expiry comes last because {@code TLS.time} and
 * {@code TLS.expire} mean nothing until the HMAC vouches for them: a forged UserSig gets BAD_SIGNATURE whatever times
 * it claims, so "expired" is only ever said of a UserSig signed with our key, and nobody can probe the expiry logic
 * without it. Fields the vendor does not sign are ignored.
 *
 * <p>Without a maximum lifetime the verifier judges as the vendor does: any {@code TLS.expire} is honoured (the
 * vendor's tools default to 180 days), and a UserSig stamped in the future is not refused (the issuer's clock may run
 * ahead of ours), however far. A maximum lifetime <i>L</i> bounds what one leaked UserSig opens: it is accepted at
 * most <i>L</i> after its issue time whatever its {@code TLS.expire} says, and only while its issue time is at most
 * <i>L</i> ahead of our clock, so it is usable for at most 2<i>L</i> of our time. A UserSig cut short by <i>L</i> is
 * {@link Verdict#EXPIRED}, so clients that renew on the vendor's "expired" error keep working.
 */
public final class UserSigVerifier {

    /** What {@link #verify} found. The admin APIs answer 70003 for {@link #EXPIRED}, 70002 for the other refusals. */
    public enum Verdict {
        /** Genuine, for this app and identifier, and not expired. */
        VALID,
        /** Not a TLS-SigAPIv2 UserSig at all: undecodable, too large, not the expected JSON, or another version. */
        MALFORMED,
        /** Well formed, but its HMAC is not ours: tampered with, or signed with another key. */
        BAD_SIGNATURE,
        /** Issued for another SDKAppID. */
        WRONG_APP,
        /** Issued for another identifier than the request names. */
        WRONG_IDENTIFIER,
        /** Genuine, but its lifetime is over (or the maximum lifetime since its issue time is). */
        EXPIRED,
        /** Genuine, but issued further in the future than the maximum lifetime allows. */
        NOT_YET_VALID
    }

    private final long sdkAppId;
    private final SecretKeySpec key;
    private final Clock clock;
    private final Optional<Duration> maxLifetime;

    /**
     * A verifier that judges as the vendor does.
     *
     * @param sdkAppId  our SDKAppID, positive
     * @param secretKey the app's secret key as the console shows it, not empty
     * @param clock     the time expiry is judged against
     */
    public UserSigVerifier(long sdkAppId, String secretKey, Clock clock) {
        this(sdkAppId, secretKey, clock, Optional.empty());
    }

    /**
     * @param maxLifetime when present, whole seconds, positive: how long after its issue time a UserSig is accepted at
     *                    most, and how far ahead of the clock its issue time may be (see the class documentation)
     */
    public UserSigVerifier(long sdkAppId, String secretKey, Clock clock, Optional<Duration> maxLifetime) {
        Objects.requireNonNull(secretKey, "secretKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime");
        maxLifetime.ifPresent(max -> {
            if (max.isNegative() || max.isZero() || max.getNano() != 0) {
                throw new IllegalArgumentException("maxLifetime must be whole seconds, positive, got " + max);
            }
        });
        if (sdkAppId <= 0) {
            throw new IllegalArgumentException("sdkAppId must be positive, got " + sdkAppId);
        }
        if (secretKey.isEmpty()) {
            throw new IllegalArgumentException("secretKey is empty");
        }
        this.sdkAppId = sdkAppId;
        this.key = SigContent.key(secretKey);
        // Fails here, at start, if the JVM lacks HmacSHA256, rather than on the first request.
        SigContent.hmacBase64(key, "");
    }

    /**
     * Checks a UserSig in the order the class documentation gives. Never throws on bad input: null, empty and
     * hostile text are verdicts too.
     *
     * @param identifier the {@code identifier} query parameter of the request
     * @param userSig    the {@code usersig} query parameter of the request, URL-decoded
     */
    public Verdict verify(String identifier, String userSig) {
        try {
            return check(identifier, userSig);
        } catch (RuntimeException e) {
            // The input is hostile by assumption; whatever a parser throws on it is a refusal, not a server error.
            return Verdict.MALFORMED;
        }
    }

    private Verdict check(String identifier, String userSig) {
        SigDocument doc = SigDocument.decode(userSig);
        if (doc == null) {
            return Verdict.MALFORMED;
        }
        if (doc.sdkAppId() != sdkAppId) {
            return Verdict.WRONG_APP;
        }
        if (!doc.identifier().equals(identifier)) {
            return Verdict.WRONG_IDENTIFIER;
        }
        String expected = SigContent.hmacBase64(key,
                SigContent.of(doc.identifier(), doc.sdkAppId(), doc.time(), doc.expire(), doc.userBuf()));
        // Compares the base64 text, not decoded bytes: base64 decoders ignore the last character's spare bits, so
        // decoded bytes would accept several spellings of one HMAC. isEqual's time depends only on the lengths.
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), doc.sig().getBytes(StandardCharsets.UTF_8))) {
            return Verdict.BAD_SIGNATURE;
        }
        Instant now = clock.instant();
        if (isAfter(now, doc.time(), doc.expire())) {
            return Verdict.EXPIRED;
        }
        if (maxLifetime.isEmpty()) {
            return Verdict.VALID;
        }
        long max = maxLifetime.get().getSeconds();
        if (isAfter(now, doc.time(), max)) {
            return Verdict.EXPIRED;
        }
        // Issued more than max after now: time - now > max, written so that it cannot overflow (time >= 0).
        return doc.time() - max > now.getEpochSecond() ? Verdict.NOT_YET_VALID : Verdict.VALID;
    }

    /**
     * Whether now is strictly after {@code time + seconds} (expiry is inclusive to the second); a sum past the long
     * range is never reached.
     */
    private static boolean isAfter(Instant now, long time, long seconds) {
        if (seconds > Long.MAX_VALUE - time) {
            return false;
        }
        long end = time + seconds;
        return now.getEpochSecond() > end || (now.getEpochSecond() == end && now.getNano() > 0);
    }
}
