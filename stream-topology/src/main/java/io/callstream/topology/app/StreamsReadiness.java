package io.callstream.topology.app;

import io.callstream.service.OpsRoutes;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether this instance folds and answers: the client RUNNING and every one of its stream threads alive. A thread that
 * died (and is being replaced, or is not) leaves its partitions unprocessed while the client may still say RUNNING.
 */
final class StreamsReadiness {

    private static final String THREAD_ALIVE = "RUNNING";
    /** How long after a stream thread's failure the instance stays not ready, even when its replacement runs. */
    static final Duration FAILURE_QUARANTINE = Duration.ofMinutes(1);

    private StreamsReadiness() {
    }

    /**
     * @param threadStates    the states of the client's stream threads ({@code ThreadMetadata.threadState()})
     * @param expectedThreads {@code num.stream.threads}
     * @param replacements    the stream threads replaced since start, to say why an instance is not ready
     * @param failedRecently  a stream thread failed within {@link #FAILURE_QUARANTINE}: a thread that fails on every
     *                        record it reads flaps between REBALANCING and RUNNING, and a probe must not catch it at
     *                        a RUNNING moment
     */
    static OpsRoutes.Readiness of(boolean closing, KafkaStreams.State state, Collection<String> threadStates,
                                  int expectedThreads, long replacements, boolean failedRecently) {
        if (closing) {
            return OpsRoutes.Readiness.notReady("shutting down");
        }
        if (state != KafkaStreams.State.RUNNING) {
            return OpsRoutes.Readiness.notReady("Kafka Streams " + state);
        }
        long alive = threadStates.stream().filter(THREAD_ALIVE::equals).count();
        if (alive < expectedThreads) {
            return OpsRoutes.Readiness.notReady("Kafka Streams RUNNING but " + alive + " of " + expectedThreads
                    + " stream threads running (" + String.join(", ", threadStates) + "; " + replacements
                    + " replaced since start)");
        }
        if (failedRecently) {
            return OpsRoutes.Readiness.notReady("a stream thread failed within the last "
                    + FAILURE_QUARANTINE.toSeconds() + " s (" + replacements + " replaced since start)");
        }
        return OpsRoutes.Readiness.ready("Kafka Streams RUNNING");
    }
}
