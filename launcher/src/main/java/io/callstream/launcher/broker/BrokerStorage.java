package io.callstream.launcher.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's storage directory: formatted once, as {@code kafka-storage.sh format} does, and reused as it is on
 * every later start. A formatted directory holds {@code meta.properties} (cluster id, node id, directory id) and the
 * metadata log; the broker checks them itself when it starts.
 */
final class BrokerStorage {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerStorage.class);
    static final String META_PROPERTIES = "meta.properties";

    private BrokerStorage() {
    }

    /** The cluster id of a formatted directory; empty when it was never formatted. */
    static Optional<String> clusterIdOf(Path logDir) throws IOException {
        Path meta = logDir.resolve(META_PROPERTIES);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return Optional.ofNullable(properties.getProperty("cluster.id"));
    }

    /**
     * Formats the directory with a new cluster id unless it is formatted already.
     *
     * @return the cluster id, and whether it was formatted just now
     */
    static Formatted formatIfNeeded(KafkaConfig config, Path logDir) throws Exception {
        Optional<String> existing = clusterIdOf(logDir);
        if (existing.isPresent()) {
            return new Formatted(existing.get(), false);
        }
        Files.createDirectories(logDir);
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setUnstableFeatureVersionsEnabled(false)
                .run();
        LOG.atDebug().addKeyValue("output", output.toString(StandardCharsets.UTF_8).trim()).log("formatted broker storage");
        return new Formatted(clusterId, true);
    }

    record Formatted(String clusterId, boolean justNow) {
    }
}
