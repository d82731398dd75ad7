package io.callstream.launcher.run;

import io.callstream.gateway.callback.CallbackTokens;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment the gateway and the Streams app are configured from: the process environment, with what the
 * launcher knows filled in. The services read it through their own {@code GatewayConfig.from} /
 * {@code StreamsAppConfig.from}, exactly as when they run alone; the launcher adds no configuration of its own.
 */
public final class ServiceEnvironment {

    static final String SDKAPPIDS = "CALLSTREAM_SDKAPPIDS";
    static final String SECRET_KEYS = "CALLSTREAM_SECRET_KEYS";
    private static final String LOOPBACK = "127.0.0.1";

    private ServiceEnvironment() {
    }

    /**
     * @param bootstrapServers the embedded broker's address, or null when {@code KAFKA_BOOTSTRAP_SERVERS} names one
     * @param key              the demo app's key; becomes {@code CALLSTREAM_SECRET_KEYS} unless that is set
     * @param clusterSecret    the local mode's {@code CALLSTREAM_CLUSTER_SECRET} ({@link ClusterSecret}), or null
     * @param token            the local mode's callback token, or null; becomes {@code CALLSTREAM_CALLBACK_TOKEN} unless
     *                         that says a token or {@code none}
     */
    public static Map<String, String> of(LaunchSettings settings, String bootstrapServers, SecretKey key,
                                         String clusterSecret, CallbackToken token) {
        Map<String, String> env = new HashMap<>(settings.env());
        if (bootstrapServers != null) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
            // Instances find each other by this name; alone on a laptop, the host name may not even resolve.
            env.putIfAbsent("CALLSTREAM_ADVERTISED_HOST", "localhost");
            // A clean stop leaves the consumer group, but after a crash (kill -9, a laptop going to sleep) the broker
            // holds the old member's partitions until its session expires (45 s by default), and queries answer
            // 101001 meanwhile. Alone on a laptop, a short session costs nothing and makes that take seconds.
            env.putIfAbsent("KAFKA_STREAMS_SESSION_TIMEOUT_MS", "10000");
        }
        long app = sdkAppId(settings);
        if (settings.sdkAppId().isPresent()) {
            env.put(SDKAPPIDS, Long.toString(app));
        } else if (settings.embeddedBroker()) {
            // The demo app only in local mode: against a real cluster the gateway must be told whom to accept.
            env.putIfAbsent(SDKAPPIDS, Long.toString(app));
        }
        if (key != null) {
            env.putIfAbsent(SECRET_KEYS, app + ":" + key.value());
        }
        if (clusterSecret != null) {
            env.putIfAbsent(ClusterSecret.VARIABLE, clusterSecret);
        }
        if (settings.embeddedBroker()) {
            // Alone on a laptop no other instance calls this one: its internal listener stays on the loopback, on any
            // free port (advertised as bound), so it neither clashes with another program nor is reachable from outside.
            env.putIfAbsent("CALLSTREAM_INTERNAL_HOST", LOOPBACK);
            env.putIfAbsent("CALLSTREAM_INTERNAL_PORT", "0");
        }
        String givenToken = env.get(CallbackTokens.VARIABLE);
        if (token != null && (givenToken == null || givenToken.isBlank())) {
            env.put(CallbackTokens.VARIABLE, token.value());
        }
        env.putIfAbsent("CALLSTREAM_STATE_DIR", settings.data().streamsState().toString());
        settings.gatewayPort().ifPresent(p -> env.put("CALLSTREAM_GATEWAY_PORT", Integer.toString(p)));
        settings.queryPort().ifPresent(p -> env.put("CALLSTREAM_QUERY_PORT", Integer.toString(p)));
        return env;
    }

    /** The app the printed examples are for: {@code --sdkappid}, else the first configured one, else the demo app. */
    public static long sdkAppId(LaunchSettings settings) {
        if (settings.sdkAppId().isPresent()) {
            return settings.sdkAppId().getAsLong();
        }
        String configured = settings.env().get(SDKAPPIDS);
        if (configured != null && !configured.isBlank()) {
            String first = configured.split(",")[0].trim();
            try {
                return Long.parseLong(first);
            } catch (NumberFormatException e) {
                // GatewayConfig reports it, naming the variable
            }
        }
        return LaunchSettings.DEMO_SDKAPPID;
    }
}
