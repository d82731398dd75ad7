package io.callstream.service;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka client settings from the environment. {@code KAFKA_BOOTSTRAP_SERVERS} names the cluster; any other Kafka
 * setting passes through as a variable: {@code KAFKA_CLIENT_<SETTING>} for every client of the process,
 * {@code KAFKA_<ROLE>_<SETTING>} for one role (PRODUCER, CONSUMER, ADMIN, STREAMS), the role winning. The setting name
 * is the variable's tail in lower case with '_' as '.': {@code KAFKA_CLIENT_SASL_JAAS_CONFIG} is
 * {@code sasl.jaas.config}.
 */
public final class KafkaSettings {

    public static final String BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    private KafkaSettings() {
    }

    /** Settings for a client of the given role ({@code "PRODUCER"}, {@code "STREAMS"}, ...). */
    public static Map<String, Object> forRole(Env env, String role) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", env.string(BOOTSTRAP, DEFAULT_BOOTSTRAP));
        props.putAll(passThrough(env.all(), "KAFKA_CLIENT_"));
        props.putAll(passThrough(env.all(), "KAFKA_" + role.toUpperCase(Locale.ROOT) + "_"));
        return props;
    }

    static Map<String, String> passThrough(Map<String, String> variables, String prefix) {
        Map<String, String> props = new HashMap<>();
        variables.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                props.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return props;
    }
}
