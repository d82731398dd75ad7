package io.callstream.service;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Typed access to configuration in environment variables, with defaults. Every process of callstream is configured
 * this way (twelve-factor), and every variable it reads is listed in the README.
 *
 * <p>Errors name the variable and the offending value, so a misconfigured pod fails at start with a message an operator
 * can act on. {@link #effective()} returns what was read, secrets masked, for the startup log.
 */
public final class Env {

    private static final Set<String> SECRET_MARKERS = Set.of("TOKEN", "SECRET", "PASSWORD", "JAAS", "KEY");

    private final Map<String, String> variables;
    private final Map<String, String> read = new TreeMap<>();

    public Env(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    /** All variables, for pass-through settings such as {@link KafkaSettings}. */
    public Map<String, String> all() {
        return variables;
    }

    public Optional<String> optional(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        remember(name, value.trim());
        return Optional.of(value.trim());
    }

    public String string(String name, String fallback) {
        return optional(name).orElseGet(() -> {
            remember(name, fallback);
            return fallback;
        });
    }

    public String required(String name, String hint) {
        return optional(name).orElseThrow(() -> new ConfigException(name + " is not set: " + hint));
    }

    public int integer(String name, int fallback) {
        return (int) longValue(name, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public int positiveInt(String name, int fallback) {
        return (int) longValue(name, fallback, 1, Integer.MAX_VALUE);
    }

    public long longValue(String name, long fallback, long min, long max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            remember(name, Long.toString(fallback));
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be an integer, got '" + raw.get() + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A duration given in milliseconds. */
    public Duration millis(String name, Duration fallback) {
        return Duration.ofMillis(longValue(name, fallback.toMillis(), 0, Long.MAX_VALUE));
    }

    /** A comma-separated list, blanks dropped. */
    public List<String> list(String name, List<String> fallback) {
        return optional(name)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElseGet(() -> {
                    remember(name, String.join(",", fallback));
                    return fallback;
                });
    }

    public boolean bool(String name, boolean fallback) {
        return optional(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, got '" + v + "'");
        }).orElse(fallback);
    }

    /** What this process read, with defaults applied and secrets masked. */
    public synchronized Map<String, String> effective() {
        return Map.copyOf(read);
    }

    private synchronized void remember(String name, String value) {
        boolean secret = SECRET_MARKERS.stream().anyMatch(name.toUpperCase(Locale.ROOT)::contains);
        read.put(name, secret && value != null && !value.isEmpty() ? "****" : String.valueOf(value));
    }

    /** A configuration problem, reported at start. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
