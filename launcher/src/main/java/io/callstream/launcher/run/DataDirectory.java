package io.callstream.launcher.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The launcher's local directory, kept across restarts:
 * <pre>
 *   kafka/          the embedded broker's log directory (topics, offsets, transactions, KRaft metadata)
 *   streams/        the Streams app's state stores (RocksDB); rebuilt from Kafka if lost
 *   secret.key      the generated secret key of the demo app, so UserSigs stay valid across restarts
 *   cluster.secret  the generated secret the Streams app's instances sign their requests to each other with
 *   callback.token  the generated token the gateway's callback URL carries, so printed and registered URLs stay valid
 * </pre>
 */
public final class DataDirectory {

    /** Where it is unless configured: next to where the launcher is started, hidden. */
    public static final Path DEFAULT = Path.of(".callstream", "data");
    public static final String VARIABLE = "CALLSTREAM_DATA_DIR";

    private final Path root;

    public DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path streamsState() {
        return root.resolve("streams");
    }

    public Path secretKeyFile() {
        return root.resolve("secret.key");
    }

    public Path clusterSecretFile() {
        return root.resolve("cluster.secret");
    }

    public Path callbackTokenFile() {
        return root.resolve("callback.token");
    }

    public void create() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root, e);
        }
    }

    /**
     * {@code --fresh}: deletes the broker's data and the Streams state, so the next start begins with empty topics.
     * The secret key, the cluster secret and the callback token stay: they are configuration, not data, and what was
     * made with them (UserSigs in scripts, a callback URL registered with a sender) keeps working.
     */
    public void wipeData() {
        deleteTree(kafka());
        deleteTree(streamsState());
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException error) throws IOException {
                    if (error != null) {
                        throw error;
                    }
                    deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void deleteIfExists(Path path) throws IOException {
        try {
            Files.deleteIfExists(path);
        } catch (NoSuchFileException e) {
            // gone already
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
