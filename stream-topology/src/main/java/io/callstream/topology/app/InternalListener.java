package io.callstream.topology.app;

import io.callstream.service.Env;
import io.callstream.topology.query.internal.InternalRequestAuth;
import java.util.OptionalInt;

/**
 * The listener on which the instances answer each other's parts of a query, apart from the public query port so that
 * it can be kept off every Service and ingress clients reach, and authenticated with the cluster secret.
 *
 * @param host           {@code CALLSTREAM_INTERNAL_HOST}
 * @param port           {@code CALLSTREAM_INTERNAL_PORT}; 0: any free port (tests, the launcher's local mode)
 * @param advertisedHost {@code CALLSTREAM_ADVERTISED_HOST}: where the other instances reach this one, a name or address
 *                       routable from them (a pod's DNS name)
 * @param advertisedPort {@code CALLSTREAM_ADVERTISED_PORT}; when absent, the port the listener is bound to
 * @param auth           signs requests to the other instances and checks theirs ({@code CALLSTREAM_CLUSTER_SECRET})
 */
public record InternalListener(String host, int port, String advertisedHost, OptionalInt advertisedPort,
                               InternalRequestAuth auth) {

    public static final int DEFAULT_PORT = 8082;

    static InternalListener from(Env env) {
        return new InternalListener(
                env.string("CALLSTREAM_INTERNAL_HOST", "0.0.0.0"),
                (int) env.longValue("CALLSTREAM_INTERNAL_PORT", DEFAULT_PORT, 0, 65535),
                env.optional("CALLSTREAM_ADVERTISED_HOST").orElseGet(InternalListener::localHostName),
                env.optional("CALLSTREAM_ADVERTISED_PORT").isPresent()
                        ? OptionalInt.of((int) env.longValue("CALLSTREAM_ADVERTISED_PORT", 0, 1, 65535)) : OptionalInt.empty(),
                InternalRequestAuth.from(env));
    }

    /** {@code host:port} as Kafka Streams' {@code application.server}, for the port the listener is bound to. */
    String applicationServer(int boundPort) {
        return advertisedHost + ":" + advertisedPort.orElse(boundPort);
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
