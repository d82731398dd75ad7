package io.callstream.launcher.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
        Path file = data.secretKeyFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String persisted = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (persisted.isEmpty()) {
                throw new IllegalStateException(file + " is empty: delete it to have a new key generated");
            }
            return Optional.of(new SecretKey(persisted, Origin.PERSISTED));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret key in " + file, e);
        }
    }

    /** {@link #find}, or a new key written to the data directory. */
    public static SecretKey findOrGenerate(Map<String, String> env, DataDirectory data) {
        return find(env, data).orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = HexFormat.of().formatHex(random);
            write(data.secretKeyFile(), key);
            return new SecretKey(key, Origin.GENERATED);
        });
    }

    private static void write(Path file, String key) {
        try {
            Files.createDirectories(file.getParent());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret key to " + file, e);
        }
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
