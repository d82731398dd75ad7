package io.callstream.launcher.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, persistent single-node KRaft broker in this JVM: the same {@link KafkaRaftServer} that
 * {@code kafka-server-start.sh} runs, on storage formatted once by Kafka's own {@code Formatter}. Its data stays in
 * {@code logDir} across restarts: a restart finds the directory formatted and starts on it, with every topic, offset
 * and transaction as it was left.
 *
 * <p>Not Kafka's {@code KafkaClusterTestKit} (which the testkit uses): it is a test artifact that formats on every
 * build, derives its node directories itself and is built for throw-away clusters, so keeping one cluster across runs
 * would mean working against it. The server class and formatter are the production path.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String clusterId;
    private final boolean formattedNow;
    private volatile boolean closed;

    private EmbeddedBroker(KafkaRaftServer server, String bootstrapServers, String clusterId, boolean formattedNow) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
        this.formattedNow = formattedNow;
    }

    /**
     * Formats {@code logDir} if it is new, starts the broker and waits until it answers clients.
     *
     * @param host           the loopback address it listens on and advertises
     * @param port           the client port
     * @param controllerPort the KRaft controller port (internal; any free port, it may change between runs)
     */
    public static EmbeddedBroker start(Path logDir, String host, int port, int controllerPort) throws Exception {
        quietBrokerLoggers();
        Map<String, String> props = BrokerProperties.of(logDir, host, port, controllerPort);
        KafkaConfig config = new KafkaConfig(props, false);
        BrokerStorage.Formatted storage = BrokerStorage.formatIfNeeded(config, logDir);
        long started = System.nanoTime();
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        String bootstrap = host + ":" + port;
        try {
            server.startup();
            awaitClients(bootstrap);
        } catch (Exception | Error e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        LOG.atInfo().addKeyValue("bootstrapServers", bootstrap).addKeyValue("clusterId", storage.clusterId())
                .addKeyValue("logDir", logDir).addKeyValue("formattedNow", storage.justNow())
                .addKeyValue("tookMs", (System.nanoTime() - started) / 1_000_000).log("embedded Kafka broker started");
        return new EmbeddedBroker(server, bootstrap, storage.clusterId(), storage.justNow());
    }

    /**
     * The broker logs partition and request state changes at INFO under names outside {@code kafka.*}: a line per
     * partition and per start, which buries what the launcher prints. Warnings still show.
     */
    private static void quietBrokerLoggers() {
        for (String name : new String[] {"state.change.logger", "kafka.request.logger"}) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger && logger.getLevel() == null) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    /** Waits until a client sees the broker in the cluster's metadata, that is, registered and serving. */
    private static void awaitClients(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String clusterId() {
        return clusterId;
    }

    /** True when this start formatted new storage; false when it reused what an earlier run left. */
    public boolean formattedNow() {
        return formattedNow;
    }

    /** Controlled shutdown: the broker closes its logs cleanly, so the next start needs no recovery. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        LOG.atInfo().addKeyValue("tookMs", (System.nanoTime() - started) / 1_000_000).log("embedded Kafka broker stopped");
    }
}
