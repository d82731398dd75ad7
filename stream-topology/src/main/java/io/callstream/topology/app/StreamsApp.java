package io.callstream.topology.app;

import io.callstream.service.OpsRoutes;
import io.callstream.service.http.ConnectionGuard;
import io.callstream.service.http.RefusalLog;
import io.callstream.topology.CallRecordTopology;
import io.callstream.topology.StatsConfig;
import io.callstream.topology.TopologyConfig;
import io.callstream.topology.deadletter.DeadLetters;
import io.callstream.topology.query.analyst.AnalystRoutes;
import io.callstream.topology.query.auth.AdminAuth;
import io.callstream.topology.query.auth.UserSigSignatureCheck;
import io.callstream.topology.query.cluster.InternalQueryRoutes;
import io.callstream.topology.query.cluster.QueryCluster;
import io.callstream.topology.query.cluster.StreamsRecordQueries;
import io.callstream.topology.query.dashboard.DashboardRoutes;
import io.callstream.topology.query.internal.InternalApi;
import io.callstream.topology.query.local.KafkaStreamsLocalStores;
import io.callstream.topology.query.local.LocalPartitions;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.record.EventsRetention;
import io.callstream.topology.query.local.LocalRecordQueries;
import io.callstream.topology.query.stats.StatsInternalRoutes;
import io.callstream.topology.query.stats.StatsQueries;
import io.callstream.topology.query.stats.StreamsStatsQueries;
import io.callstream.topology.query.vendor.VendorQueryRoutes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Streams application: the topology, an HTTP server for its operational endpoints and the query APIs (the
 * public listener), and, when the query APIs are on, a second one on which the instances answer each other's parts of
 * a query (the internal listener, every request signed with the cluster secret). {@link #close} stops it cleanly: not
 * ready, Streams closed (committing its last transaction), servers closed.
 */
public final class StreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    /** How often the live-calls gauge is counted again: well within a scrape interval. */
    private static final Duration LIVE_GAUGE_EVERY = Duration.ofSeconds(5);

    private final StreamsAppConfig config;
    private final Vertx vertx;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Counter replaced;
    private final int streamThreads;
    private volatile long lastThreadFailureMs;
    private HttpServer server;
    private HttpServer internalServer;

    private StreamsApp(StreamsAppConfig config, Vertx vertx, Properties streamsProperties, PrometheusMeterRegistry registry) {
        this.config = config;
        this.vertx = vertx;
        // What the topic keeps is read from it; CALLSTREAM_LOG_ALL_FACTS (an unreliable configured one) still holds.
        EventsRetention eventsRetention = EventsTopicRetention.read(streamsProperties, config.topology().eventsTopic());
        if (!config.topology().timings().eventsRetention().reliable()) {
            eventsRetention = eventsRetention.unreliable();
        }
        TopologyConfig fold = config.topology().withEventsRetention(eventsRetention);
        if (eventsRetention.reliable() && fold.timings().logFactsAfter(fold.limits().catchUpLag()).isNegative()) {
            LOG.atWarn().addKeyValue("topic", config.topology().eventsTopic())
                    .log("the events topic's retention.ms exceeds the state retention by less than the idle timeout, "
                            + "the settle delay, the catch-up lag and an hour together: the fold logs every fact");
        }
        var topology = CallRecordTopology.build(fold
                .withListener(new MeteredFoldListener(registry))
                .withStats(config.topology().stats().withListener(new MeteredStatsListener(registry))));
        // The dead-letter handlers are made by Kafka Streams from its settings: the registry reaches them through those.
        streamsProperties.put(DeadLetters.METER_REGISTRY_CONFIG, registry);
        this.streams = new KafkaStreams(topology, streamsProperties);
        this.streamThreads = Integer.parseInt(String.valueOf(streamsProperties.getOrDefault(
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1")));
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        ThreadReplacements.Budget budget = config.threadReplacements().budget(Clock.systemUTC());
        this.replaced = Counter.builder("callstream.topology.thread.replacements")
                .description("Stream threads that failed and were replaced").register(registry);
        streams.setUncaughtExceptionHandler(e -> {
            lastThreadFailureMs = System.currentTimeMillis();
            if (budget.tryReplace()) {
                replaced.increment();
                LOG.atError().setCause(e).log("stream thread failed; replacing it");
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            LOG.atError().setCause(e).addKeyValue("max", config.threadReplacements().max())
                    .addKeyValue("window", config.threadReplacements().window())
                    .log("stream thread failed again after the most replacements allowed in the window; shutting down");
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((next, previous) -> LOG.atInfo().addKeyValue("from", previous).addKeyValue("to", next)
                .log("Kafka Streams state changed"));
    }

    /**
     * Starts the internal listener first (Kafka Streams advertises its port to the other instances, and with port 0 it
     * is known only once bound), then the topology, then the public listener.
     */
    public static StreamsApp start(StreamsAppConfig config, PrometheusMeterRegistry registry) {
        Vertx vertx = Vertx.vertx();
        Router internalRouter = Router.router(vertx);
        HttpServer internalServer = null;
        Properties properties = new Properties();
        properties.putAll(config.streamsProperties());
        StreamsApp app = null;
        try {
            if (config.internal().isPresent()) {
                InternalListener internal = config.internal().get();
                internalServer = join(listen(vertx, config, "internal", internalRouter, internal.host(), internal.port(), registry));
                properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, internal.applicationServer(internalServer.actualPort()));
            }
            app = new StreamsApp(config, vertx, properties, registry);
            app.internalServer = internalServer;
            Router router = Router.router(vertx);
            OpsRoutes.mount(router, app::readiness, app::liveness, registry);
            app.mountQueries(router, internalRouter, registry);
            app.streams.start();
            if (config.topology().stats().enabled()) {
                LiveCallsGauge live = new LiveCallsGauge(app.streams, registry);
                vertx.setPeriodic(LIVE_GAUGE_EVERY.toMillis(), id -> vertx.executeBlocking(() -> {
                    live.refresh();
                    return null;
                }, false));
            }
            app.server = join(listen(vertx, config, "public", router, config.host(), config.port(), registry));
        } catch (RuntimeException e) {
            if (app != null) {
                app.close();
            } else {
                join(vertx.close());
            }
            throw e;
        }
        LOG.atInfo().addKeyValue("port", app.server.actualPort())
                .addKeyValue("internalPort", internalServer == null ? "none" : internalServer.actualPort())
                .addKeyValue("applicationId", properties.get(StreamsConfig.APPLICATION_ID_CONFIG)).log("stream-topology started");
        return app;
    }

    /**
     * The query APIs and the dashboard that reads them when secret keys are configured (without them no UserSig can be
     * checked, so the APIs stay off rather than open), and the instances' routes to each other on the internal listener.
     */
    private void mountQueries(Router router, Router internalRouter, PrometheusMeterRegistry registry) {
        if (config.internal().isEmpty()) {
            LOG.atWarn().log("query APIs disabled: CALLSTREAM_SECRET_KEYS is not set");
            return;
        }
        InternalListener internal = config.internal().get();
        InternalApi internalApi = new InternalApi(internalRouter, internal.auth(), registry);
        // A part asked by another instance is awaited at most as long as the analyst API waits, the longest of the APIs.
        CallRecordProcessor.Limits foldLimits = config.topology().limits();
        new InternalQueryRoutes(new LocalPartitions(streams, config.analystApi().timeout(), foldLimits),
                p -> new LocalRecordQueries(new KafkaStreamsLocalStores(streams, p, false), foldLimits),
                p -> new LocalRecordQueries(new KafkaStreamsLocalStores(streams, p, true), foldLimits)).mount(internalApi);
        StatsConfig stats = config.topology().stats();
        if (stats.enabled()) {
            new StatsInternalRoutes(streams, stats.zone(), config.analystApi().timeout()).mount(internalApi);
        }
        HostInfo self = HostInfo.buildFromEndpoint(internal.applicationServer(internalServer.actualPort()));
        int keepAlive = config.serverLimits().clientKeepAliveSeconds();
        HttpClient peers = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(keepAlive > 0)
                .setKeepAliveTimeout(Math.max(keepAlive, 1)));
        // Each API's parts on other instances get that API's own deadline: a year of statistics or a deep analyst page
        // is more than the vendor API's 3 s of work.
        QueryCluster vendorCluster = new QueryCluster(streams, self, vertx, peers, internal.auth(), config.queryApi().timeout());
        QueryCluster analystCluster = new QueryCluster(streams, self, vertx, peers, internal.auth(), config.analystApi().timeout());
        String events = config.topology().eventsTopic();
        StatsQueries statsQueries = stats.enabled()
                ? StreamsStatsQueries.across(analystCluster, events, stats.zone(), Clock.systemUTC(), stats.maxSpan()) : null;
        AdminAuth auth = new AdminAuth(config.queryApi().adminIdentifier(),
                new UserSigSignatureCheck(config.secretKeys().orElseThrow(), Clock.systemUTC(), config.userSigMaxLifetime()));
        new VendorQueryRoutes(config.queryApi(), new StreamsRecordQueries(vendorCluster, events, config.topology().limits()), auth, registry).mount(router);
        new AnalystRoutes(config.analystApi(), new StreamsRecordQueries(analystCluster, events, config.topology().limits()), statsQueries, auth).mount(router);
        DashboardRoutes.mount(router);
    }

    /**
     * A query listener held to the limits: over its connection cap a client is answered 503 (analysts and other
     * instances see why and retry), and connections it cuts are counted by reason.
     */
    private static Future<HttpServer> listen(Vertx vertx, StreamsAppConfig config, String listener, Router router,
                                             String host, int port, PrometheusMeterRegistry registry) {
        AtomicInteger open = new AtomicInteger();
        Gauge.builder("callstream.query.connections.open", open, AtomicInteger::get)
                .description("Connections open on a query listener").tag("listener", listener)
                .strongReference(true).register(registry);
        ConnectionGuard guard = new ConnectionGuard(listener + " query listener", config.serverLimits(),
                ConnectionGuard.OverCap.ANSWER_503, open, why -> Counter.builder("callstream.query.connections.cut")
                .description("Connections a query listener closed, by reason (over_cap, idle, read_timeout)")
                .tag("listener", listener).tag("reason", why.tag()).register(registry).increment(), new RefusalLog());
        return guard.listen(vertx, router, host, port);
    }

    private static <T> T join(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The public listener's port: operations endpoints and query APIs. */
    public int port() {
        return server.actualPort();
    }

    /** The internal listener's port (the instances' routes to each other); -1 when the query APIs are off. */
    public int internalPort() {
        return internalServer == null ? -1 : internalServer.actualPort();
    }

    OpsRoutes.Readiness readiness() {
        KafkaStreams.State state = streams.state();
        List<String> threads = state == KafkaStreams.State.RUNNING
                ? streams.metadataForLocalThreads().stream().map(ThreadMetadata::threadState).toList() : List.of();
        boolean failedRecently = System.currentTimeMillis() - lastThreadFailureMs
                < StreamsReadiness.FAILURE_QUARANTINE.toMillis();
        return StreamsReadiness.of(closing.get(), state, threads, streamThreads, (long) replaced.count(), failedRecently);
    }

    /**
     * Down once Kafka Streams shut itself down (ERROR: a stream thread failed more often than it may be replaced):
     * only a restart of the process brings it back.
     */
    OpsRoutes.Readiness liveness() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                ? OpsRoutes.Readiness.notReady("Kafka Streams " + state + " after failing stream threads; restart")
                : OpsRoutes.Readiness.ready("alive");
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        // Leave the group: the others take over this instance's partitions at once (from their standbys), instead of
        // after the session timeout, during which those partitions would be neither folded nor queryable.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(config.shutdownGrace()));
        streamsMetrics.close();
        join(vertx.close());
        LOG.info("stream-topology stopped");
    }
}
