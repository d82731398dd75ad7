package io.callstream.topology.app;

import io.callstream.service.Env;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one connection may take of a query listener (the public one and the instances' own): it is closed after
 * {@code idleTimeout} without a byte either way; its request line and headers are bounded (longer: 414 and 431, before
 * any handler runs); and the listener holds at most {@code maxConnections} at once. A connection beyond that is
 * answered 503 and closed, so a flood of idle or slow connections costs a bounded amount and the listener serves again
 * as soon as they are gone.
 *
 * @param idleTimeout       {@code CALLSTREAM_QUERY_IDLE_TIMEOUT_MS}
 * @param maxHeaderBytes    {@code CALLSTREAM_QUERY_MAX_HEADER_BYTES}: all header lines of a request together
 * @param maxLineBytes      {@code CALLSTREAM_QUERY_MAX_LINE_BYTES}: the request line (method, URI with its query, version)
 * @param maxConnections    {@code CALLSTREAM_QUERY_MAX_CONNECTIONS}, per listener
 */
public record HttpLimits(Duration idleTimeout, int maxHeaderBytes, int maxLineBytes, int maxConnections) {

    /** Longer than the 60 s a load balancer usually keeps an idle connection to its backends, so it closes first. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(75);
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    /** A vendor request's URI carries its UserSig (a few hundred characters): ample room. */
    public static final int DEFAULT_MAX_LINE_BYTES = 4 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    public HttpLimits {
        if (idleTimeout.toMillis() < 1 || maxHeaderBytes < 1 || maxLineBytes < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("HTTP limits must be positive: " + idleTimeout + ", " + maxHeaderBytes
                    + ", " + maxLineBytes + ", " + maxConnections);
        }
    }

    public static HttpLimits from(Env env) {
        return new HttpLimits(
                Duration.ofMillis(env.longValue("CALLSTREAM_QUERY_IDLE_TIMEOUT_MS", DEFAULT_IDLE_TIMEOUT.toMillis(), 100,
                        Integer.MAX_VALUE)),
                (int) env.longValue("CALLSTREAM_QUERY_MAX_HEADER_BYTES", DEFAULT_MAX_HEADER_BYTES, 1024, 1 << 20),
                (int) env.longValue("CALLSTREAM_QUERY_MAX_LINE_BYTES", DEFAULT_MAX_LINE_BYTES, 256, 1 << 20),
                (int) env.longValue("CALLSTREAM_QUERY_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS, 1, 1 << 20));
    }

    /**
     * How long a client to these listeners keeps an idle connection for reuse: well under the listener's idle timeout,
     * so that it never sends on a connection the server is closing. 0: do not reuse.
     */
    public int clientKeepAliveSeconds() {
        return (int) (idleTimeout.toMillis() / 2000);
    }

    /** A listener with these limits, serving {@code handler}. */
    public Future<HttpServer> listen(Vertx vertx, Handler<HttpServerRequest> handler, String host, int port) {
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout((int) idleTimeout.toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxHeaderSize(maxHeaderBytes).setMaxInitialLineLength(maxLineBytes);
        ConnectionCap cap = new ConnectionCap(maxConnections);
        return vertx.createHttpServer(options).connectionHandler(cap::opened)
                .requestHandler(request -> {
                    if (!cap.refuses(request)) {
                        handler.handle(request);
                    }
                })
                .listen(port, host);
    }

    /** Counts a listener's open connections; those opened beyond the cap get a 503 to their first request. */
    private static final class ConnectionCap {

        private final int max;
        private final AtomicInteger open = new AtomicInteger();
        private final Set<HttpConnection> overCap = ConcurrentHashMap.newKeySet();

        ConnectionCap(int max) {
            this.max = max;
        }

        void opened(HttpConnection connection) {
            if (open.incrementAndGet() > max) {
                overCap.add(connection);
            }
            connection.closeHandler(closed -> {
                open.decrementAndGet();
                overCap.remove(connection);
            });
        }

        boolean refuses(HttpServerRequest request) {
            if (!overCap.contains(request.connection())) {
                return false;
            }
            request.response().setStatusCode(503).putHeader("connection", "close").putHeader("retry-after", "1")
                    .end("too many connections; retry").onComplete(done -> request.connection().close());
            return true;
        }
    }
}
