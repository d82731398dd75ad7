package io.callstream.gateway;

import io.callstream.gateway.callback.CallbackTokens;
import io.callstream.gateway.publish.DurableProducerSettings;
import io.callstream.schemas.topic.Topics;
import io.callstream.service.Env;
import io.callstream.service.KafkaSettings;
import io.callstream.service.http.ServerLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the gateway is configured with. {@link #from(Env)} reads it from environment variables; the README lists
 * each with its default.
 */
public record GatewayConfig(
        Set<Long> sdkAppIds,
        String host,
        int port,
        List<String> callbackPaths,
        CallbackTokens callbackTokens,
        int maxBodyBytes,
        Duration ackTimeout,
        int maxInFlight,
        String eventsTopic,
        String deadLetterTopic,
        int eventLoops,
        Duration shutdownGrace,
        Duration shutdownRefuseWindow,
        Duration readinessInterval,
        Duration metadataWarmUp,
        ServerLimits serverLimits,
        Map<String, Object> producerProperties,
        Map<String, Object> adminProperties) {

    /**
     * How long a stopping gateway keeps its connections open, answering each request with "shutting down; retry",
     * before it closes them: see {@link Gateway#close}.
     */
    public static final Duration DEFAULT_SHUTDOWN_REFUSE_WINDOW = Duration.ofMillis(500);

    public GatewayConfig {
        sdkAppIds = Set.copyOf(sdkAppIds);
        callbackPaths = List.copyOf(callbackPaths);
        producerProperties = Map.copyOf(producerProperties);
        adminProperties = Map.copyOf(adminProperties);
        if (sdkAppIds.isEmpty()) {
            throw new Env.ConfigException("CALLSTREAM_SDKAPPIDS lists no SDKAppID");
        }
        for (String path : callbackPaths) {
            if (!path.startsWith("/")) {
                throw new Env.ConfigException("CALLSTREAM_CALLBACK_PATHS entries must start with '/': " + path);
            }
        }
    }

    public static GatewayConfig from(Env env) {
        Set<Long> apps = new LinkedHashSet<>();
        for (String id : env.list("CALLSTREAM_SDKAPPIDS", List.of())) {
            try {
                apps.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new Env.ConfigException("CALLSTREAM_SDKAPPIDS must list numeric SDKAppIDs, got '" + id + "'");
            }
        }
        if (apps.isEmpty()) {
            env.required("CALLSTREAM_SDKAPPIDS", "list the SDKAppIDs whose callbacks this gateway accepts, comma-separated");
        }
        Duration ackTimeout = env.millis("CALLSTREAM_ACK_TIMEOUT_MS", Duration.ofSeconds(2));
        Map<String, Object> producer = producerProperties(KafkaSettings.forRole(env, "PRODUCER"), ackTimeout);
        DurableProducerSettings.check(producer, setting -> KafkaSettings.variableFor(env, "PRODUCER", setting));
        return new GatewayConfig(
                apps,
                env.string("CALLSTREAM_GATEWAY_HOST", "0.0.0.0"),
                env.integer("CALLSTREAM_GATEWAY_PORT", 8080),
                env.list("CALLSTREAM_CALLBACK_PATHS", List.of("/", "/callback")),
                CallbackTokens.from(env),
                env.positiveInt("CALLSTREAM_MAX_BODY_BYTES", 64 * 1024),
                ackTimeout,
                env.positiveInt("CALLSTREAM_MAX_IN_FLIGHT", 2000),
                env.string("CALLSTREAM_TOPIC_EVENTS", Topics.EVENTS.name()),
                env.string("CALLSTREAM_TOPIC_EVENTS_DLQ", Topics.EVENTS_DLQ.name()),
                env.positiveInt("CALLSTREAM_GATEWAY_EVENT_LOOPS", Runtime.getRuntime().availableProcessors()),
                env.millis("CALLSTREAM_SHUTDOWN_GRACE_MS", Duration.ofSeconds(10)),
                env.millis("CALLSTREAM_SHUTDOWN_REFUSE_MS", DEFAULT_SHUTDOWN_REFUSE_WINDOW),
                env.millis("CALLSTREAM_READINESS_INTERVAL_MS", Duration.ofSeconds(5)),
                env.millis("CALLSTREAM_METADATA_WARMUP_MS", Duration.ofSeconds(10)),
                serverLimits(env),
                producer,
                KafkaSettings.forRole(env, "ADMIN"));
    }

    /** The callback port's limits (README, "ingest-gateway"): outsiders reach it, so its defaults are the tighter. */
    static final ServerLimits DEFAULT_SERVER_LIMITS = new ServerLimits(Duration.ofSeconds(60), Duration.ofSeconds(10),
            4096, 8192, 4096);

    private static ServerLimits serverLimits(Env env) {
        if (env.optional("CALLSTREAM_GATEWAY_MAX_INITIAL_LINE_BYTES").isPresent()) {
            throw new Env.ConfigException("CALLSTREAM_GATEWAY_MAX_INITIAL_LINE_BYTES is now called"
                    + " CALLSTREAM_GATEWAY_MAX_LINE_BYTES, as for the query listeners: rename it");
        }
        return ServerLimits.from(env, "CALLSTREAM_GATEWAY", DEFAULT_SERVER_LIMITS);
    }

    /**
     * The producer's settings: durable (idempotent, acks=all) and bounded in time, so a callback is answered within
     * the ack timeout. {@code max.block.ms=0} makes {@code send} fail instead of wait, so it may run on an event loop
     * (see {@code CallbackPublisher}). Anything given in {@code KAFKA_PRODUCER_*} or {@code KAFKA_CLIENT_*} wins, except
     * what would weaken acks, idempotence or max.block.ms: {@link DurableProducerSettings} refuses it.
     */
    static Map<String, Object> producerProperties(Map<String, Object> fromEnv, Duration ackTimeout) {
        Map<String, Object> props = new HashMap<>();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("linger.ms", "2");
        props.put("compression.type", "lz4");
        props.put("max.block.ms", "0");
        props.put("request.timeout.ms", "5000");
        props.put("delivery.timeout.ms", "10000");
        props.put("client.id", "callstream-gateway");
        props.putAll(fromEnv);
        return props;
    }
}
