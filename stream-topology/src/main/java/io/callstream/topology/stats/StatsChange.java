package io.callstream.topology.stats;

/**
 * A call record replaced by its next revision, as the statistics see it: they subtract what the call counted for
 * {@code before} and add what it counts for {@code after} (a first record has no before).
 */
public record StatsChange(long sdkAppId, CallFigures before, CallFigures after) {

    /** Whether the change moves any statistic (a revision that only adds a callback to the count does not). */
    public boolean isEffective() {
        return before == null ? after != null : !before.equals(after);
    }
}
