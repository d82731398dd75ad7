package io.callstream.topology;

import io.callstream.schemas.topic.Topics;
import io.callstream.topology.record.CallRecordProcessor;
import io.callstream.topology.record.EventsRetention;
import io.callstream.topology.fold.EventTimeWindow;
import io.callstream.topology.record.FoldListener;
import java.time.Duration;

/**
 * What the topology is built from: topic names, fold timings and limits, the statistics' settings and listeners for metrics. No
 * I/O: a test builds one with {@link #defaults()} and drives the topology with {@code TopologyTestDriver}.
 *
 * @param deadLetterTopic where the exception handlers put the events that cannot be decoded or are refused
 *                        ({@code io.callstream.topology.deadletter}); named here with the other topics, so that
 *                        whatever creates the application's topics finds it
 * @param openCallStateWritten whether the fold also writes the state of calls without a record when they open and
 *                        become complete, which it otherwise works out from their facts: builds before this one
 *                        cannot, so a rolling upgrade from one, or a rollback to one, needs it for a while
 *                        (deploy/README.md, "Upgrade without losing a callback")
 */
public record TopologyConfig(String eventsTopic, String recordsTopic, String deadLetterTopic,
                             CallRecordProcessor.Timings timings, CallRecordProcessor.Limits limits, int cachedCalls,
                             boolean openCallStateWritten, Duration recordRetention,
                             FoldListener listener, StatsConfig stats) {

    public static final Duration DEFAULT_SETTLE_DELAY = Duration.ofSeconds(3);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(6);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /**
     * What {@code callkit.events} is created with, the state's retention and a day ({@link CallRecordProcessor.Timings}):
     * the application reads the topic's own when it starts.
     */
    public static final EventsRetention DEFAULT_EVENTS_RETENTION =
            new EventsRetention(Duration.ofMillis(Long.parseLong(Topics.EVENTS.configs().get("retention.ms"))), true);
    public static final Duration DEFAULT_PUNCTUATE_EVERY = Duration.ofMillis(250);
    /**
     * Calls kept decoded per task: about 10 MiB (a call of seven callbacks takes about 1.7 KiB decoded, its vocabulary
     * shared), and room for the calls in progress and those settling per partition when 10,000 calls are in progress
     * over six partitions at 45,000 events/s; a call that left is read back from RocksDB when it comes due, for more
     * than a callback's whole fold costs (docs/benchmarks.md).
     */
    public static final int DEFAULT_CACHED_CALLS = 6_000;
    /** R9: records stay queryable for 90 days. */
    public static final Duration DEFAULT_RECORD_RETENTION = Duration.ofDays(90);
    /**
     * A 100-person group call makes about 500 distinct callbacks (each callee's invitation answer and end, the caller's
     * per callee and its own): four times that is still a bounded cost per callback.
     */
    public static final int DEFAULT_MAX_FACTS_PER_CALL = 2_000;
    /** A few seconds of a busy partition's due work: one transaction's worth. */
    public static final int DEFAULT_MAX_DUE_PER_PUNCTUATION = 2_000;
    /** Well above the steady state's lag (well under a second), well below the idle timeout. */
    public static final Duration DEFAULT_CATCH_UP_LAG = Duration.ofMinutes(1);

    public static TopologyConfig defaults() {
        return new TopologyConfig(Topics.EVENTS.name(), Topics.CALL_RECORDS.name(), Topics.TOPOLOGY_DLQ.name(),
                new CallRecordProcessor.Timings(DEFAULT_SETTLE_DELAY, DEFAULT_IDLE_TIMEOUT, DEFAULT_RETENTION,
                        DEFAULT_PUNCTUATE_EVERY, DEFAULT_EVENTS_RETENTION),
                defaultLimits(), DEFAULT_CACHED_CALLS, false, DEFAULT_RECORD_RETENTION, FoldListener.NONE, StatsConfig.defaults());
    }

    public static CallRecordProcessor.Limits defaultLimits() {
        return new CallRecordProcessor.Limits(DEFAULT_MAX_FACTS_PER_CALL, EventTimeWindow.defaults(),
                DEFAULT_MAX_DUE_PER_PUNCTUATION, DEFAULT_CATCH_UP_LAG);
    }

    public TopologyConfig withListener(FoldListener newListener) {
        return new TopologyConfig(eventsTopic, recordsTopic, deadLetterTopic, timings, limits, cachedCalls,
                openCallStateWritten, recordRetention, newListener, stats);
    }

    public TopologyConfig withCachedCalls(int calls) {
        return new TopologyConfig(eventsTopic, recordsTopic, deadLetterTopic, timings, limits, calls,
                openCallStateWritten, recordRetention, listener, stats);
    }

    public TopologyConfig withLimits(CallRecordProcessor.Limits newLimits) {
        return new TopologyConfig(eventsTopic, recordsTopic, deadLetterTopic, timings, newLimits, cachedCalls,
                openCallStateWritten, recordRetention, listener, stats);
    }

    /** @param written whether the fold also writes the state of calls without a record ({@link CallRecordProcessor}) */
    public TopologyConfig withOpenCallStateWritten(boolean written) {
        return new TopologyConfig(eventsTopic, recordsTopic, deadLetterTopic, timings, limits, cachedCalls, written,
                recordRetention, listener, stats);
    }

    /** @param retention how long the events topic keeps an event, as read from it ({@link CallRecordProcessor.Timings}) */
    public TopologyConfig withEventsRetention(EventsRetention retention) {
        CallRecordProcessor.Timings t = timings;
        return new TopologyConfig(eventsTopic, recordsTopic, deadLetterTopic, new CallRecordProcessor.Timings(t.settleDelay(),
                t.idleTimeout(), t.retention(), t.punctuateEvery(), retention), limits, cachedCalls, openCallStateWritten,
                recordRetention, listener, stats);
    }

    public TopologyConfig withStats(StatsConfig newStats) {
        return new TopologyConfig(eventsTopic, recordsTopic, deadLetterTopic, timings, limits, cachedCalls,
                openCallStateWritten, recordRetention, listener, newStats);
    }
}
