package io.callstream.service.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds one HTTP server's connections to the {@link ServerLimits}: one without a request in progress for the idle
 * timeout is closed, and so is one whose request body has not fully arrived within the read timeout. A socket's idle
 * timeout alone would not do: it restarts with every byte, so a client sending a byte every few seconds would hold the
 * connection forever. A connection beyond the cap is closed at once or answered 503, as {@link OverCap} says.
 *
 * <p>Connections are checked by a periodic sweep rather than a timer each, so the bounds hold to within the sweep's
 * period (a fifth of the shorter timeout, at most a second). One guard serves one server, and all its work runs on
 * that server's event loop ({@link #listen} sees to it); only the count of open connections may be shared by several
 * servers (the gateway's, one per event loop).
 */
public final class ConnectionGuard {

    /** Why the gateway closed a connection, as the metric tag and log field say it. */
    public enum Cut {
        OVER_CAP("over_cap"), IDLE("idle"), READ_TIMEOUT("read_timeout");

        private final String tag;

        Cut(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /** What a connection beyond the cap gets. */
    public enum OverCap {
        /**
         * Closed at once: there may be no request on it yet to answer. For a sender that retries a failed connection
         * as it retries an error (the vendor's callbacks).
         */
        CLOSE,
        /**
         * Its first request is answered 503 with {@code Retry-After}, then it is closed: clients (analysts, other
         * instances) see why. At most as many such connections as the cap are held at once (each until its first
         * request or its idle timeout); beyond that they are closed at once.
         */
        ANSWER_503
    }

    private final ServerLimits limits;
    private final OverCap overCap;
    private final String server;
    private final AtomicInteger open;
    private int heldOverCap;
    private final Handler<Cut> onCut;
    private final RefusalLog refusals;
    private final Map<HttpConnection, Tracked> connections = new IdentityHashMap<>();
    private Vertx vertx;
    private long sweepTimer = -1;

    /**
     * @param server   the listener's name in logs
     * @param open     connections open on the listener, shared by every server's guard when several serve it
     * @param onCut    told of each connection the guard closes (metrics)
     * @param refusals where a closed connection is logged
     */
    public ConnectionGuard(String server, ServerLimits limits, OverCap overCap, AtomicInteger open, Handler<Cut> onCut,
                           RefusalLog refusals) {
        this.server = server;
        this.limits = limits;
        this.overCap = overCap;
        this.open = open;
        this.onCut = onCut;
        this.refusals = refusals;
    }

    /**
     * Starts the sweep and a server with the limits' options serving {@code handler}, both on one event loop: the
     * caller's when it runs on one (a verticle), else a new one, so that the guard's state is never shared between
     * threads.
     */
    public Future<HttpServer> listen(Vertx vertx, Handler<HttpServerRequest> handler, String host, int port) {
        Context context = vertx.getOrCreateContext();
        Promise<HttpServer> listening = Promise.promise();
        context.runOnContext(v -> {
            this.vertx = vertx;
            sweepTimer = vertx.setPeriodic(sweepPeriod(limits).toMillis(), id -> sweep());
            vertx.createHttpServer(limits.serverOptions())
                    .connectionHandler(this::connected)
                    .requestHandler(tracking(handler))
                    .listen(port, host)
                    .onComplete(listening);
        });
        return listening.future();
    }

    public void stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    static Duration sweepPeriod(ServerLimits limits) {
        Duration shorter = limits.idleTimeout().compareTo(limits.requestReadTimeout()) < 0
                ? limits.idleTimeout() : limits.requestReadTimeout();
        long millis = Math.max(10, Math.min(1000, shorter.toMillis() / 5));
        return Duration.ofMillis(millis);
    }

    private void connected(HttpConnection connection) {
        boolean over = open.incrementAndGet() > limits.maxConnections();
        if (over) {
            open.decrementAndGet();
            if (overCap == OverCap.CLOSE || heldOverCap >= limits.maxConnections()) {
                cut(connection, Cut.OVER_CAP);
                return;
            }
            heldOverCap++;
        }
        connections.put(connection, new Tracked(System.nanoTime(), over));
        connection.closeHandler(v -> {
            Tracked closed = connections.remove(connection);
            if (closed == null) {
                return;
            }
            if (closed.overCap) {
                heldOverCap--;
            } else {
                open.decrementAndGet();
            }
        });
    }

    /** Wraps the server's request handler: each request is noted on its connection before {@code next} sees it. */
    private Handler<HttpServerRequest> tracking(Handler<HttpServerRequest> next) {
        return request -> {
            Tracked tracked = connections.get(request.connection());
            if (tracked == null) {
                // A connection closed over the cap (or closing): its request is not served.
                return;
            }
            if (tracked.overCap) {
                answerOverCap(request);
                return;
            }
            tracked.request = request;
            tracked.since = System.nanoTime();
            next.handle(request);
        };
    }

    /** Connections of this server the guard tracks (open and not over the cap). */
    int tracked() {
        return connections.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        long idleNanos = limits.idleTimeout().toNanos();
        long readNanos = limits.requestReadTimeout().toNanos();
        for (Map.Entry<HttpConnection, Tracked> entry : new ArrayList<>(connections.entrySet())) {
            Tracked tracked = entry.getValue();
            HttpServerRequest request = tracked.request;
            if (request != null && !request.isEnded()) {
                if (now - tracked.since > readNanos) {
                    cut(entry.getKey(), Cut.READ_TIMEOUT);
                }
            } else if (request == null) {
                if (now - tracked.since > idleNanos) {
                    cut(entry.getKey(), Cut.IDLE);
                }
            } else if (request.response().ended()) {
                // Answered: from now on the connection waits for its next request.
                tracked.request = null;
                tracked.since = now;
            }
            // Otherwise the request is read and waits for its answer, which the ack timeout bounds.
        }
    }

    private void answerOverCap(HttpServerRequest request) {
        onCut.handle(Cut.OVER_CAP);
        refusals.warn("connection over the cap answered 503", "server", server,
                "remote", String.valueOf(request.connection().remoteAddress()), "limit", limits.maxConnections());
        request.response().setStatusCode(503).putHeader("connection", "close").putHeader("retry-after", "1")
                .end("too many connections; retry").onComplete(done -> request.connection().close());
    }

    private void cut(HttpConnection connection, Cut why) {
        onCut.handle(why);
        refusals.warn("connection closed", "server", server, "reason", why.tag(),
                "remote", String.valueOf(connection.remoteAddress()), "limit", switch (why) {
                    case IDLE -> limits.idleTimeout().toMillis();
                    case READ_TIMEOUT -> limits.requestReadTimeout().toMillis();
                    case OVER_CAP -> limits.maxConnections();
                });
        connection.close();
    }

    /**
     * A connection's request in progress (null while it waits for the next one), and since when; whether it was
     * opened over the cap, to be answered 503.
     */
    private static final class Tracked {
        final boolean overCap;
        HttpServerRequest request;
        long since;

        Tracked(long since, boolean overCap) {
            this.since = since;
            this.overCap = overCap;
        }
    }
}
