package io.callstream.schemas.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every callstream topic with its default name and settings: the one place they are defined.
 *
 * <p>Partition counts bound the parallelism of the Streams application; {@link #EVENTS} and {@link #CALL_RECORDS}
 * must have the same count, because the fold keeps each call's state in the partition its key hashes to.
 */
public final class Topics {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /**
     * Raw callbacks as {@code CallEvent}, key {@code <sdkAppId>/<callId>}. Written by the gateway. The fold restores its
     * event log from it, so it is never compacted, and keeps events a day longer than the fold keeps a call's state.
     */
    public static final TopicSpec EVENTS = new TopicSpec("callkit.events", 6, Map.of(
            "cleanup.policy", "delete",
            "retention.ms", Long.toString(8 * DAY_MS)),
            "every accepted callback, normalized, with its raw body");

    /** Callbacks the gateway could not normalize: raw bytes, query and reason (headers), key = request id. */
    public static final TopicSpec EVENTS_DLQ = new TopicSpec("callkit.events.dlq", 1, Map.of(
            "cleanup.policy", "delete",
            "retention.ms", Long.toString(30 * DAY_MS)),
            "malformed callbacks, kept verbatim with the reason they were rejected");

    /**
     * Events the Streams application could not decode or refused to fold: the source record's raw key, value and
     * headers, plus headers naming its topic, partition, offset, the exception and the reason (docs/architecture.md).
     */
    public static final TopicSpec TOPOLOGY_DLQ = new TopicSpec("callkit.topology.dlq", 1, Map.of(
            "cleanup.policy", "delete",
            "retention.ms", Long.toString(30 * DAY_MS)),
            "events the fold could not decode or refused, kept verbatim with the reason, for replay");

    /** Folded {@code CallRecord}s, key {@code <sdkAppId>/<callId>}; compacted so the latest revision wins (R6, R9). */
    public static final TopicSpec CALL_RECORDS = new TopicSpec("callkit.call-records", 6, Map.of(
            "cleanup.policy", "compact,delete",
            "retention.ms", Long.toString(90 * DAY_MS),
            "min.compaction.lag.ms", Long.toString(Duration.ofMinutes(10).toMillis())),
            "one finished record per call, revised by late events");

    /** {@code ConcurrencyWindow}s, key {@code <sdkAppId>/<scope>/<granularity>/<windowStartTs>}; compacted (R7). */
    public static final TopicSpec CONCURRENCY = new TopicSpec("callkit.concurrency", 3, Map.of(
            "cleanup.policy", "compact,delete",
            "retention.ms", Long.toString(365 * DAY_MS)),
            "max concurrent calls per minute, hour and day window");

    /** {@code DailyStats}, key {@code <sdkAppId>/<scope>/<day>}; compacted (R8, R9). */
    public static final TopicSpec DAILY_STATS = new TopicSpec("callkit.daily-stats", 3, Map.of(
            "cleanup.policy", "compact,delete",
            "retention.ms", Long.toString(365 * DAY_MS)),
            "per-day call statistics");

    private Topics() {
    }

    public static List<TopicSpec> all() {
        return List.of(EVENTS, EVENTS_DLQ, TOPOLOGY_DLQ, CALL_RECORDS, CONCURRENCY, DAILY_STATS);
    }
}
