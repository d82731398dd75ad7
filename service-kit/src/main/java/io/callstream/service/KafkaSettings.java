package io.callstream.service;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /**
     * The variable that gives {@code setting} to a client of the role, as {@link #forRole} reads them: the role's own
     * ({@code KAFKA_<ROLE>_...}) when set, else the one for every client ({@code KAFKA_CLIENT_...}); empty when neither
     * sets it. For messages that name what the operator must change.
     */
    public static Optional<String> variableFor(Env env, String role, String setting) {
        Optional<String> own = variableFor(env.all(), "KAFKA_" + role.toUpperCase(Locale.ROOT) + "_", setting);
        return own.isPresent() ? own : variableFor(env.all(), "KAFKA_CLIENT_", setting);
    }

    static Map<String, String> passThrough(Map<String, String> variables, String prefix) {
        Map<String, String> props = new HashMap<>();
        variables.forEach((name, value) -> settingOf(name, prefix).ifPresent(setting -> props.put(setting, value)));
        return props;
    }

    private static Optional<String> variableFor(Map<String, String> variables, String prefix, String setting) {
        return variables.keySet().stream().filter(name -> settingOf(name, prefix).filter(setting::equals).isPresent())
                .sorted().findFirst();
    }

    /** {@code KAFKA_CLIENT_SASL_JAAS_CONFIG} with prefix {@code KAFKA_CLIENT_} is {@code sasl.jaas.config}. */
    private static Optional<String> settingOf(String variable, String prefix) {
        return variable.startsWith(prefix) && variable.length() > prefix.length()
                ? Optional.of(variable.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'))
                : Optional.empty();
    }
}
