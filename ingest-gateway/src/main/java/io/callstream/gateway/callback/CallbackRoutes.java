package io.callstream.gateway.callback;

import io.callstream.gateway.GatewayConfig;
import io.callstream.gateway.GatewayMetrics;
import io.callstream.gateway.publish.CallbackPublisher;
import io.callstream.service.http.RefusalLog;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallKey;
import io.callstream.schemas.serde.AvroSerde;
import io.callstream.schemas.serde.CallstreamSerdes;
import io.callstream.service.ClientText;
import io.callstream.service.RequestIds;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback endpoint: check the request's head (before its body is read), normalize, store, and answer only once
 * Kafka has acknowledged.
 *
 * <p>Nothing here blocks the event loop: normalizing is a few microseconds of parsing, and storing is a future that
 * the publisher completes from Kafka's acknowledgement or that the ack timeout fails.
 */
public final class CallbackRoutes {

    public static final String HEADER_COMMAND = "callstream.command";
    public static final String HEADER_REQUEST_ID = "callstream.request-id";
    public static final String HEADER_DLQ_REASON = "callstream.dlq.reason";
    public static final String HEADER_DLQ_CATEGORY = "callstream.dlq.category";
    public static final String HEADER_DLQ_QUERY = "callstream.dlq.query";
    public static final String HEADER_RECEIVED_AT = "callstream.received-at-ms";

    private static final Logger LOG = LoggerFactory.getLogger(CallbackRoutes.class);
    private static final String ADMITTED = "callstream.admitted";

    private final GatewayConfig config;
    private final CallbackPublisher publisher;
    private final GatewayMetrics metrics;
    private final BooleanSupplier draining;
    private final RefusalLog refusals;
    private final CallbackTokens tokens;
    private final AvroSerde<CallEvent> serde = CallstreamSerdes.callEvent();

    public CallbackRoutes(GatewayConfig config, CallbackPublisher publisher, GatewayMetrics metrics, BooleanSupplier draining,
                          RefusalLog refusals) {
        this.config = config;
        this.publisher = publisher;
        this.metrics = metrics;
        this.draining = draining;
        this.refusals = refusals;
        this.tokens = config.callbackTokens();
    }

    /** Mounts the callback paths, and the JSON answers for requests that match no route, on {@code router}. */
    public void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
        // A platform handler: Vert.x Web runs those before the body handler, as admitting must.
        PlatformHandler admission = this::admit;
        for (String path : config.callbackPaths()) {
            router.post(path).handler(admission).handler(body).handler(this::handle).failureHandler(this::failed);
            if (tokens.required()) {
                String withToken = path.endsWith("/") ? path + ":token" : path + "/:token";
                router.post(withToken).handler(admission).handler(body).handler(this::handle).failureHandler(this::failed);
            }
        }
        router.errorHandler(404, ctx -> answer(ctx, Optional.empty(), Outcome.NOT_FOUND,
                "no callback endpoint at " + ClientText.cut(ctx.request().path())));
        router.errorHandler(405, ctx -> answer(ctx, Optional.empty(), Outcome.METHOD_NOT_ALLOWED,
                ctx.request().method() + " is not allowed; callbacks are POST"));
        // What Vert.x could not read at all: a body whose Content-Type says form and that the form decoder refuses
        // (an attribute over its size). Callbacks are JSON; the vendor never sends one.
        router.errorHandler(400, ctx -> {
            refusals.warn("callback body unreadable as sent; not stored", "contentType",
                    cut(ctx.request().getHeader("Content-Type")), "sdkappid", cut(ctx.request().getParam("sdkappid")),
                    "remote", remote(ctx));
            answer(ctx, Optional.ofNullable(ctx.request().getParam("command")), Outcome.UNREADABLE,
                    "the body could not be read as sent (Content-Type " + ClientText.quoted(
                            String.valueOf(ctx.request().getHeader("Content-Type"))) + "); send callbacks as application/json");
        });
        router.errorHandler(413, ctx -> {
            refusals.warn("callback body over the limit; not stored",
                    "contentLength", cut(ctx.request().getHeader("Content-Length")), "limit", config.maxBodyBytes(),
                    "sdkappid", cut(ctx.request().getParam("sdkappid")), "remote", remote(ctx));
            answer(ctx, Optional.ofNullable(ctx.request().getParam("command")), Outcome.TOO_LARGE,
                    "body exceeds " + config.maxBodyBytes() + " bytes");
        });
    }

    /**
     * What the request's head alone decides, before a byte of its body is read: a draining gateway, a missing or wrong
     * token and an app this gateway does not serve are answered here, so that an outsider's requests cost no body
     * buffering. Runs synchronously, before the body handler, so no body data is missed.
     */
    private void admit(RoutingContext ctx) {
        Admitted admitted = new Admitted(RequestIds.hex32(), System.nanoTime(), System.currentTimeMillis(),
                CallbackQuery.from(ctx.request()::getParam, ctx.request().query()));
        ctx.response().putHeader("X-Request-Id", admitted.requestId());
        Optional<String> command = admitted.query().command();

        if (draining.getAsBoolean()) {
            answer(ctx, command, Outcome.SHUTTING_DOWN, "the gateway is shutting down; retry");
            return;
        }
        if (tokens.required() && !tokenMatches(ctx)) {
            // Neither the path nor the query is logged: either may hold a near miss of the real token.
            refusals.warn("callback without the right token; refused", "remote", remote(ctx));
            answer(ctx, command, Outcome.UNAUTHORIZED, "missing or wrong callback token");
            return;
        }
        Optional<Long> app = admitted.query().sdkAppId();
        if (app.isEmpty() || !config.sdkAppIds().contains(app.get())) {
            String given = ctx.request().getParam("sdkappid");
            refusals.warn("callback for an app this gateway does not serve; refused", "sdkappid", cut(given),
                    "remote", remote(ctx));
            answer(ctx, command, Outcome.FORBIDDEN, given == null
                    ? "sdkappid is missing" : "sdkappid " + ClientText.quoted(given) + " is not served by this gateway");
            return;
        }
        ctx.put(ADMITTED, admitted);
        ctx.next();
    }

    private void handle(RoutingContext ctx) {
        Admitted admitted = ctx.get(ADMITTED);
        String requestId = admitted.requestId();
        CallbackQuery query = admitted.query();
        long receivedAtNanos = admitted.receivedAtNanos();
        long receivedAtMs = admitted.receivedAtMs();
        long sdkAppId = query.sdkAppId().get();
        Buffer buffer = ctx.body().buffer();
        byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
        Normalized normalized = CallbackNormalizer.normalize(sdkAppId, query, body, receivedAtMs);

        ProducerRecord<String, byte[]> record;
        Outcome success;
        String successMessage;
        if (normalized instanceof Normalized.Accepted accepted) {
            CallEvent event = accepted.event();
            record = new ProducerRecord<>(config.eventsTopic(), null, new CallKey(sdkAppId, event.getCallId()).toString(),
                    serde.encode(event), headers(requestId, query, receivedAtMs));
            success = Outcome.STORED;
            successMessage = "Success";
        } else {
            Normalized.Malformed malformed = (Normalized.Malformed) normalized;
            RecordHeaders headers = headers(requestId, query, receivedAtMs);
            headers.add(HEADER_DLQ_REASON, utf8(malformed.reason()));
            headers.add(HEADER_DLQ_CATEGORY, utf8(malformed.category()));
            headers.add(HEADER_DLQ_QUERY, utf8(query.rawQuery() == null ? "" : query.rawQuery()));
            String key = malformed.callId() == null ? requestId : new CallKey(sdkAppId, malformed.callId()).toString();
            record = new ProducerRecord<>(config.deadLetterTopic(), null, key, body, headers);
            success = Outcome.DEAD_LETTERED;
            successMessage = "malformed callback stored in the dead-letter topic " + config.deadLetterTopic()
                    + ": " + malformed.reason();
            LOG.atInfo().addKeyValue("requestId", requestId).addKeyValue("reason", malformed.reason())
                    .log("malformed callback dead-lettered");
        }

        publisher.publish(record, Vertx.currentContext())
                .timeout(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        metrics.acknowledged(receivedAtNanos);
                        if (success == Outcome.DEAD_LETTERED) {
                            metrics.deadLettered(((Normalized.Malformed) normalized).category());
                        }
                        answer(ctx, query.command(), success, successMessage);
                    } else if (ar.cause() instanceof CallbackPublisher.BusyException busy) {
                        answer(ctx, query.command(), Outcome.BUSY, busy.getMessage() + "; retry");
                    } else {
                        metrics.producerError(ar.cause());
                        LOG.atWarn().addKeyValue("requestId", requestId).addKeyValue("error", String.valueOf(ar.cause()))
                                .log("callback not acknowledged by Kafka; asked the sender to retry");
                        answer(ctx, query.command(), Outcome.UNAVAILABLE, "not stored: Kafka did not acknowledge within "
                                + config.ackTimeout().toMillis() + " ms (" + ar.cause().getClass().getSimpleName() + "); retry");
                    }
                });
    }

    private void answer(RoutingContext ctx, Optional<String> command, Outcome outcome, String message) {
        metrics.request(command, outcome);
        if (ctx.response().ended()) {
            return;
        }
        if (!ctx.response().headers().contains("X-Request-Id")) { // a request no route took (404, 405) has none yet
            ctx.response().putHeader("X-Request-Id", RequestIds.hex32());
        }
        ctx.response().setStatusCode(outcome.httpStatus())
                .putHeader("Content-Type", "application/json")
                .end(outcome.body(message));
    }

    /**
     * A connection closed while its body was read (the client went away, or the gateway cut it off as too slow) has
     * no one left to answer, and was logged when cut: not an error of the router's. Other failures go on to the
     * error handlers.
     */
    private void failed(RoutingContext ctx) {
        if (ctx.failure() instanceof HttpClosedException || ctx.response().closed()) {
            return;
        }
        ctx.next();
    }

    /**
     * The URL carries the token as {@code ?token=} or as its last path segment. Both are checked: with the paths
     * {@code /} and {@code /callback}, the route {@code /:token} also matches {@code /callback?token=...}.
     */
    private boolean tokenMatches(RoutingContext ctx) {
        return tokens.accepts(ctx.pathParam("token")) || tokens.accepts(ctx.request().getParam("token"));
    }

    private static String remote(RoutingContext ctx) {
        return String.valueOf(ctx.request().remoteAddress());
    }

    private static String cut(String clientText) {
        return clientText == null ? null : ClientText.cut(clientText);
    }

    /** A request the head checks let through, with what they read, for the body's turn. */
    private record Admitted(String requestId, long receivedAtNanos, long receivedAtMs, CallbackQuery query) {
    }

    private static RecordHeaders headers(String requestId, CallbackQuery query, long receivedAtMs) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_COMMAND, utf8(query.command().orElse("")));
        headers.add(HEADER_REQUEST_ID, utf8(requestId));
        headers.add(HEADER_RECEIVED_AT, utf8(Long.toString(receivedAtMs)));
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
