package io.callstream.topology.stats;

import java.util.Arrays;

/**
 * How many calls were in progress at each second of one minute (R7, one-second resolution). Counts are additive: the
 * counts of several partitions, or a call added and another subtracted, sum second by second before a maximum is
 * taken, which is what lets the statistics be fed by every partition of the fold.
 */
public final class SecondCounts {

    public static final int SECONDS = 60;

    private final int[] counts;

    private SecondCounts(int[] counts) {
        this.counts = counts;
    }

    public static SecondCounts empty() {
        return new SecondCounts(new int[SECONDS]);
    }

    /** Adds {@code delta} to the seconds {@code [from, to)} of the minute (offsets 0..60). */
    public void add(int from, int to, int delta) {
        for (int s = from; s < to; s++) {
            counts[s] += delta;
        }
    }

    /** Adds another minute's counts, second by second. */
    public void add(SecondCounts other) {
        for (int s = 0; s < SECONDS; s++) {
            counts[s] += other.counts[s];
        }
    }

    public int at(int second) {
        return counts[second];
    }

    public boolean isZero() {
        for (int c : counts) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /** The largest count of the minute (0 when no call was in progress). */
    public int max() {
        int max = 0;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        return max;
    }

    /** The first second (offset in the minute) at which {@link #max} is reached; -1 when the max is 0. */
    public int peakOffset() {
        int max = max();
        if (max == 0) {
            return -1;
        }
        for (int s = 0; s < SECONDS; s++) {
            if (counts[s] == max) {
                return s;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** 60 zig-zag varints: a minute of small counts takes about 60 bytes. */
    public byte[] encode() {
        byte[] out = new byte[SECONDS * 5]; // a varint of an int takes at most five bytes
        int pos = 0;
        for (int c : counts) {
            int v = (c << 1) ^ (c >> 31);
            while ((v & ~0x7f) != 0) {
                out[pos++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            out[pos++] = (byte) v;
        }
        return Arrays.copyOf(out, pos);
    }

    public static SecondCounts decode(byte[] bytes) {
        int[] counts = new int[SECONDS];
        int pos = 0;
        for (int s = 0; s < SECONDS; s++) {
            int v = 0;
            int shift = 0;
            int b;
            do {
                b = bytes[pos++];
                v |= (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            counts[s] = (v >>> 1) ^ -(v & 1);
        }
        return new SecondCounts(counts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecondCounts other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.toString(counts);
    }
}
