package io.callstream.launcher.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The log format, chosen before anything logs. The services log JSON lines by default (for collectors); the launcher
 * is mostly run by people at a terminal, so its default is text. {@code CALLSTREAM_LOG_FORMAT} or {@code --log-format}
 * choose; the shared logback configuration reads the choice as a system property.
 */
public enum LogFormat {
    TEXT, JSON;

    static final String VARIABLE = "CALLSTREAM_LOG_FORMAT";

    /** The format the arguments and environment ask for. */
    public static LogFormat chosen(List<String> args, Map<String, String> env) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--log-format=")) {
                return parse(arg.substring("--log-format=".length()));
            }
            if (arg.equals("--log-format") && i + 1 < args.size()) {
                return parse(args.get(i + 1));
            }
        }
        String fromEnv = env.get(VARIABLE);
        return fromEnv == null || fromEnv.isBlank() ? TEXT : parse(fromEnv);
    }

    /**
     * Sets up console logging; call before the first logger is created. Tells logback the format (the shared
     * configuration reads {@code ${CALLSTREAM_LOG_FORMAT}}, system properties before the environment) and keeps
     * Log4j's complaint that it has no implementation off the console. Log4j's API comes with Kafka's server, which
     * logs through SLF4J; only its dynamic log-level controller touches Log4j.
     */
    public static void apply(LogFormat format) {
        System.setProperty(VARIABLE, format.name().toLowerCase(Locale.ROOT));
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }

    private static LogFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return TEXT; // picocli reports the bad value when it parses the same argument
        }
    }
}
