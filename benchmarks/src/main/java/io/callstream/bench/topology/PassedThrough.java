package io.callstream.bench.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The app's own settings in the benchmark's environment, {@code KAFKA_STREAMS_*} and {@code CALLSTREAM_*} (e.g.
 * KAFKA_STREAMS_COMMIT_INTERVAL_MS or CALLSTREAM_PROCESSING_GUARANTEE): they pass through to every Streams run a
 * benchmark makes, so that one setting changes the app and what it is compared with alike.
 */
final class PassedThrough {

    private static final Map<String, String> VARIABLES = System.getenv().entrySet().stream()
            .filter(e -> e.getKey().startsWith("KAFKA_STREAMS_") || e.getKey().startsWith("CALLSTREAM_"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    private PassedThrough() {
    }

    /** A run's variables: those the benchmark sets ({@code own}), and the settings passed through besides. */
    static Map<String, String> with(Map<String, String> own) {
        Map<String, String> env = new HashMap<>(own);
        VARIABLES.forEach(env::putIfAbsent);
        return env;
    }

    /** The settings passed through that the benchmark does not set itself, as NAME=value, for the report. */
    static List<String> describe(Map<String, String> own) {
        return VARIABLES.entrySet().stream().filter(e -> !own.containsKey(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    }
}
