package io.callstream.service.http;

import io.callstream.service.Env;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;

/**
 * What one client may hold of an HTTP listener: time, connections and header bytes. Outsiders reach the gateway's
 * callback port and the query port, so none of these is unbounded; {@link ConnectionGuard} holds a listener to them.
 * Each listener reads them from the environment under its own prefix (README, "Configuration", has the defaults).
 *
 * @param idleTimeout        {@code <prefix>_IDLE_TIMEOUT_MS}: how long a connection may go without a request in
 *                           progress, from its opening or from its last answer until the head of its next request has
 *                           arrived. A client that sends a request head a byte at a time is cut off after this,
 *                           however slowly it sends.
 * @param requestReadTimeout {@code <prefix>_REQUEST_READ_TIMEOUT_MS}: how long a request's body may take to arrive
 *                           once its head has
 * @param maxConnections     {@code <prefix>_MAX_CONNECTIONS}: connections open at once
 * @param maxHeaderBytes     {@code <prefix>_MAX_HEADER_BYTES}: all header lines of a request together; beyond, 431
 * @param maxLineBytes       {@code <prefix>_MAX_LINE_BYTES}: the request line (method, URI with its query, version);
 *                           beyond, 414
 */
public record ServerLimits(Duration idleTimeout, Duration requestReadTimeout, int maxConnections, int maxHeaderBytes,
                           int maxLineBytes) {

    public ServerLimits {
        if (idleTimeout.toMillis() < 1 || requestReadTimeout.toMillis() < 1 || maxConnections < 1 || maxHeaderBytes < 1
                || maxLineBytes < 1) {
            throw new IllegalArgumentException("server limits must be positive: " + idleTimeout + ", "
                    + requestReadTimeout + ", " + maxConnections + ", " + maxHeaderBytes + ", " + maxLineBytes);
        }
    }

    /** The limits under {@code prefix} (e.g. {@code CALLSTREAM_QUERY}), each unset one from {@code defaults}. */
    public static ServerLimits from(Env env, String prefix, ServerLimits defaults) {
        return new ServerLimits(
                Duration.ofMillis(env.longValue(prefix + "_IDLE_TIMEOUT_MS", defaults.idleTimeout.toMillis(), 100,
                        Integer.MAX_VALUE)),
                Duration.ofMillis(env.longValue(prefix + "_REQUEST_READ_TIMEOUT_MS", defaults.requestReadTimeout.toMillis(),
                        100, Integer.MAX_VALUE)),
                (int) env.longValue(prefix + "_MAX_CONNECTIONS", defaults.maxConnections, 1, 1 << 20),
                (int) env.longValue(prefix + "_MAX_HEADER_BYTES", defaults.maxHeaderBytes, 1024, 1 << 20),
                (int) env.longValue(prefix + "_MAX_LINE_BYTES", defaults.maxLineBytes, 256, 1 << 16));
    }

    /**
     * The server options these limits need. HTTP/1.1 only: the guard counts one request at a time per connection,
     * which HTTP/2's streams (h2c, on by default) would get around. No socket idle timeout: it restarts with every byte,
     * so the guard measures idleness instead.
     */
    public HttpServerOptions serverOptions() {
        return new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setMaxHeaderSize(maxHeaderBytes)
                .setMaxInitialLineLength(maxLineBytes)
                .setTcpNoDelay(true);
    }

    /**
     * How long a client of such a listener keeps an idle connection for reuse: well under the listener's idle timeout,
     * so that it never sends on a connection the server is closing. 0: do not reuse.
     */
    public int clientKeepAliveSeconds() {
        return (int) (idleTimeout.toMillis() / 2000);
    }
}
