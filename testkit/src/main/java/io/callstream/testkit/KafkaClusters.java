package io.callstream.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** Chooses and starts the cluster tests run against (see {@link KafkaClusterExtension} for the order). */
public final class KafkaClusters {

    static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    static final String FORCE_KIND = "CALLSTREAM_TEST_KAFKA";
    static final String IMAGE = "CALLSTREAM_TEST_KAFKA_IMAGE";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusters.class);

    private KafkaClusters() {
    }

    /** Starts the cluster this environment calls for. */
    static KafkaCluster start() {
        return start(System.getenv());
    }

    static KafkaCluster start(Map<String, String> env) {
        KafkaCluster.Kind kind = choose(env);
        long started = System.nanoTime();
        KafkaCluster cluster = switch (kind) {
            case EXTERNAL -> new ExternalKafkaCluster(env.get(BOOTSTRAP_ENV), env);
            case CONTAINER -> new ContainerKafkaCluster(setting(env, IMAGE, ContainerKafkaCluster.DEFAULT_IMAGE));
            case EMBEDDED -> startEmbedded();
        };
        LOG.info("Kafka for tests: {} cluster at {} (ready in {} ms)", kind, cluster.bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000);
        return cluster;
    }

    /**
     * Starts a private embedded broker that is not shared: for tests that stop or break the broker. The caller closes
     * it.
     */
    public static KafkaCluster startEmbedded() {
        try {
            return new EmbeddedKafkaCluster();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker: " + e, e);
        }
    }

    static KafkaCluster.Kind choose(Map<String, String> env) {
        String forced = setting(env, FORCE_KIND, "");
        if (!forced.isBlank()) {
            return KafkaCluster.Kind.valueOf(forced.trim().toUpperCase(Locale.ROOT));
        }
        if (!setting(env, BOOTSTRAP_ENV, "").isBlank()) {
            return KafkaCluster.Kind.EXTERNAL;
        }
        return dockerReachable(env) ? KafkaCluster.Kind.CONTAINER : KafkaCluster.Kind.EMBEDDED;
    }

    /**
     * Asks Testcontainers only when there is a sign of a Docker engine: its probe of every strategy is slow and loud
     * on a machine that has none.
     */
    private static boolean dockerReachable(Map<String, String> env) {
        boolean hint = env.containsKey("DOCKER_HOST")
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!hint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            LOG.info("Docker not usable ({}); using the embedded broker", e.toString());
            return false;
        }
    }

    private static String setting(Map<String, String> env, String name, String fallback) {
        String value = System.getProperty(name, env.get(name));
        return value == null ? fallback : value;
    }
}
