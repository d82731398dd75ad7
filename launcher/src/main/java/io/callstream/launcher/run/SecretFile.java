package io.callstream.launcher.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A secret the local mode generates once and keeps in the data directory (the demo app's key, the cluster secret, the
 * callback token): one line of hex, readable by its owner only, so that a restart keeps what was handed out valid.
 */
final class SecretFile {

    private SecretFile() {
    }

    /** The secret in {@code file}; empty when there is no such file (nothing is written). */
    static Optional<String> read(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String persisted = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (persisted.isEmpty()) {
                throw new IllegalStateException(file + " is empty: delete it to have a new " + what + " generated");
            }
            return Optional.of(persisted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what + " in " + file, e);
        }
    }

    /** A new random secret of {@code bytes} bytes, as hex, written to {@code file} (owner-only where supported). */
    static String generate(Path file, int bytes, String what) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        try {
            Files.createDirectories(file.getParent());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what + " to " + file, e);
        }
        return secret;
    }
}
