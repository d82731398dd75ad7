package io.callstream.topology;

import io.callstream.schemas.topic.Topics;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.record.FoldListener;
import java.time.Duration;

/**
 * What the topology is built from: topic names, fold timings, the statistics' settings and listeners for metrics. No
 * I/O: a test builds one with {@link #defaults()} and drives the topology with {@code TopologyTestDriver}.
 *
 * @param deadLetterTopic where the exception handlers put the events that cannot be decoded or are refused
 *                        ({@code io.callstream.topology.deadletter}); named here with the other topics, so that
 *                        whatever creates the application's topics finds it
 */
public record TopologyConfig(String eventsTopic, String recordsTopic, String deadLetterTopic,
                             CallRecordProcessor.Timings timings, int cachedCalls, Duration recordRetention,
                             FoldListener listener, StatsConfig stats) {

    public static final Duration DEFAULT_SETTLE_DELAY = Duration.ofSeconds(3);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(6);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_PUNCTUATE_EVERY = Duration.ofMillis(250);
    /** Calls kept decoded per task: a few MiB, and enough for the calls active within a few seconds at 10k events/s. */
    public static final int DEFAULT_CACHED_CALLS = 2_000;
    /** R9: records stay queryable for 90 days. */
    public static final Duration DEFAULT_RECORD_RETENTION = Duration.ofDays(90);

    public static TopologyConfig defaults() {
        return new TopologyConfig(Topics.EVENTS.name(), Topics.CALL_RECORDS.name(), Topics.TOPOLOGY_DLQ.name(),
                new CallRecordProcessor.Timings(DEFAULT_SETTLE_DELAY, DEFAULT_IDLE_TIMEOUT, DEFAULT_RETENTION,
                        DEFAULT_PUNCTUATE_EVERY),
                DEFAULT_CACHED_CALLS, DEFAULT_RECORD_RETENTION, FoldListener.NONE, StatsConfig.defaults());
    }

    public TopologyConfig withListener(FoldListener newListener) {
        return new TopologyConfig(eventsTopic, recordsTopic, deadLetterTopic, timings, cachedCalls, recordRetention, newListener, stats);
    }

    public TopologyConfig withCachedCalls(int calls) {
        return new TopologyConfig(eventsTopic, recordsTopic, deadLetterTopic, timings, calls, recordRetention, listener, stats);
    }

    public TopologyConfig withTimings(CallRecordProcessor.Timings newTimings) {
        return new TopologyConfig(eventsTopic, recordsTopic, deadLetterTopic, newTimings, cachedCalls, recordRetention, listener, stats);
    }

    public TopologyConfig withStats(StatsConfig newStats) {
        return new TopologyConfig(eventsTopic, recordsTopic, deadLetterTopic, timings, cachedCalls, recordRetention, listener, newStats);
    }
}
