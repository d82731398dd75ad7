package io.callstream.bench.topology;

import io.callstream.testkit.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * How fast a consumer group committed its way through a backlog: when it started, when it passed 10% and 90% of the
 * events, when it reached the end, and the CPU seconds the watched processes spent between 10% and 90%, and the
 * seconds their threads waited for a core, by thread group ({@link ThreadCpu}); with the app in this JVM, how long its
 * stream threads were blocked on Kafka between 10% and 90%, and the shares of their time at 90%
 * ({@link StreamThreadMetrics}).
 */
record CommittedProgress(long events, long startNanos, long tenNanos, long ninetyNanos, long endNanos,
                         Map<String, Double> cpuSeconds, Map<String, Double> runQueueSeconds, double blockedSeconds,
                         Map<String, Double> streamThreadRatios) {

    /** Events per second between 10% and 90% of the backlog: the steady state, without startup and the tail. */
    double steadyRate() {
        return events * 0.8 / ((ninetyNanos - tenNanos) / 1e9);
    }

    /** How long the steady state lasted: from 10% to 90% of the backlog; 0 when both came in one poll. */
    double steadySeconds() {
        return (ninetyNanos - tenNanos) / 1e9;
    }

    /** Events per second from the call of {@link #await} to the committed end. */
    double overallRate() {
        return events / ((endNanos - startNanos) / 1e9);
    }

    /** CPU microseconds per event between 10% and 90% spent by one thread group, 0 if it spent none. */
    double microsPerEvent(String group) {
        return cpuSeconds.getOrDefault(group, 0.0) * 1e6 / (events * 0.8);
    }

    /** Microseconds per event between 10% and 90% that one group's threads waited for a core, 0 if none did. */
    double runQueueMicrosPerEvent(String group) {
        return runQueueSeconds.getOrDefault(group, 0.0) * 1e6 / (events * 0.8);
    }

    /** Microseconds per event between 10% and 90% the stream threads were blocked on Kafka (commits, polls). */
    double blockedMicrosPerEvent() {
        return blockedSeconds * 1e6 / (events * 0.8);
    }

    /** Wall-clock microseconds per event between 10% and 90%: what one stream thread had for each event. */
    double wallMicrosPerEvent() {
        return 1e6 / steadyRate();
    }

    /** CPU microseconds per event between 10% and 90% spent by all the watched processes' threads. */
    double allMicrosPerEvent() {
        return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum() * 1e6 / (events * 0.8);
    }

    /**
     * Polls the group's committed offsets on {@code topic} every 50 ms until they reach the topic's end.
     *
     * @param events the events in the topic, for the rates (the filling producer is not transactional: no markers, so
     *               offsets count events)
     * @param pids   the processes whose threads' CPU time is counted
     */
    static CommittedProgress await(KafkaCluster kafka, String topic, String group, long events, List<Long> pids,
                                   Duration timeout) throws Exception {
        List<ThreadCpu> atTen = new ArrayList<>();
        Map<String, Double> cpu = new TreeMap<>();
        Map<String, Double> runQueue = new TreeMap<>();
        long started = System.nanoTime();
        Map<TopicPartition, Long> end = Offsets.end(kafka.admin(), List.of(topic));
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        double blockedAtTen = 0;
        double blocked = 0;
        Map<String, Double> ratios = Map.of();
        long ten = 0;
        long ninety = 0;
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, Long> committed = Offsets.committed(kafka.admin(), group);
            long done = end.keySet().stream().mapToLong(p -> committed.getOrDefault(p, 0L)).sum();
            long now = System.nanoTime();
            if (ten == 0 && done >= total / 10) {
                ten = now;
                pids.forEach(pid -> atTen.add(ThreadCpu.snapshot(pid)));
                blockedAtTen = StreamThreadMetrics.blockedSeconds(group);
            }
            if (ninety == 0 && done >= total * 9 / 10) {
                ninety = now;
                blocked = StreamThreadMetrics.blockedSeconds(group) - blockedAtTen;
                ratios = StreamThreadMetrics.ratios(group);
                for (int i = 0; i < pids.size(); i++) {
                    ThreadCpu atNinety = ThreadCpu.snapshot(pids.get(i));
                    atNinety.secondsSince(atTen.get(i)).forEach((g, sec) -> cpu.merge(g, sec, Double::sum));
                    atNinety.runQueueSecondsSince(atTen.get(i)).forEach((g, sec) -> runQueue.merge(g, sec, Double::sum));
                }
            }
            if (Offsets.reached(committed, end)) {
                return new CommittedProgress(events, started, ten, ninety, now, cpu, runQueue, blocked, ratios);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(group + " did not commit the end of " + topic + " within " + timeout);
    }
}
