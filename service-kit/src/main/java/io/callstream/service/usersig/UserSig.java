package io.callstream.service.usersig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues UserSigs. The admin APIs of callstream verify them ({@link UserSigVerifier}); this side exists so that our
 * own tools, tests and the vendor emulator can sign requests the way the vendor's SDKs do. {@link #claims} reads what
 * a UserSig says about itself, unverified.
 */
public final class UserSig {

    /**
     * What a UserSig claims about itself: nothing here is verified.
     *
     * @param time   issue time, Unix seconds
     * @param expire lifetime in seconds from {@code time}
     */
    public record Claims(long sdkAppId, String identifier, long time, long expire) {
    }

    private UserSig() {
    }

    /**
     * Decodes a UserSig without verifying it, so that a request carrying only a UserSig (a bearer token) can say which
     * app and identifier it is for. The claims are only a hint about which key to check with: they must then go
     * through {@link UserSigVerifier#verify}, whose HMAC covers exactly these fields, before anything trusts them.
     *
     * @return the claims, or empty when the text is not a well-formed TLS-SigAPIv2 UserSig (what the verifier calls
     *         {@link UserSigVerifier.Verdict#MALFORMED}); never throws on bad input
     */
    public static Optional<Claims> claims(String userSig) {
        SigDocument doc;
        try {
            doc = SigDocument.decode(userSig);
        } catch (RuntimeException e) {
            return Optional.empty(); // hostile input, as in the verifier
        }
        return doc == null ? Optional.empty()
                : Optional.of(new Claims(doc.sdkAppId(), doc.identifier(), doc.time(), doc.expire()));
    }

    /**
     * TLS-SigAPIv2 as the vendor's libraries generate it (no userbuf).
     *
     * <p>The JSON document is the one {@code tls-sig-api-v2} 1.0.2 ({@code Api.genSig}) writes, byte for byte: same
     * field order, same escaping. The zlib bytes around it may differ from a given vendor library's (each compresses
     * with the zlib it carries); every such variant decodes to the same document and verifies the same.
     *
     * @param sdkAppId   the app's SDKAppID, positive
     * @param secretKey  the app's secret key as the console shows it; used as text, not hex-decoded
     * @param identifier the user the UserSig is for (the admin APIs want the app admin, by default
     *                   {@code administrator}); any text with no unpaired surrogate
     * @param expire     lifetime, whole seconds, not negative: the UserSig is valid until {@code now + expire}
     * @param now        issue time, written as whole seconds (fractions are dropped, as the vendor does); not before
     *                   1970
     * @return the UserSig, URL-safe as it is
     * @throws IllegalArgumentException if an argument is outside the ranges above
     */
    public static String generate(long sdkAppId, String secretKey, String identifier, Duration expire, Instant now) {
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(expire, "expire");
        Objects.requireNonNull(now, "now");
        if (sdkAppId <= 0) {
            throw new IllegalArgumentException("sdkAppId must be positive, got " + sdkAppId);
        }
        if (secretKey.isEmpty()) {
            throw new IllegalArgumentException("secretKey is empty");
        }
        if (!JsonText.isWellFormed(identifier)) {
            throw new IllegalArgumentException("identifier has an unpaired surrogate");
        }
        if (expire.isNegative() || expire.getNano() != 0) {
            throw new IllegalArgumentException("expire must be whole seconds, not negative, got " + expire);
        }
        if (now.getEpochSecond() < 0) {
            throw new IllegalArgumentException("now must not be before 1970, got " + now);
        }
        long time = now.getEpochSecond();
        long expireSeconds = expire.getSeconds();
        String sig = SigContent.hmacBase64(SigContent.key(secretKey),
                SigContent.of(identifier, sdkAppId, time, expireSeconds, null));
        // Field order and number format as the vendor's JSON.stringify of its sigDoc object.
        String document = "{\"TLS.ver\":\"2.0\""
                + ",\"TLS.identifier\":" + JsonText.quote(identifier)
                + ",\"TLS.sdkappid\":" + sdkAppId
                + ",\"TLS.time\":" + time
                + ",\"TLS.expire\":" + expireSeconds
                + ",\"TLS.sig\":" + JsonText.quote(sig)
                + "}";
        return SigEncoding.encode(document.getBytes(StandardCharsets.UTF_8));
    }
}
