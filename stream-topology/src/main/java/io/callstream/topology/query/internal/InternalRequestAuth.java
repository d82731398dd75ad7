package io.callstream.topology.query.internal;

import io.callstream.service.Env;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the requests one instance sends another and checks them on arrival: an HMAC-SHA256, keyed with the cluster
 * secret every instance shares ({@value #VARIABLE}), over the method, the request URI (path and query, as sent), the
 * time of signing and the SHA-256 of the body. A request is accepted within {@link #VALIDITY} of its signing time,
 * either way (clock skew), so a captured request cannot be replayed later; within that window a replay can only
 * repeat a read whose answer its captor has already seen.
 *
 * <p>The headers are checked before the body is read ({@link #check}), and the body against the signed digest once
 * read ({@link #bodyMatches}), so an unauthenticated caller never gets a body buffered. No message or {@link #toString}
 * contains the secret.
 */
public final class InternalRequestAuth {

    public static final String VARIABLE = "CALLSTREAM_CLUSTER_SECRET";
    /** Long enough that guessing it is out of reach: 32 characters, e.g. {@code openssl rand -hex 32} gives 64. */
    public static final int MIN_SECRET_LENGTH = 32;
    /** How far a request's signing time may be from the receiver's clock. */
    public static final Duration VALIDITY = Duration.ofSeconds(30);

    public static final String TIMESTAMP = "x-callstream-timestamp";
    public static final String CONTENT_SHA256 = "x-callstream-content-sha256";
    public static final String SIGNATURE = "x-callstream-signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final String SCHEME = "CALLSTREAM-HMAC-SHA256";
    private static final HexFormat HEX = HexFormat.of();

    /** Why a request was refused; only logs and metrics see it, the caller gets a bare 401. */
    public enum Verdict { ACCEPTED, MISSING, MALFORMED, EXPIRED, BAD_SIGNATURE }

    private final SecretKeySpec key;
    private final Clock clock;

    public InternalRequestAuth(String secret, Clock clock) {
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
            throw new Env.ConfigException(VARIABLE + " must be at least " + MIN_SECRET_LENGTH
                    + " characters (e.g. the output of: openssl rand -hex 32)");
        }
        this.key = new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    /** Reads {@value #VARIABLE}, which must be set (Env masks its value in the effective-configuration log). */
    public static InternalRequestAuth from(Env env) {
        return new InternalRequestAuth(env.required(VARIABLE, "the query APIs are on (CALLSTREAM_SECRET_KEYS is set), "
                + "so the instances authenticate each other with this secret: set the same random value, at least "
                + MIN_SECRET_LENGTH + " characters, on every instance (e.g. the output of: openssl rand -hex 32)"),
                Clock.systemUTC());
    }

    /** The headers that authenticate this request, signed now. */
    public Map<String, String> sign(String method, String uri, byte[] body) {
        String timestamp = Long.toString(clock.millis());
        String digest = sha256(body);
        return Map.of(TIMESTAMP, timestamp, CONTENT_SHA256, digest,
                SIGNATURE, HEX.formatHex(mac(method, uri, timestamp, digest)));
    }

    /**
     * Checks a request's headers: present, well-formed, signed within {@link #VALIDITY} of now, with this secret.
     *
     * @param headers a request header by (lower-case) name; null when absent
     */
    public Verdict check(String method, String uri, Function<String, String> headers) {
        String timestamp = headers.apply(TIMESTAMP);
        String digest = headers.apply(CONTENT_SHA256);
        String signature = headers.apply(SIGNATURE);
        if (timestamp == null || digest == null || signature == null) {
            return Verdict.MISSING;
        }
        long signedAt;
        byte[] given;
        try {
            signedAt = Long.parseLong(timestamp);
            given = HEX.parseHex(signature);
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (digest.length() != 64) {
            return Verdict.MALFORMED;
        }
        // Subtracting could overflow for an absurd timestamp; comparing against the window's ends cannot.
        long now = clock.millis();
        if (signedAt < now - VALIDITY.toMillis() || signedAt > now + VALIDITY.toMillis()) {
            return Verdict.EXPIRED;
        }
        return MessageDigest.isEqual(mac(method, uri, timestamp, digest), given) ? Verdict.ACCEPTED : Verdict.BAD_SIGNATURE;
    }

    /** Whether a body is the one whose digest the (already checked) headers signed. */
    public static boolean bodyMatches(String signedDigest, byte[] body) {
        return signedDigest != null && MessageDigest.isEqual(sha256(body).getBytes(StandardCharsets.US_ASCII),
                signedDigest.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String method, String uri, String timestamp, String digest) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe, and cheap to get
            mac.init(key);
            String canonical = SCHEME + '\n' + method + '\n' + uri + '\n' + timestamp + '\n' + digest;
            return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "InternalRequestAuth[secret hidden]";
    }
}
