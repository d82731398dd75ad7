package io.callstream.gateway.publish;

import io.callstream.service.Env;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The producer settings the gateway's promise rests on, checked before it starts: a callback answered 0 is in Kafka,
 * and no event loop ever waits for Kafka. {@code KAFKA_CLIENT_*} and {@code KAFKA_PRODUCER_*} may override any other
 * producer setting; these three they may only confirm:
 * <ul>
 *   <li>{@code acks}: {@code all} (or {@code -1}, the same). With {@code 1} or {@code 0} the acknowledgement the
 *       gateway answers from no longer means the write is replicated: a broker failure loses acknowledged callbacks,
 *       which the sender never retries.</li>
 *   <li>{@code enable.idempotence}: {@code true}. The producer retries on its own; without idempotence a retry can
 *       duplicate or, with several requests in flight, reorder what was acknowledged.</li>
 *   <li>{@code max.block.ms}: at most {@link #MAX_BLOCK_MS}, which is 0. {@link CallbackPublisher} calls
 *       {@code send} on the request's event loop, and {@code send} waits up to {@code max.block.ms} for metadata or
 *       buffer space, exactly when Kafka is slow or away, so for every callback then: each waiting {@code send} holds
 *       every connection of that loop, with its ack timeouts, which run on the same loop. At 0 such a {@code send}
 *       fails at once and the callback is answered 503, which the sender retries; waiting would gain nothing the
 *       retry does not. Metadata is fetched before the gateway listens, off the event loops.</li>
 * </ul>
 */
public final class DurableProducerSettings {

    /** The longest {@code send} may block an event loop: not at all. */
    public static final long MAX_BLOCK_MS = 0;

    private DurableProducerSettings() {
    }

    /**
     * @param producer   the producer's settings, defaults and overrides merged
     * @param variableOf the variable that set a setting, for the message; empty when none did (a default)
     * @throws Env.ConfigException naming the variable and what to do, for the first setting that breaks the promise
     */
    public static void check(Map<String, Object> producer, Function<String, Optional<String>> variableOf) {
        String acks = text(producer, "acks");
        if (!acks.equals("all") && !acks.equals("-1")) {
            throw refused(variableOf, "acks", acks, "the gateway answers a callback only once Kafka holds it, "
                    + "replicated: that needs acks=all (or -1); unset it");
        }
        String idempotence = text(producer, "enable.idempotence");
        if (!idempotence.toLowerCase(Locale.ROOT).equals("true")) {
            throw refused(variableOf, "enable.idempotence", idempotence, "the producer's own retries must neither "
                    + "duplicate nor reorder acknowledged callbacks: that needs enable.idempotence=true; unset it");
        }
        String maxBlock = text(producer, "max.block.ms");
        long maxBlockMs;
        try {
            maxBlockMs = Long.parseLong(maxBlock);
        } catch (NumberFormatException e) {
            throw refused(variableOf, "max.block.ms", maxBlock, "it must be a number of milliseconds, at most "
                    + MAX_BLOCK_MS + "; unset it");
        }
        if (maxBlockMs < 0 || maxBlockMs > MAX_BLOCK_MS) {
            throw refused(variableOf, "max.block.ms", maxBlock, "the gateway sends on its event loops, which must "
                    + "never wait for Kafka: at most " + MAX_BLOCK_MS + " ms (a send that cannot go at once is answered "
                    + "503 and retried by the sender); unset it");
        }
    }

    private static String text(Map<String, Object> producer, String setting) {
        return String.valueOf(producer.get(setting)).trim();
    }

    private static Env.ConfigException refused(Function<String, Optional<String>> variableOf, String setting,
                                               String value, String why) {
        String variable = variableOf.apply(setting).orElse("the producer setting " + setting);
        return new Env.ConfigException(variable + "=" + value + " is refused: " + why);
    }
}
