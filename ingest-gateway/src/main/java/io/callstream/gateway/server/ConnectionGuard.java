package io.callstream.gateway.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds one HTTP server's connections to the {@link ServerLimits}: a connection beyond the gateway's cap is closed at
 * once (there may be no request on it yet to answer; the sender retries a failed connection as it retries an error),
 * one without a request in progress for the idle timeout is closed, and so is one whose request body has not fully
 * arrived within the read timeout. A socket's idle timeout alone would not do: it restarts with every byte, so a
 * client sending a byte every few seconds would hold the connection forever.
 *
 * <p>Connections are checked by a periodic sweep rather than a timer each, so the bounds hold to within the sweep's
 * period (a fifth of the shorter timeout, at most a second). One guard serves one server, and all its work runs on
 * that server's event loop; only the count of open connections is shared by the gateway's servers.
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

    private final ServerLimits limits;
    private final AtomicInteger open;
    private final Handler<Cut> onCut;
    private final RefusalLog refusals;
    private final Map<HttpConnection, Tracked> connections = new IdentityHashMap<>();
    private Vertx vertx;
    private long sweepTimer = -1;

    /**
     * @param open     connections open across the gateway, shared by every server's guard
     * @param onCut    told of each connection the guard closes (metrics)
     * @param refusals where a closed connection is logged
     */
    public ConnectionGuard(ServerLimits limits, AtomicInteger open, Handler<Cut> onCut, RefusalLog refusals) {
        this.limits = limits;
        this.open = open;
        this.onCut = onCut;
        this.refusals = refusals;
    }

    /** Starts the sweep; call on the server's event loop. */
    public void start(Vertx vertx) {
        this.vertx = vertx;
        sweepTimer = vertx.setPeriodic(sweepPeriod(limits).toMillis(), id -> sweep());
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

    /** The server's connection handler. */
    public void connected(HttpConnection connection) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            cut(connection, Cut.OVER_CAP);
            return;
        }
        connections.put(connection, new Tracked(System.nanoTime()));
        connection.closeHandler(v -> {
            if (connections.remove(connection) != null) {
                open.decrementAndGet();
            }
        });
    }

    /** Wraps the server's request handler: each request is noted on its connection before {@code next} sees it. */
    public Handler<HttpServerRequest> tracking(Handler<HttpServerRequest> next) {
        return request -> {
            Tracked tracked = connections.get(request.connection());
            if (tracked == null) {
                // A connection closed over the cap (or closing): its request is not served.
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

    private void cut(HttpConnection connection, Cut why) {
        onCut.handle(why);
        refusals.warn("connection closed by the gateway", "reason", why.tag(),
                "remote", String.valueOf(connection.remoteAddress()), "limit", switch (why) {
                    case IDLE -> limits.idleTimeout().toMillis();
                    case READ_TIMEOUT -> limits.requestReadTimeout().toMillis();
                    case OVER_CAP -> limits.maxConnections();
                });
        connection.close();
    }

    /** A connection's request in progress (null while it waits for the next one), and since when. */
    private static final class Tracked {
        HttpServerRequest request;
        long since;

        Tracked(long since) {
            this.since = since;
        }
    }
}
