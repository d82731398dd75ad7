package io.callstream.topology.stats.processor;

import io.callstream.schemas.ConcurrencyWindow;
import io.callstream.schemas.DailyStats;

/**
 * What the statistics publish, for one of their two topics: a window ({@code callkit.concurrency}) or a day
 * ({@code callkit.daily-stats}), or the tombstone of one that no longer has anything in it (null value). Never
 * serialized: the topology splits it by topic right after the processor.
 */
public record StatsOutput(boolean isWindow, ConcurrencyWindow window, DailyStats day) {

    static StatsOutput of(ConcurrencyWindow window) {
        return new StatsOutput(true, window, null);
    }

    static StatsOutput windowDeleted() {
        return new StatsOutput(true, null, null);
    }

    static StatsOutput of(DailyStats day) {
        return new StatsOutput(false, null, day);
    }

    static StatsOutput dayDeleted() {
        return new StatsOutput(false, null, null);
    }
}
