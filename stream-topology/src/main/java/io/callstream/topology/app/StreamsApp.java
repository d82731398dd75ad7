package io.callstream.topology.app;

import io.callstream.service.OpsRoutes;
import io.callstream.topology.CallRecordTopology;
import io.callstream.topology.StatsConfig;
import io.callstream.topology.query.stats.StatsInternalRoutes;
import io.callstream.topology.query.stats.StatsQueries;
import io.callstream.topology.query.stats.StreamsStatsQueries;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.callstream.topology.query.InternalQueryRoutes;
import io.callstream.topology.query.KafkaStreamsLocalStores;
import io.callstream.topology.query.LocalPartitions;
import io.callstream.topology.query.LocalRecordQueries;
import io.callstream.topology.query.QueryCluster;
import io.callstream.topology.query.RecordQueries;
import io.callstream.topology.query.StreamsRecordQueries;
import io.callstream.topology.query.auth.AdminAuth;
import io.callstream.topology.query.auth.UserSigSignatureCheck;
import io.callstream.topology.query.analyst.AnalystRoutes;
import io.callstream.topology.query.vendor.VendorQueryRoutes;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Streams application: the topology, and an HTTP server for its operational endpoints, the query APIs and
 * the instances' routes to each other. {@link #close} stops it cleanly: not ready, Streams closed (committing its last
 * transaction), server closed.
 */
public final class StreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    /** How often the live-calls gauge is counted again: well within a scrape interval. */
    private static final Duration LIVE_GAUGE_EVERY = Duration.ofSeconds(5);

    private final StreamsAppConfig config;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final Vertx vertx = Vertx.vertx();
    private final AtomicBoolean closing = new AtomicBoolean();
    private HttpServer server;

    private StreamsApp(StreamsAppConfig config, PrometheusMeterRegistry registry) {
        this.config = config;
        var topology = CallRecordTopology.build(config.topology().withListener(new MeteredFoldListener(registry))
                .withStats(config.topology().stats().withListener(new MeteredStatsListener(registry))));
        this.streams = new KafkaStreams(topology, config.streamsProperties());
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.atError().setCause(e).log("stream thread failed; replacing it");
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((next, previous) -> LOG.atInfo().addKeyValue("from", previous).addKeyValue("to", next)
                .log("Kafka Streams state changed"));
    }

    /** Starts the topology and the HTTP server. */
    public static StreamsApp start(StreamsAppConfig config, PrometheusMeterRegistry registry) {
        StreamsApp app = new StreamsApp(config, registry);
        app.streams.start();
        Router router = Router.router(app.vertx);
        OpsRoutes.mount(router, app::readiness, registry);
        app.mountQueries(router, registry);
        if (config.topology().stats().enabled()) {
            LiveCallsGauge live = new LiveCallsGauge(app.streams, registry);
            app.vertx.setPeriodic(LIVE_GAUGE_EVERY.toMillis(), id -> app.vertx.executeBlocking(() -> {
                live.refresh();
                return null;
            }, false));
        }
        app.server = app.vertx.createHttpServer().requestHandler(router)
                .listen(config.port(), config.host()).toCompletionStage().toCompletableFuture().join();
        LOG.atInfo().addKeyValue("port", app.server.actualPort())
                .addKeyValue("applicationId", config.streamsProperties().get("application.id")).log("stream-topology started");
        return app;
    }

    /**
     * The query APIs: the instance-to-instance routes always; the client APIs when secret keys are configured (without
     * them no UserSig can be checked, so the APIs stay off rather than open).
     */
    private void mountQueries(Router router, PrometheusMeterRegistry registry) {
        new InternalQueryRoutes(new LocalPartitions(streams),
                p -> new LocalRecordQueries(new KafkaStreamsLocalStores(streams, p, false)),
                p -> new LocalRecordQueries(new KafkaStreamsLocalStores(streams, p, true))).mount(router);
        StatsConfig stats = config.topology().stats();
        if (stats.enabled()) {
            new StatsInternalRoutes(streams, stats.zone()).mount(router);
        }
        if (config.secretKeys().isEmpty()) {
            LOG.atWarn().log("query APIs disabled: CALLSTREAM_SECRET_KEYS is not set");
            return;
        }
        HostInfo self = HostInfo.buildFromEndpoint(config.streamsProperties().getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));
        QueryCluster cluster = new QueryCluster(streams, self, vertx, config.queryApi().timeout());
        RecordQueries queries = new StreamsRecordQueries(cluster, config.topology().eventsTopic());
        // The analyst API's own deadline for its parts on other instances: a year of statistics is more than 3 s of work.
        StatsQueries statsQueries = stats.enabled() ? StreamsStatsQueries.across(new QueryCluster(streams, self, vertx,
                config.analystApi().timeout()), config.topology().eventsTopic(), stats.zone(), Clock.systemUTC(), stats.maxSpan()) : null;
        AdminAuth auth = new AdminAuth(config.queryApi().adminIdentifier(),
                new UserSigSignatureCheck(config.secretKeys().get(), Clock.systemUTC(), config.userSigMaxLifetime()));
        new VendorQueryRoutes(config.queryApi(), queries, auth, registry).mount(router);
        new AnalystRoutes(config.analystApi(), queries, statsQueries, auth).mount(router);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public int port() {
        return server.actualPort();
    }

    OpsRoutes.Readiness readiness() {
        KafkaStreams.State state = streams.state();
        if (closing.get()) {
            return OpsRoutes.Readiness.notReady("shutting down");
        }
        return state == KafkaStreams.State.RUNNING ? OpsRoutes.Readiness.ready("Kafka Streams RUNNING")
                : OpsRoutes.Readiness.notReady("Kafka Streams " + state);
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
        vertx.close().toCompletionStage().toCompletableFuture().join();
        LOG.info("stream-topology stopped");
    }
}
