package io.callstream.topology.query.internal;

import io.callstream.topology.query.QueryUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router of the instances' own listener ({@code CALLSTREAM_INTERNAL_PORT}), on which they answer each other's
 * parts of a query ({@code /internal/v1/...}). Every request must be signed with the cluster secret
 * ({@link InternalRequestAuth}): one that is not, whatever its path, is answered 401 with an empty body before its
 * body is read. Routes are added through {@link #get} and {@link #post}, which also check a body against its signed
 * digest, so that none can be mounted without authentication.
 */
public final class InternalApi {

    public static final String PREFIX = "/internal/v1";

    /** Bodies up to this are hashed in place: some microseconds, less than handing them to a worker. */
    static final int HASH_ON_EVENT_LOOP_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(InternalApi.class);
    private final Router router;
    private final InternalRequestAuth auth;
    private final Map<InternalRequestAuth.Verdict, Counter> refused = new EnumMap<>(InternalRequestAuth.Verdict.class);

    public InternalApi(Router router, InternalRequestAuth auth, MeterRegistry registry) {
        this.router = router;
        this.auth = auth;
        for (InternalRequestAuth.Verdict verdict : InternalRequestAuth.Verdict.values()) {
            if (verdict != InternalRequestAuth.Verdict.ACCEPTED) {
                refused.put(verdict, Counter.builder("callstream_internal_requests_refused_total")
                        .description("requests to the instances' own listener refused as unauthenticated")
                        .tag("reason", verdict.name().toLowerCase()).register(registry));
            }
        }
        router.route().handler(this::authenticate).failureHandler(InternalApi::failed);
    }

    public Route get(String path) {
        return router.get(PREFIX + path);
    }

    /** A route whose body, at most {@code bodyLimit} bytes (else 413), must be the one the request signed. */
    public Route post(String path, int bodyLimit) {
        return router.post(PREFIX + path).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(this::checkBody);
    }

    private void authenticate(RoutingContext ctx) {
        InternalRequestAuth.Verdict verdict = auth.check(ctx.request().method().name(), ctx.request().uri(),
                ctx.request()::getHeader);
        if (verdict == InternalRequestAuth.Verdict.ACCEPTED) {
            ctx.next();
        } else {
            refuse(ctx, verdict);
        }
    }

    /**
     * Checks the body against its signed digest. A large body (a statistics request carries every open call's span, up
     * to 16 MiB) is hashed on a worker thread: tens of milliseconds of SHA-256 would stall every connection of the
     * event loop.
     */
    private void checkBody(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
        String digest = ctx.request().getHeader(InternalRequestAuth.CONTENT_SHA256);
        if (body.length <= HASH_ON_EVENT_LOOP_BYTES) {
            bodyChecked(ctx, InternalRequestAuth.bodyMatches(digest, body));
            return;
        }
        ctx.vertx().executeBlocking(() -> InternalRequestAuth.bodyMatches(digest, body), false)
                .onComplete(matches -> bodyChecked(ctx, matches.succeeded() && matches.result()));
    }

    private void bodyChecked(RoutingContext ctx, boolean matches) {
        if (matches) {
            ctx.next();
        } else {
            refuse(ctx, InternalRequestAuth.Verdict.BAD_SIGNATURE);
        }
    }

    private void refuse(RoutingContext ctx, InternalRequestAuth.Verdict verdict) {
        refused.get(verdict).increment();
        // Who knocks and why, for the operator: a peer with another secret or a skewed clock shows here. The request
        // URI is not logged: an unauthenticated caller chooses it.
        LOG.atDebug().addKeyValue("reason", verdict).addKeyValue("remote", ctx.request().remoteAddress())
                .log("internal request refused");
        ctx.response().setStatusCode(401).putHeader("connection", "close").end();
    }

    /** A request a handler failed (a body over its limit: 413), answered with its status and nothing else. */
    private static void failed(RoutingContext ctx) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(ctx.statusCode() >= 400 ? ctx.statusCode() : 400).end();
        }
    }

    /**
     * Runs a local query off the event loop (RocksDB reads block); 503 when the stores are not queryable here right
     * now or the query ran past its deadline, so that the asking instance fails the whole query as "retry", 400 for
     * anything else (a request out of bounds).
     */
    public static void answer(RoutingContext ctx, Runnable query) {
        ctx.vertx().executeBlocking(() -> {
            query.run();
            return null;
        }, false).onFailure(e -> {
            if (ctx.response().ended()) {
                return;
            }
            boolean unavailable = e instanceof InvalidStateStoreException || e instanceof QueryUnavailableException;
            ctx.response().setStatusCode(unavailable ? 503 : 400).end(String.valueOf(e.getMessage()));
        });
    }
}
