package io.callstream.launcher.run;

import io.callstream.gateway.Gateway;
import io.callstream.gateway.GatewayConfig;
import io.callstream.gateway.callback.CallbackTokens;
import io.callstream.launcher.broker.EmbeddedBroker;
import io.callstream.launcher.demo.DemoTarget;
import io.callstream.launcher.demo.DemoTraffic;
import io.callstream.launcher.demo.DemoTrafficLoader;
import io.callstream.schemas.topic.TopicSpec;
import io.callstream.schemas.topic.Topics;
import io.callstream.service.Env;
import io.callstream.service.KafkaSettings;
import io.callstream.service.Metrics;
import io.callstream.topology.app.StreamsApp;
import io.callstream.topology.app.StreamsAppConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * callstream running in this JVM: the embedded broker (unless an external cluster is configured), the topics, the
 * Streams app with its query APIs, the gateway, and the demo traffic, each started through its module's own start
 * path. {@link #close} stops them in reverse: demo traffic, then the gateway drains (every callback in progress is
 * answered, the producer flushed), then Streams commits and closes, then the broker shuts down cleanly.
 */
public final class Callstream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Callstream.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration STREAMS_READY_TIMEOUT = Duration.ofSeconds(90);

    private final LaunchSettings settings;
    private final Deque<Stoppable> started = new ArrayDeque<>();
    private SecretKey key;
    private CallbackToken token;
    private boolean callbacksAuthenticated;
    private EmbeddedBroker broker;
    private String kafkaPortNote;
    private String bootstrapServers;
    private List<String> topicsCreated = List.of();
    private Gateway gateway;
    private URI callbackUrl;
    private StreamsApp streams;
    private String adminIdentifier;
    private String demoDescription;

    private Callstream(LaunchSettings settings) {
        this.settings = settings;
    }

    /** Starts everything the settings ask for; on failure, stops what had started and throws. */
    public static Callstream start(LaunchSettings settings) throws Exception {
        Callstream callstream = new Callstream(settings);
        try {
            callstream.startAll();
            return callstream;
        } catch (Exception | Error e) {
            callstream.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Optional<DemoTraffic> demo = Optional.empty();
        if (settings.demo()) {
            if (!settings.role().runsGateway()) {
                throw new LaunchException("--demo sends calls to this process's gateway: use it with --role all or gateway");
            }
            demo = Optional.of(DemoTrafficLoader.find().orElseThrow(() -> new LaunchException(
                    "--demo needs a demo traffic implementation on the class path, and this build has none")));
            demoDescription = demo.get().name() + ", " + demo.get().configure(new Env(settings.env()));
        }
        DataDirectory data = settings.data();
        if (settings.fresh()) {
            data.wipeData();
            LOG.atInfo().addKeyValue("dataDir", data).log("--fresh: deleted the broker's data and the Streams state");
        }
        data.create();
        key = resolveKey();
        String clusterSecret = ClusterSecret.forLocalMode(settings).orElse(null);
        token = resolveToken();

        // Configuration first, from the same environment the services will read, so a bad value or a taken port is
        // reported before anything starts. Each service reads its own settings only, and only when it runs here: a
        // process without the gateway needs none of the gateway's required settings, and the other way round.
        Map<String, String> preliminary = ServiceEnvironment.of(settings, null, key, clusterSecret, token);
        Optional<GatewayConfig> gatewayConfig = gatewayConfig(preliminary);
        Optional<StreamsAppConfig> streamsConfig = streamsConfig(preliminary);
        adminIdentifier = streamsConfig.map(c -> c.queryApi().adminIdentifier()).orElse(null);
        if (gatewayConfig.isPresent()) {
            Ports.requireFree(gatewayConfig.get().host(), gatewayConfig.get().port(), "The gateway", "--gateway-port");
        }
        if (streamsConfig.isPresent()) {
            Ports.requireFree(streamsConfig.get().host(), streamsConfig.get().port(), "The query API", "--query-port");
            streamsConfig.get().internal().ifPresent(internal -> Ports.requireFree(internal.host(), internal.port(),
                    "The instances' internal query listener", "CALLSTREAM_INTERNAL_PORT"));
        }

        if (settings.embeddedBroker()) {
            startBroker(data);
        } else {
            bootstrapServers = settings.externalBootstrap().orElseThrow();
        }
        Map<String, String> env = ServiceEnvironment.of(settings, settings.embeddedBroker() ? bootstrapServers : null, key,
                clusterSecret, token);
        gatewayConfig = gatewayConfig(env);
        callbacksAuthenticated = gatewayConfig.map(c -> c.callbackTokens().required()).orElse(false);
        streamsConfig = streamsConfig(env);

        if (settings.embeddedBroker() || settings.createTopics()) {
            topicsCreated = TopicSetup.ensure(KafkaSettings.forRole(new Env(env), "ADMIN"), topics(gatewayConfig, streamsConfig));
        }
        if (streamsConfig.isPresent()) {
            Metrics metrics = new Metrics("callstream-topology");
            started.push(new Stoppable("metrics of the Streams app", metrics));
            streams = StreamsApp.start(streamsConfig.get(), metrics.registry());
            started.push(new Stoppable("Streams app", streams));
        }
        if (gatewayConfig.isPresent()) {
            // One registry per service, each tagged as when it runs alone, so dashboards and alerts work unchanged.
            Metrics metrics = new Metrics("callstream-gateway");
            started.push(new Stoppable("metrics of the gateway", metrics));
            gateway = Gateway.start(gatewayConfig.get(), metrics.registry()).toCompletionStage().toCompletableFuture().join();
            started.push(new Stoppable("gateway", gateway));
            callbackUrl = callbackUrl(gatewayConfig.get());
        }
        if (streams != null) {
            awaitStreamsRunning();
        }
        if (demo.isPresent()) {
            AutoCloseable traffic = demo.get().start(new DemoTarget(callbackUrl(), sdkAppId(),
                    adminIdentifier, key == null ? null : key.value(), streams == null ? null : URI.create(queryUrl())));
            started.push(new Stoppable("demo traffic", traffic));
        }
    }

    /** The gateway's first callback path, with the token as its last segment when the gateway requires one. */
    private URI callbackUrl(GatewayConfig config) {
        String path = config.callbackPaths().get(0);
        String segment = config.callbackTokens().current()
                .map(t -> (path.endsWith("/") ? "" : "/") + URLEncoder.encode(t, StandardCharsets.UTF_8)).orElse("");
        return URI.create(gatewayUrl() + path + segment);
    }

    /**
     * The local mode (the embedded broker) has a callback token from its first start, kept in the data directory; an
     * operator's {@code CALLSTREAM_CALLBACK_TOKEN} (a token, or {@code none}) wins. Against an external cluster the
     * gateway's own rule holds: a token or an explicit {@code none}, else it refuses to start.
     */
    private CallbackToken resolveToken() {
        String configured = settings.env().get(CallbackTokens.VARIABLE);
        return settings.role().runsGateway() && settings.embeddedBroker() && (configured == null || configured.isBlank())
                ? CallbackToken.findOrGenerate(settings.data()) : null;
    }

    private SecretKey resolveKey() {
        Optional<SecretKey> found = SecretKey.find(settings.env(), settings.data());
        if (found.isPresent()) {
            return found.get();
        }
        // An operator who configured CALLSTREAM_SECRET_KEYS gets no generated key (and no file written); the local
        // mode gets one so that its query APIs are on from the first start.
        boolean keysConfigured = settings.env().containsKey(ServiceEnvironment.SECRET_KEYS);
        return settings.role().runsTopology() && !keysConfigured ? SecretKey.findOrGenerate(settings.env(), settings.data()) : null;
    }

    private void startBroker(DataDirectory data) throws Exception {
        int port;
        if (settings.kafkaPort().isPresent()) {
            port = settings.kafkaPort().getAsInt();
            Ports.requireFree(LOOPBACK, port, "The embedded Kafka broker", "--kafka-port");
            port = port == 0 ? Ports.anyFree(LOOPBACK) : port;
        } else if (Ports.isFree(LOOPBACK, LaunchSettings.DEFAULT_KAFKA_PORT)) {
            port = LaunchSettings.DEFAULT_KAFKA_PORT;
        } else {
            port = Ports.anyFree(LOOPBACK);
            kafkaPortNote = "port " + LaunchSettings.DEFAULT_KAFKA_PORT + " is in use, so the embedded broker listens on "
                    + port + " instead (choose one with --kafka-port)";
            LOG.warn(kafkaPortNote);
        }
        broker = EmbeddedBroker.start(data.kafka(), LOOPBACK, port, Ports.anyFree(LOOPBACK));
        started.push(new Stoppable("embedded Kafka broker", broker));
        bootstrapServers = broker.bootstrapServers();
    }

    /** The gateway's configuration when this process runs the gateway. */
    private Optional<GatewayConfig> gatewayConfig(Map<String, String> env) {
        return settings.role().runsGateway() ? Optional.of(GatewayConfig.from(new Env(env))) : Optional.empty();
    }

    /** The Streams app's configuration when this process runs the Streams app. */
    private Optional<StreamsAppConfig> streamsConfig(Map<String, String> env) {
        return settings.role().runsTopology() ? Optional.of(StreamsAppConfig.from(new Env(env))) : Optional.empty();
    }

    /** The topics of the services this process runs, named as the services are configured to name them. */
    private static List<TopicSpec> topics(Optional<GatewayConfig> gateway, Optional<StreamsAppConfig> streams) {
        Set<TopicSpec> topics = new LinkedHashSet<>();
        gateway.ifPresent(g -> {
            topics.add(Topics.EVENTS.withName(g.eventsTopic()));
            topics.add(Topics.EVENTS_DLQ.withName(g.deadLetterTopic()));
        });
        streams.ifPresent(s -> {
            topics.add(Topics.EVENTS.withName(s.topology().eventsTopic()));
            topics.add(Topics.TOPOLOGY_DLQ.withName(s.topology().deadLetterTopic()));
            topics.add(Topics.CALL_RECORDS.withName(s.topology().recordsTopic()));
            topics.add(Topics.CONCURRENCY.withName(s.topology().stats().concurrencyTopic()));
            topics.add(Topics.DAILY_STATS.withName(s.topology().stats().dailyTopic()));
        });
        return List.copyOf(topics);
    }

    /** The query APIs answer 101001 until Streams runs: the startup message waits for it so its curls work at once. */
    private void awaitStreamsRunning() throws InterruptedException {
        long deadline = System.nanoTime() + STREAMS_READY_TIMEOUT.toNanos();
        while (streams.streams().state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                LOG.atWarn().addKeyValue("state", streams.streams().state())
                        .log("Kafka Streams is not RUNNING yet; queries answer 101001 until it is");
                return;
            }
            Thread.sleep(100);
        }
    }

    public LaunchSettings settings() {
        return settings;
    }

    public long sdkAppId() {
        return ServiceEnvironment.sdkAppId(settings);
    }

    public String adminIdentifier() {
        return adminIdentifier;
    }

    /** The demo app's key; null when the query APIs use keys from {@code CALLSTREAM_SECRET_KEYS} only. */
    public SecretKey secretKey() {
        return key;
    }

    /** The local mode's callback token; null when {@code CALLSTREAM_CALLBACK_TOKEN} is set or a cluster is used. */
    public CallbackToken callbackToken() {
        return token;
    }

    /** False when the operator opted out of the callback token ({@code CALLSTREAM_CALLBACK_TOKEN=none}). */
    public boolean callbacksAuthenticated() {
        return callbacksAuthenticated;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Optional<EmbeddedBroker> broker() {
        return Optional.ofNullable(broker);
    }

    public Optional<String> kafkaPortNote() {
        return Optional.ofNullable(kafkaPortNote);
    }

    public List<String> topicsCreated() {
        return topicsCreated;
    }

    public Optional<Gateway> gateway() {
        return Optional.ofNullable(gateway);
    }

    public Optional<StreamsApp> streams() {
        return Optional.ofNullable(streams);
    }

    /** The demo traffic's name and what it sends, e.g. {@code callkit-emulator, 2 calls/s (CALLSTREAM_DEMO_RATE)}. */
    public Optional<String> demoDescription() {
        return Optional.ofNullable(demoDescription);
    }

    /** Where callbacks go: the gateway's first callback path, token included; null when this process runs no gateway. */
    public URI callbackUrl() {
        return callbackUrl;
    }

    /** {@code http://localhost:<port>} of the gateway; null when this process runs none. */
    public String gatewayUrl() {
        return gateway == null ? null : "http://localhost:" + gateway.port();
    }

    /** {@code http://localhost:<port>} of the query APIs; null when this process runs no Streams app. */
    public String queryUrl() {
        return streams == null ? null : "http://localhost:" + streams.port();
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            Stoppable next = started.pop();
            try {
                next.service().close();
            } catch (Exception e) {
                LOG.atWarn().setCause(e).log("{} did not stop cleanly", next.name());
            }
        }
    }

    private record Stoppable(String name, AutoCloseable service) {
    }

    /** A launch that cannot go ahead, with a message for the person who started it. */
    public static final class LaunchException extends RuntimeException {
        public LaunchException(String message) {
            super(message);
        }
    }
}
