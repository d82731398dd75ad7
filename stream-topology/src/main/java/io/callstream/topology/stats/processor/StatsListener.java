package io.callstream.topology.stats.processor;

/** What the statistics report as they go, for metrics (as {@code FoldListener} does for the fold). */
public interface StatsListener {

    StatsListener NONE = new StatsListener() {
    };

    /** A record of the statistics' repartition topic without a value (their own writer sends none); skipped. */
    default void nullChange() {
    }

    /** A call record's change reached the statistics. */
    default void changeApplied() {
    }

    /** A call counted as in progress for less than its span: the span was longer than the longest counted. */
    default void spanClamped() {
    }

    /**
     * A revision took a participant out of a day or type (the call moved): the day's sketch cannot take the user out,
     * so the user stays counted there too.
     */
    default void removalNotApplied() {
    }

    /** Windows ({@code concurrency}) or days ({@code daily}) written to their topic, tombstones included. */
    default void published(String what, int count) {
    }
}
