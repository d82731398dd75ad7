package io.callstream.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A private embedded broker that every client reaches through a {@link TcpProxy}: {@link #cutNetwork()} makes Kafka
 * unreachable for clients while the broker keeps running, {@link #restoreNetwork()} brings it back. For outage tests;
 * not shared, so the test closes it.
 */
public final class PartitionableKafkaCluster extends ClientBackedCluster {

    private final EmbeddedKafkaCluster broker;
    private final TcpProxy proxy;

    private PartitionableKafkaCluster(EmbeddedKafkaCluster broker, TcpProxy proxy) {
        this.broker = broker;
        this.proxy = proxy;
    }

    public static PartitionableKafkaCluster start() {
        try {
            int proxyPort;
            try (ServerSocket probe = new ServerSocket(0)) {
                proxyPort = probe.getLocalPort();
            }
            EmbeddedKafkaCluster broker = new EmbeddedKafkaCluster(proxyPort);
            String[] hostPort = broker.bootstrapServers().split(",")[0].split(":");
            TcpProxy proxy = new TcpProxy(proxyPort, new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
            return new PartitionableKafkaCluster(broker, proxy);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a partitionable Kafka broker: " + e, e);
        }
    }

    @Override
    public Kind kind() {
        return Kind.EMBEDDED;
    }

    /** Through the proxy, so that clients lose the broker when the network is cut. */
    @Override
    public String bootstrapServers() {
        return "localhost:" + proxy.port();
    }

    public void cutNetwork() {
        proxy.cut();
    }

    public void restoreNetwork() {
        proxy.restore();
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            try {
                proxy.close();
            } catch (IOException e) {
                // closing anyway
            }
            broker.close();
        }
    }
}
