package io.callstream.topology.query.stats;

/**
 * The most calls in progress at one second of a range, and the first second it happened (R7); {@link #NONE} when no
 * call was in progress in it.
 */
public record Peak(int maxConcurrent, Long peakTs) {

    public static final Peak NONE = new Peak(0, null);

    /** The larger of this and a peak from later in time: on a tie the earlier second stays the peak. */
    Peak orLater(Peak later) {
        return later.maxConcurrent > maxConcurrent ? later : this;
    }
}
