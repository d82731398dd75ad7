package io.callstream.topology;

import io.callstream.schemas.topic.Topics;
import io.callstream.topology.stats.StatsZone;
import io.callstream.topology.stats.processor.StatsListener;
import java.time.Duration;

/**
 * What the statistics half of the topology (R7, R8) is built from.
 *
 * @param enabled          off: the topology folds records only (the benchmark's comparison)
 * @param zone             the zone of hours and days
 * @param retention        how long windows and daily statistics are kept (R9)
 * @param publishEvery     how often changed windows and days are written to their topics (wall clock)
 * @param maxSpan          the longest a call counts as in progress (only absurd timestamps make a longer one)
 * @param concurrencyTopic {@code ConcurrencyWindow}s
 * @param dailyTopic       {@code DailyStats}
 */
public record StatsConfig(boolean enabled, StatsZone zone, Duration retention, Duration publishEvery, Duration maxSpan,
                          String concurrencyTopic, String dailyTopic, StatsListener listener) {

    /** R9: statistics are kept for a year. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(365);
    /** The shortest retention: the overview's "this month" and a week's rolling maximum stay whole. */
    public static final Duration MIN_RETENTION = Duration.ofDays(31);
    public static final Duration DEFAULT_PUBLISH_EVERY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_SPAN = Duration.ofDays(7);

    public static StatsConfig defaults() {
        return new StatsConfig(true, StatsZone.UTC, DEFAULT_RETENTION, DEFAULT_PUBLISH_EVERY, DEFAULT_MAX_SPAN,
                Topics.CONCURRENCY.name(), Topics.DAILY_STATS.name(), StatsListener.NONE);
    }

    public StatsConfig withZone(StatsZone newZone) {
        return new StatsConfig(enabled, newZone, retention, publishEvery, maxSpan, concurrencyTopic, dailyTopic, listener);
    }

    public StatsConfig withListener(StatsListener newListener) {
        return new StatsConfig(enabled, zone, retention, publishEvery, maxSpan, concurrencyTopic, dailyTopic, newListener);
    }
}
