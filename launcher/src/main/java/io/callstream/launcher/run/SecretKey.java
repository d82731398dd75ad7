package io.callstream.launcher.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The demo app's secret key, which signs and checks UserSigs: {@code CALLSTREAM_SECRET_KEY} when set, else the one
 * persisted in the data directory, else a new random one, persisted there (readable by the owner only) so that a
 * restart keeps every UserSig valid.
 *
 * @param value  the key, as a console would show it (64 hex characters when generated)
 * @param origin where it came from, for the startup message
 */
public record SecretKey(String value, Origin origin) {

    public static final String VARIABLE = "CALLSTREAM_SECRET_KEY";

    public enum Origin { ENVIRONMENT, PERSISTED, GENERATED }

    /** The key from the environment or the data directory; empty when neither has one (nothing is written). */
    public static Optional<SecretKey> find(Map<String, String> env, DataDirectory data) {
        String fromEnv = env.get(VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new SecretKey(fromEnv.trim(), Origin.ENVIRONMENT));
        }
        return SecretFile.read(data.secretKeyFile(), "secret key").map(key -> new SecretKey(key, Origin.PERSISTED));
    }

    /** {@link #find}, or a new key written to the data directory. */
    public static SecretKey findOrGenerate(Map<String, String> env, DataDirectory data) {
        return find(env, data).orElseGet(() -> new SecretKey(SecretFile.generate(data.secretKeyFile(), 32, "secret key"),
                Origin.GENERATED));
    }

    /**
     * The first 8 hex digits of the key's SHA-256 (of its text, UTF-8): enough to tell which key is in use, and to
     * compare with {@code printf %s "$KEY" | sha256sum | cut -c1-8}, without showing it.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Never the key itself: records end up in logs. */
    @Override
    public String toString() {
        return "SecretKey[" + origin + "]";
    }
}
