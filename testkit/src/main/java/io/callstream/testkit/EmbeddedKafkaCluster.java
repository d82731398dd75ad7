package io.callstream.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft broker (combined broker and controller) inside the test JVM, built with Kafka's own test
 * kit: loopback listener on a free port, storage in a temporary directory that is deleted on close.
 */
final class EmbeddedKafkaCluster extends ClientBackedCluster {

    private final KafkaClusterTestKit kit;
    private final String bootstrapServers;

    EmbeddedKafkaCluster() throws Exception {
        this(0);
    }

    /**
     * @param advertisedPort when positive, the broker tells clients to connect on this loopback port instead of the
     *                       one it listens on, so that a {@link TcpProxy} there sits between it and every client
     */
    EmbeddedKafkaCluster(int advertisedPort) throws Exception {
        Path baseDir = Files.createTempDirectory("callstream-kafka-");
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(baseDir)
                // What a production cluster runs, not the test kit's default of the newest unstable version.
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        if (advertisedPort > 0) {
            builder.setConfigProp("advertised.listeners",
                    nodes.brokerListenerName().value() + "://localhost:" + advertisedPort);
        }
        this.kit = builder
                // A single broker can only hold one replica of the internal topics; without these, consumers never
                // find their group coordinator and transactional producers never find theirs.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "5")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "5")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("default.replication.factor", "1")
                .setConfigProp("min.insync.replicas", "1")
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("unstable.api.versions.enable", "false")
                .setConfigProp("unstable.feature.versions.enable", "false")
                // Compaction tests must see the cleaner run within seconds, not the production minute.
                .setConfigProp("log.cleaner.backoff.ms", "500")
                .setDeleteOnClose(true)
                .build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            kit.close();
            throw e;
        }
        this.bootstrapServers = kit.bootstrapServers();
    }

    @Override
    public Kind kind() {
        return Kind.EMBEDDED;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            kit.close();
        }
    }
}
