package io.callstream.bench.topology;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Kafka Streams' own metrics of an application's stream threads, read over JMX in this JVM: how long they were blocked
 * on Kafka (the producer's flush and the transaction's commit, the consumer's poll), and the shares of their time the
 * last metrics window gave to processing, punctuating, committing and polling. Empty when the app runs in a JVM of its
 * own (BENCH_APP_CPUS).
 */
final class StreamThreadMetrics {

    static final List<String> RATIOS = List.of("process-ratio", "punctuate-ratio", "commit-ratio", "poll-ratio");

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private StreamThreadMetrics() {
    }

    /** Seconds the application's stream threads spent blocked on Kafka so far, summed; 0 when none is in this JVM. */
    static double blockedSeconds(String applicationId) {
        return threads(applicationId).stream().mapToDouble(t -> attribute(t, "blocked-time-ns-total")).sum() / 1e9;
    }

    /** Each of {@link #RATIOS}, averaged over the application's stream threads; empty when none is in this JVM. */
    static Map<String, Double> ratios(String applicationId) {
        Set<ObjectName> threads = threads(applicationId);
        Map<String, Double> ratios = new LinkedHashMap<>();
        if (!threads.isEmpty()) {
            RATIOS.forEach(r -> ratios.put(r, threads.stream().mapToDouble(t -> attribute(t, r)).average().orElse(0)));
        }
        return ratios;
    }

    private static Set<ObjectName> threads(String applicationId) {
        try {
            // a client id is <application id>-<uuid>, a thread id <client id>-StreamThread-<n>
            return SERVER.queryNames(new ObjectName("kafka.streams:type=stream-thread-metrics,thread-id=" + applicationId + "-*"), null);
        } catch (JMException e) {
            return Set.of();
        }
    }

    private static double attribute(ObjectName thread, String name) {
        try {
            return ((Number) SERVER.getAttribute(thread, name)).doubleValue();
        } catch (JMException | ClassCastException e) {
            return 0;
        }
    }
}
