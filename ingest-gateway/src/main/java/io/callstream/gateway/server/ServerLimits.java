package io.callstream.gateway.server;

import io.callstream.service.Env;
import java.time.Duration;

/**
 * What one client may hold of the gateway's HTTP server: time, connections and header bytes. An outsider can reach
 * the callback port, so none of these is unbounded (README, "ingest-gateway", has the defaults).
 *
 * @param idleTimeout         how long a connection may go without a request in progress: from its opening, or from
 *                            its last answer, until the head of its next request has arrived. A client that sends a
 *                            request head a byte at a time is cut off after this, however slowly it sends.
 * @param requestReadTimeout  how long a request's body may take to arrive once its head has
 * @param maxConnections      connections open at once across the gateway; beyond, a new connection is closed at once
 * @param maxHeaderBytes      the request's headers, in all
 * @param maxInitialLineBytes the request line ({@code POST /callback/<token>?sdkappid=...  HTTP/1.1})
 */
public record ServerLimits(Duration idleTimeout, Duration requestReadTimeout, int maxConnections, int maxHeaderBytes,
                           int maxInitialLineBytes) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;
    public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    public static final int DEFAULT_MAX_INITIAL_LINE_BYTES = 4096;

    public ServerLimits {
        if (idleTimeout.isZero() || requestReadTimeout.isZero()) {
            throw new Env.ConfigException("CALLSTREAM_GATEWAY_IDLE_TIMEOUT_MS and CALLSTREAM_GATEWAY_REQUEST_READ_TIMEOUT_MS"
                    + " must be above 0");
        }
    }

    public static ServerLimits from(Env env) {
        return new ServerLimits(
                env.millis("CALLSTREAM_GATEWAY_IDLE_TIMEOUT_MS", DEFAULT_IDLE_TIMEOUT),
                env.millis("CALLSTREAM_GATEWAY_REQUEST_READ_TIMEOUT_MS", DEFAULT_REQUEST_READ_TIMEOUT),
                env.positiveInt("CALLSTREAM_GATEWAY_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS),
                (int) env.longValue("CALLSTREAM_GATEWAY_MAX_HEADER_BYTES", DEFAULT_MAX_HEADER_BYTES, 1024, 1 << 20),
                (int) env.longValue("CALLSTREAM_GATEWAY_MAX_INITIAL_LINE_BYTES", DEFAULT_MAX_INITIAL_LINE_BYTES, 256, 1 << 16));
    }
}
