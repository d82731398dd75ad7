package io.callstream.gateway;

import io.callstream.gateway.callback.CallbackRoutes;
import io.callstream.gateway.publish.CallbackPublisher;
import io.callstream.gateway.publish.KafkaReadiness;
import io.callstream.service.OpsRoutes.Readiness;
import io.callstream.service.http.ConnectionGuard;
import io.callstream.service.http.RefusalLog;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: Vert.x HTTP servers in front of one idempotent Kafka producer. Start it with {@link #start};
 * {@link #close} drains it gracefully.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Vertx vertx;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics producerMetrics;
    private final Admin admin;
    private final CallbackPublisher publisher;
    private final KafkaReadiness readiness;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int port;
    private volatile String deploymentId;

    private Gateway(GatewayConfig config, PrometheusMeterRegistry registry) {
        this.config = config;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops()));
        this.producer = new KafkaProducer<>(config.producerProperties(), new StringSerializer(), new ByteArraySerializer());
        this.producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        this.admin = Admin.create(config.adminProperties());
        this.publisher = new CallbackPublisher(producer, config.maxInFlight());
        this.readiness = new KafkaReadiness(admin, List.of(config.eventsTopic(), config.deadLetterTopic()),
                config.readinessInterval());
    }

    /**
     * Starts the gateway; the future completes once every server listens. Before it deploys the servers, this call
     * blocks (up to {@code CALLSTREAM_METADATA_WARMUP_MS}) fetching the topics' metadata, so that the first callbacks
     * do not fail for want of it: call it from a main or test thread, not an event loop.
     */
    public static Future<Gateway> start(GatewayConfig config, PrometheusMeterRegistry registry) {
        Gateway gateway = new Gateway(config, registry);
        GatewayMetrics metrics = new GatewayMetrics(registry, gateway.publisher::inFlight);
        RefusalLog refusals = new RefusalLog();
        CallbackRoutes callbacks = new CallbackRoutes(config, gateway.publisher, metrics, gateway.draining::get, refusals);
        AtomicInteger openConnections = new AtomicInteger();
        metrics.openConnections(openConnections::get);
        Supplier<Readiness> readyz = readyz(config, gateway.readiness);
        if (!config.callbackTokens().required()) {
            LOG.atWarn().log("CALLBACKS ARE NOT AUTHENTICATED: CALLSTREAM_CALLBACK_TOKEN=none, so anyone who knows an"
                    + " SDKAppID can write call records; set a token and register the callback URL with it");
        }
        gateway.publisher.warmUp(List.of(config.eventsTopic(), config.deadLetterTopic()), config.metadataWarmUp());
        gateway.readiness.start();
        GatewayVerticle[] first = new GatewayVerticle[1];
        return gateway.vertx.deployVerticle(() -> {
                    ConnectionGuard guard = new ConnectionGuard("gateway", config.serverLimits(),
                            ConnectionGuard.OverCap.CLOSE, openConnections,
                            metrics::connectionCut, refusals);
                    GatewayVerticle verticle = new GatewayVerticle(config, callbacks, readyz, registry, guard);
                    if (first[0] == null) {
                        first[0] = verticle;
                    }
                    return verticle;
                }, new DeploymentOptions().setInstances(config.eventLoops()))
                .map(id -> {
                    gateway.deploymentId = id;
                    gateway.port = first[0].actualPort();
                    LOG.atInfo().addKeyValue("port", gateway.port).addKeyValue("paths", config.callbackPaths())
                            .addKeyValue("sdkAppIds", config.sdkAppIds()).addKeyValue("eventLoops", config.eventLoops())
                            .log("gateway listening");
                    return gateway;
                })
                .recover(error -> {
                    LOG.atError().setCause(error).log("gateway did not start");
                    // Closing waits for Vert.x to stop, which it cannot do from its own event loop, where this runs.
                    return Future.fromCompletionStage(CompletableFuture.runAsync(gateway::close))
                            .transform(closed -> Future.failedFuture(error));
                });
    }

    /**
     * {@code /readyz}: Kafka's readiness, and, when the operator opted out of the callback token, a detail saying so,
     * so that a probe or a person looking at the gateway sees it.
     */
    private static Supplier<Readiness> readyz(GatewayConfig config, KafkaReadiness kafka) {
        if (config.callbackTokens().required()) {
            return kafka::current;
        }
        return () -> {
            Readiness r = kafka.current();
            return new Readiness(r.ready(), r.detail() + "; callbacks are NOT authenticated (CALLSTREAM_CALLBACK_TOKEN=none)");
        };
    }

    /** The port the servers listen on (useful when configured with 0). */
    public int port() {
        return port;
    }

    public boolean draining() {
        return draining.get();
    }

    /**
     * Graceful shutdown: report not ready and refuse new requests with "shutting down; retry" for the refuse window,
     * then stop accepting and answer requests in progress (each once Kafka acknowledges or the ack timeout passes),
     * send and flush what the producer holds, then release everything.
     *
     * <p>The refuse window is there because a shutting-down Vert.x server closes a connection with no request in
     * progress at once, discarding a request that was already sent on it but not yet read: the sender would see a
     * connection closed without an answer. During the window such requests are read and answered.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        draining.set(true);
        readiness.markDraining();
        answerRequestsOnTheWire();
        if (deploymentId != null) {
            try {
                vertx.undeploy(deploymentId).toCompletionStage().toCompletableFuture()
                        .get(config.shutdownGrace().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.atWarn().addKeyValue("error", e.toString()).log("HTTP servers did not stop cleanly");
            }
        }
        publisher.drain(config.shutdownGrace());
        readiness.close();
        publisher.close();
        producerMetrics.close();
        admin.close(Duration.ofSeconds(2));
        vertx.close().toCompletionStage().toCompletableFuture().join();
        LOG.atInfo().addKeyValue("tookMs", (System.nanoTime() - started) / 1_000_000).log("gateway stopped");
    }

    /** Waits out the refuse window, in which requests that reach the draining gateway are answered with a refusal. */
    private void answerRequestsOnTheWire() {
        try {
            Thread.sleep(config.shutdownRefuseWindow().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop at once: whoever interrupts wants the shutdown over
        }
    }
}
